import copy
import datetime

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationAdmin,
    TranslationStackedInline,
)
from simple_history.admin import SimpleHistoryAdmin

from cancilleria.base.admin_paneles import PanelesAdminMixin
from cancilleria.base.admin_publicacion import (
    EstadoListFilter,
    ParteDePublicableAdminMixin,
    PublicableAdminMixin,
)
from cancilleria.base.admin_salvaguardas import SalvaguardasAdminMixin
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin
from cancilleria.base.traducciones import resumen_traducciones
from cancilleria.directorio import admin as cancilleria_admin
from cancilleria.directorio.models import Cargo, Consulado

from . import services
from .forms import EventoConConsuladosForm, ParticipacionForm
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
    form = ParticipacionForm
    fields = ["persona", "cargo", "rol", "sesion_ref", "orden"]
    extra = 0
    autocomplete_fields = ["persona", "cargo"]
    classes = ["participaciones-del-evento"]


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
    PanelesAdminMixin,
    BusquedaSinAcentosAdmin,
    SalvaguardasAdminMixin,
    PublicableAdminMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    servicios = services
    nombre_objeto = "evento"
    # The desk's panels; the programme, speakers, partners and coverage follow as their
    # own panels (inlines).
    paneles = (
        (
            _("Evento"),
            ("nombre", "slug", "tipo", "internacional", "modalidad", "inicio", "fin", "lugar")
            + ("idiomas",),
        ),
        (
            _("Público y descripción"),
            ("descripcion", "publico", "asistentes", "asistentes_mas_de", "temas"),
        ),
        (_("Organizador"), ("organizador",)),
        (_("Consulados participantes"), ("consulados", "consulados_texto", "consulados_region")),
    )
    # The consulates are one grouped, searchable box on the form (no 39-row inline),
    # plus a box to paste them as the release lists them.
    form = EventoConConsuladosForm
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

    class Media:
        js = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/jquery.init.js", "js/escritorio.js"]
        css = {"all": ["css/escritorio.css"]}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ParticipacionInline):
            sesiones = list(obj.sesiones.order_by("orden", "pk")) if obj and obj.pk else []
            kwargs["form_kwargs"] = {**kwargs.get("form_kwargs", {}), "sesiones": sesiones}
        return kwargs

    def save_formset(self, request, form, formset, change):
        if formset.model is Participacion:
            # Rows may name sessions added in this same form, saved just before.
            nuevas = getattr(request, "_sesiones_del_formulario", {})
            for formulario in formset.forms:
                formulario.sesiones_nuevas = nuevas
        super().save_formset(request, form, formset, change)
        if formset.model is Sesion:
            request._sesiones_del_formulario = {
                f.prefix: f.instance for f in formset.forms if f.instance.pk
            }

    def get_form(self, request, obj=None, **kwargs):
        formulario = super().get_form(request, obj, **kwargs)
        campo = formulario.base_fields.get("consulados")
        if campo is not None:
            # A declared field gets no "+" from the admin: add it for those who may add a
            # consulate, on a copy (the declared field is shared by every request).
            campo = copy.deepcopy(campo)
            campo.widget = RelatedFieldWidgetWrapper(
                campo.widget,
                Evento._meta.get_field("consulados").remote_field,
                self.admin_site,
                can_add_related=request.user.has_perm("cancilleria.add_consulado"),
                can_change_related=False,
                can_delete_related=False,
                can_view_related=False,
            )
            formulario.base_fields["consulados"] = campo
        return formulario

    def get_urls(self):
        propias = [
            path(
                "cargo-en-fecha/",
                self.admin_site.admin_view(self.cargo_en_fecha),
                name="eventos_evento_cargo_en_fecha",
            ),
            path(
                "sesiones-del-evento/",
                self.admin_site.admin_view(self.sesiones_del_evento),
                name="eventos_evento_sesiones",
            ),
        ]
        return propias + super().get_urls()

    def cargo_en_fecha(self, request):
        """Answer the post a person held on a date (JSON), for the speaker rows."""
        if not self.has_view_or_change_permission(request) and not self.has_add_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        return JsonResponse({"cargo": cargo_en_fecha(request.GET)})

    def sesiones_del_evento(self, request):
        """Answer (JSON) one event's sessions, for the quote rows of a release."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        evento = request.GET.get("evento") or ""
        sesiones = (
            Sesion.objects.filter(evento_id=evento).order_by("orden", "inicio", "pk")
            if evento.isdigit()
            else Sesion.objects.none()
        )
        return JsonResponse({"sesiones": [{"id": s.pk, "texto": str(s)} for s in sesiones]})

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


def _fecha(parametros):
    texto = (parametros.get("fecha") or "").strip()
    # ISO, or the day as the admin's date box shows it (dd/mm/yyyy).
    partes = texto.split("/")
    if len(partes) == 3:
        texto = "-".join(reversed(partes))
    try:
        return datetime.date.fromisoformat(texto)
    except ValueError:
        pass
    evento = parametros.get("evento") or ""
    if evento.isdigit():
        inicio = Evento.objects.filter(pk=evento).values_list("inicio", flat=True).first()
        if inicio:
            return timezone.localdate(inicio)
    return timezone.localdate()


def cargo_en_fecha(parametros):
    """Return {id, texto} of the post `persona` held on `fecha` (or the event's day)."""
    persona = parametros.get("persona") or ""
    if not persona.isdigit():
        return None
    cargos = Cargo.objects.filter(persona_id=persona).select_related("persona")
    cargo = (
        cargos.vigentes(_fecha(parametros)).order_by("-desde", "-pk").first()
        or cargos.order_by("-desde", "-pk").first()
    )
    return {"id": cargo.pk, "texto": str(cargo)} if cargo else None


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
