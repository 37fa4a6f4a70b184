from django.contrib import admin
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import Adjunto, Cifra, Cita, Comunicado


class CifraInline(TranslationStackedInline):
    model = Cifra
    extra = 0
    autocomplete_fields = ["fuente"]


class CitaInline(TranslationStackedInline):
    model = Cita
    extra = 0
    autocomplete_fields = ["persona", "cargo"]


class AdjuntoInline(TranslationTabularInline):
    model = Adjunto
    extra = 0


@admin.register(Comunicado)
class ComunicadoAdmin(TabbedTranslationAdmin):
    list_display = ["titulo", "tipo", "ambito", "estado", "fecha_publicacion", "destacado"]
    list_filter = ["estado", "tipo", "ambito", "destacado", "temas"]
    search_fields = ["titulo_es", "titulo_en", "bajada_es", "slug"]
    date_hierarchy = "fecha_publicacion"
    autocomplete_fields = ["temas", "evento", "organizaciones", "personas"]
    prepopulated_fields = {"slug": ["titulo_es"]}
    inlines = [CifraInline, CitaInline, AdjuntoInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(Cifra)
class CifraAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "comunicado", "fuente"]
    list_select_related = ["comunicado", "fuente"]
    search_fields = ["descripcion_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "fuente"]


@admin.register(Cita)
class CitaAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "comunicado"]
    list_select_related = ["persona", "comunicado"]
    search_fields = ["texto_es", "persona__nombre", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "persona", "cargo", "sesion"]


@admin.register(Adjunto)
class AdjuntoAdmin(TabbedTranslationAdmin):
    list_display = ["titulo", "comunicado"]
    list_select_related = ["comunicado"]
    search_fields = ["titulo_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado"]
