from django.contrib import admin
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from cancilleria.base.admin_archivos import GuardadoDeArchivosAdminMixin
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin

from .models import AvisoAyuda, Cargo, Consulado, Organizacion, Persona, Tema


@admin.register(Tema)
class TemaAdmin(BusquedaSinAcentosAdmin, TabbedTranslationAdmin):
    list_display = ["nombre", "slug", "destacado", "sensible"]
    list_filter = ["destacado", "sensible"]
    list_select_related = ["aviso_ayuda"]
    search_fields = ["nombre_es", "nombre_en", "slug"]
    prepopulated_fields = {"slug": ["nombre_es"]}
    autocomplete_fields = ["aviso_ayuda"]


@admin.register(AvisoAyuda)
class AvisoAyudaAdmin(TabbedTranslationAdmin):
    list_display = ["nombre", "telefono", "url"]
    search_fields = ["nombre_es", "nombre_en", "telefono"]


class CargoInline(TranslationTabularInline):
    model = Cargo
    extra = 0
    autocomplete_fields = ["organizacion"]


@admin.register(Organizacion)
class OrganizacionAdmin(
    GuardadoDeArchivosAdminMixin, BusquedaSinAcentosAdmin, TabbedTranslationAdmin
):
    list_display = ["nombre", "sigla", "tipo", "pais", "padre"]
    list_filter = ["tipo"]
    list_select_related = ["padre"]
    search_fields = ["nombre_es", "nombre_en", "sigla_es", "sigla_en", "slug"]
    autocomplete_fields = ["padre"]
    prepopulated_fields = {"slug": ["nombre_es"]}

    def get_search_results(self, request, queryset, search_term):
        resultados, repetidos = super().get_search_results(request, queryset, search_term)
        termino = search_term.strip()
        if termino:
            # "OIT" finds the ILO first, then the offices whose names contain "OIT".
            exacta = Q(sigla_es__iexact=termino) | Q(sigla_en__iexact=termino)
            resultados = resultados.annotate(
                sigla_exacta=Case(When(exacta, then=Value(0)), default=Value(1))
            ).order_by("sigla_exacta", *(self.get_ordering(request) or ["nombre_es", "pk"]))
        return resultados, repetidos


@admin.register(Persona)
class PersonaAdmin(GuardadoDeArchivosAdminMixin, BusquedaSinAcentosAdmin, TabbedTranslationAdmin):
    list_display = ["nombre", "tratamiento", "slug"]
    search_fields = ["nombre", "slug", "cargos__titulo_es"]
    prepopulated_fields = {"slug": ["nombre"]}
    inlines = [CargoInline]


@admin.register(Cargo)
class CargoAdmin(BusquedaSinAcentosAdmin, TabbedTranslationAdmin):
    list_display = ["persona", "titulo", "organizacion", "desde", "hasta"]
    list_select_related = ["persona", "organizacion"]
    search_fields = ["persona__nombre", "titulo_es", "titulo_en", "organizacion__nombre_es"]
    autocomplete_fields = ["persona", "organizacion"]


@admin.register(Consulado)
class ConsuladoAdmin(BusquedaSinAcentosAdmin, TabbedTranslationAdmin):
    list_display = ["nombre", "pais", "ciudad", "tipo", "region_display"]
    list_filter = ["region", "tipo"]
    search_fields = ["nombre_es", "nombre_en", "ciudad", "slug", "pais", "alias"]
    prepopulated_fields = {"slug": ["nombre_es"]}

    @admin.display(description=_("región"), ordering="region")
    def region_display(self, obj):
        return obj.get_region_display()


admin.site.site_header = _("Cancillería del Perú — Sala de prensa")
admin.site.site_title = _("Sala de prensa")
admin.site.index_title = _("Administración de contenidos")
