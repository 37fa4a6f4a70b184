from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from cancilleria.base.admin_publicacion import (
    EstadoListFilter,
    ParteDePublicableAdminMixin,
    PublicableAdminMixin,
)
from cancilleria.base.admin_salvaguardas import SalvaguardasAdminMixin
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin
from cancilleria.base.traducciones import resumen_traducciones
from cancilleria.directorio import admin as cancilleria_admin
from cancilleria.directorio.models import Consulado

from . import services
from .forms import EventoAdminForm
from .models import (
    Cobertura,
    Colaboracion,
    Evento,
    Participacion,
    ParticipacionConsular,
    Resultado,
    Seguimiento,
    Sesion,
)


class SesionInline(TranslationStackedInline):
    model = Sesion
    extra = 0
    # Outcomes of a session are entered on the session's own page (no nested inlines).
    show_change_link = True


class ParticipacionInline(admin.TabularInline):
    model = Participacion
    extra = 0
    autocomplete_fields = ["persona", "cargo"]


class ColaboracionInline(admin.TabularInline):
    model = Colaboracion
    extra = 0
    autocomplete_fields = ["organizacion"]


class CoberturaInline(admin.TabularInline):
    """Links to partners' own stories about the event (shown, never fetched)."""

    model = Cobertura
    extra = 0
    autocomplete_fields = ["organizacion"]


@admin.register(Evento)
# Workflow first, then history (its save_model records the user), then the language tabs.
class EventoAdmin(
    BusquedaSinAcentosAdmin,
    SalvaguardasAdminMixin,
    PublicableAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    servicios = services
    nombre_objeto = "evento"
    # The consulates are one grouped, searchable box on the form (no 39-row inline).
    form = EventoAdminForm
    readonly_fields = ["idiomas"]
    url_vista_previa = "eventos:vista_previa"
    list_display = [
        "nombre",
        "tipo",
        "inicio_display",
        "estado_display",
        "publicacion_display",
        "idiomas_display",
        "organizador",
    ]
    list_filter = [
        EstadoListFilter,
        "tipo",
        "modalidad",
        ("organizador", admin.RelatedOnlyFieldListFilter),
        "consulados",
        "temas",
        ("inicio", admin.DateFieldListFilter),
    ]
    list_select_related = ["organizador"]
    # Counts next to each filter value (e.g. events per consulate), without a click.
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["nombre_es", "nombre_en", "lugar_es", "slug"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["organizador", "temas"]
    prepopulated_fields = {"slug": ["nombre_es"]}
    inlines = [SesionInline, ParticipacionInline, ColaboracionInline, CoberturaInline]

    @admin.display(description=_("idiomas"))
    def idiomas(self, obj):
        return resumen_traducciones(obj)

    @admin.display(description=_("inicio (hora de Lima)"), ordering="inicio")
    def inicio_display(self, obj):
        return date_format(timezone.localtime(obj.inicio), "SHORT_DATETIME_FORMAT")


# --- Working-table outcomes: entered on the session's page, followed up on each one ---


class ResultadoInline(TranslationStackedInline):
    model = Resultado
    extra = 0
    autocomplete_fields = ["responsable"]
    show_change_link = True
    fields = ["tipo", "texto", "responsable", "vence", "estado", "orden"]


class SeguimientoInline(TranslationStackedInline):
    model = Seguimiento
    extra = 0


class SeguimientoDeResultadoMixin:
    """Outcomes follow their event: a writer cannot change those of a published one."""

    def _padre_editable(self, request, obj):
        from cancilleria.base import services as servicios_comunes

        evento = obj.sesion.evento if obj is not None else None
        return evento is None or servicios_comunes.puede_editar(request.user, evento)


@admin.register(Sesion)
class SesionAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "evento"
    list_display = ["__str__", "evento", "tipo", "orden"]
    list_select_related = ["evento"]
    search_fields = ["titulo_es", "titulo_en", "evento__nombre_es"]
    autocomplete_fields = ["evento"]
    list_filter = ["tipo"]
    inlines = [ResultadoInline]


@admin.register(Resultado)
class ResultadoAdmin(
    SeguimientoDeResultadoMixin, ParteDePublicableAdminMixin, TabbedTranslationAdmin
):
    campo_padre = "sesion"
    list_display = ["__str__", "tipo", "responsable", "vence", "estado", "sesion"]
    list_select_related = ["responsable", "sesion__evento"]
    list_filter = ["tipo", "estado", ("responsable", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["texto_es", "texto_en", "sesion__titulo_es", "sesion__evento__nombre_es"]
    autocomplete_fields = ["sesion", "responsable"]
    inlines = [SeguimientoInline]


@admin.register(Participacion)
class ParticipacionAdmin(ParteDePublicableAdminMixin, admin.ModelAdmin):
    campo_padre = "evento"
    list_display = ["persona", "rol", "evento", "sesion"]
    list_select_related = ["persona", "evento", "sesion"]
    search_fields = ["persona__nombre", "evento__nombre_es"]
    autocomplete_fields = ["evento", "sesion", "persona", "cargo"]


@admin.register(ParticipacionConsular)
class ParticipacionConsularAdmin(ParteDePublicableAdminMixin, admin.ModelAdmin):
    campo_padre = "evento"
    list_display = ["consulado", "evento"]
    list_select_related = ["consulado", "evento"]
    list_filter = ["consulado__region"]
    search_fields = ["consulado__nombre_es", "evento__nombre_es"]
    autocomplete_fields = ["evento", "consulado"]


@admin.register(Colaboracion)
class ColaboracionAdmin(ParteDePublicableAdminMixin, admin.ModelAdmin):
    campo_padre = "evento"
    list_display = ["organizacion", "rol", "evento"]
    list_select_related = ["organizacion", "evento"]
    search_fields = ["organizacion__nombre_es", "evento__nombre_es"]
    autocomplete_fields = ["evento", "organizacion"]
    list_filter = [("rol", admin.ChoicesFieldListFilter)]


# --- The consulate's change page lists its events (cancilleria must not import eventos) ---


class EventosDelConsuladoInline(admin.TabularInline):
    """The consulate's events, newest first, read-only: they are edited on each event."""

    model = ParticipacionConsular
    fk_name = "consulado"
    # Shown by its own template as a plain table; nothing here is editable.
    fields = ["evento"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    template = "admin/eventos/eventos_del_consulado.html"
    verbose_name = _("evento con su participación")
    verbose_name_plural = _("eventos con su participación")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("evento")
            .order_by("-evento__inicio", "-evento_id")
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "eventos.ver_participacion_consular"
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Consulado)


@admin.register(Consulado)
class ConsuladoAdmin(cancilleria_admin.ConsuladoAdmin):
    inlines = [*cancilleria_admin.ConsuladoAdmin.inlines, EventosDelConsuladoInline]
