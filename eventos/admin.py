from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from .models import Colaboracion, Evento, Participacion, ParticipacionConsular, Sesion


class SesionInline(TranslationStackedInline):
    model = Sesion
    extra = 0


class ParticipacionInline(admin.TabularInline):
    model = Participacion
    extra = 0
    autocomplete_fields = ["persona", "cargo"]


class ColaboracionInline(admin.TabularInline):
    model = Colaboracion
    extra = 0
    autocomplete_fields = ["organizacion"]


class ParticipacionConsularInline(admin.TabularInline):
    model = ParticipacionConsular
    extra = 0
    autocomplete_fields = ["consulado"]


@admin.register(Evento)
class EventoAdmin(TabbedTranslationAdmin):
    list_display = ["nombre", "tipo", "modalidad", "inicio", "estado", "fecha_publicacion"]
    list_filter = ["estado", "tipo", "modalidad", "temas"]
    list_select_related = ["organizador"]
    search_fields = ["nombre_es", "nombre_en", "slug"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["organizador", "temas"]
    prepopulated_fields = {"slug": ["nombre_es"]}
    inlines = [SesionInline, ParticipacionInline, ColaboracionInline, ParticipacionConsularInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(Sesion)
class SesionAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "evento", "tipo", "orden"]
    list_select_related = ["evento"]
    search_fields = ["titulo_es", "titulo_en", "evento__nombre_es"]
    autocomplete_fields = ["evento"]


@admin.register(Participacion)
class ParticipacionAdmin(admin.ModelAdmin):
    list_display = ["persona", "rol", "evento", "sesion"]
    list_select_related = ["persona", "evento", "sesion"]
    search_fields = ["persona__nombre", "evento__nombre_es"]
    autocomplete_fields = ["evento", "sesion", "persona", "cargo"]


@admin.register(ParticipacionConsular)
class ParticipacionConsularAdmin(admin.ModelAdmin):
    list_display = ["consulado", "evento"]
    list_select_related = ["consulado", "evento"]
    list_filter = ["consulado__region"]
    search_fields = ["consulado__nombre_es", "evento__nombre_es"]
    autocomplete_fields = ["evento", "consulado"]


@admin.register(Colaboracion)
class ColaboracionAdmin(admin.ModelAdmin):
    list_display = ["organizacion", "rol", "evento"]
    list_select_related = ["organizacion", "evento"]
    search_fields = ["organizacion__nombre_es", "evento__nombre_es"]
    autocomplete_fields = ["evento", "organizacion"]
    list_filter = [("rol", admin.ChoicesFieldListFilter)]
