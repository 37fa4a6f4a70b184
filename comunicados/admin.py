from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from cancilleria.base.admin_publicacion import (
    EstadoListFilter,
    ParteDePublicableAdminMixin,
    PublicableAdminMixin,
)
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin
from cancilleria.base.traducciones import resumen_traducciones

from . import services
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
# Workflow first, then history (its save_model records the user), then the language tabs.
class ComunicadoAdmin(
    BusquedaSinAcentosAdmin, PublicableAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    servicios = services
    nombre_objeto = "comunicado"
    readonly_fields = ["idiomas"]
    url_vista_previa = "comunicados:vista_previa"
    list_display = [
        "titulo",
        "tipo",
        "estado_display",
        "publicacion_display",
        "idiomas_display",
        "destacado",
    ]
    list_filter = [
        EstadoListFilter,
        "tipo",
        "ambito",
        "temas",
        ("fecha_publicacion", admin.DateFieldListFilter),
        "destacado",
    ]
    search_fields = ["titulo_es", "titulo_en", "bajada_es", "bajada_en", "slug"]
    date_hierarchy = "fecha_publicacion"
    autocomplete_fields = ["temas", "evento", "organizaciones", "personas"]
    prepopulated_fields = {"slug": ["titulo_es"]}
    inlines = [CifraInline, CitaInline, AdjuntoInline]

    @admin.display(description=_("idiomas"))
    def idiomas(self, obj):
        return resumen_traducciones(obj)


@admin.register(Cifra)
class CifraAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "comunicado"
    list_display = ["__str__", "comunicado", "fuente"]
    list_select_related = ["comunicado", "fuente"]
    search_fields = ["descripcion_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "fuente"]


@admin.register(Cita)
class CitaAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "comunicado"
    list_display = ["__str__", "comunicado"]
    list_select_related = ["persona", "comunicado"]
    search_fields = ["texto_es", "persona__nombre", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "persona", "cargo", "sesion"]


@admin.register(Adjunto)
class AdjuntoAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "comunicado"
    list_display = ["titulo", "comunicado"]
    list_select_related = ["comunicado"]
    search_fields = ["titulo_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado"]
