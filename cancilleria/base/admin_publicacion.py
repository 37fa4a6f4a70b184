"""The publishing workflow in the admin: buttons, bulk actions, state column and filter.

Every state change goes through the app's `services` module, which checks permissions;
the admin only adds what a person sees: who may press what, and read-only fields.
"""

import datetime
import itertools

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.models import HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from . import services as servicios_comunes
from .models import Estado
from .traducciones import faltantes_por_idioma

# Fields only the publishing services change; never posted by someone without the right.
CAMPOS_DE_PUBLICACION = ("estado", "fecha_publicacion")
CLAVES_POST_PROTEGIDAS = (
    "estado",
    "fecha_publicacion",
    "fecha_publicacion_0",
    "fecha_publicacion_1",
)

PROGRAMADO = "programado"

BOTON_ENVIAR = "_enviar_a_revision"
BOTON_PUBLICAR = "_publicar_ahora"
BOTON_PROGRAMAR = "_programar"
BOTON_RETIRAR = "_retirar"
BOTONES = (BOTON_ENVIAR, BOTON_PUBLICAR, BOTON_PROGRAMAR, BOTON_RETIRAR)


def estado_visible(objeto, ahora=None):
    """Return (code, label) of the state a person sees: a future publication is scheduled."""
    ahora = ahora or timezone.now()
    if (
        objeto.estado == Estado.PUBLICADO
        and objeto.fecha_publicacion
        and objeto.fecha_publicacion > ahora
    ):
        return PROGRAMADO, _("Programado")
    return objeto.estado, Estado(objeto.estado).label.capitalize()


class AyudanteHistorial(HistoricalRecordContextHelper):
    """Show history changes as people read them: choice labels, no "None → empty"."""

    def context_for_delta_changes(self, delta):
        def vacio(valor):
            return valor in (None, "", "None", "—")

        cambios = super().context_for_delta_changes(delta)
        return [c for c in cambios if not (vacio(c["old"]) and vacio(c["new"]))]

    def prepare_delta_change_value(self, change, value):
        campo = self.model._meta.get_field(change.field)
        if value is None:
            return "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        if campo.choices and not campo.many_to_many:
            return dict(campo.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


class EstadoListFilter(admin.SimpleListFilter):
    """Filter by state, telling scheduled items apart from those already public."""

    title = gettext_lazy("estado")
    parameter_name = "estado"

    def lookups(self, request, model_admin):
        return [
            (Estado.BORRADOR, gettext_lazy("Borrador")),
            (Estado.EN_REVISION, gettext_lazy("En revisión")),
            (PROGRAMADO, gettext_lazy("Programado")),
            (Estado.PUBLICADO, gettext_lazy("Publicado")),
            (Estado.RETIRADO, gettext_lazy("Retirado")),
        ]

    def queryset(self, request, queryset):
        valor = self.value()
        if valor == PROGRAMADO:
            return queryset.programados()
        if valor == Estado.PUBLICADO:
            return queryset.publicados()
        if valor in (Estado.BORRADOR, Estado.EN_REVISION, Estado.RETIRADO):
            return queryset.filter(estado=valor)
        return None


class PublicableAdminMixin:
    """Put the publishing workflow into a ModelAdmin of a `Publicable` model.

    Subclasses set `servicios` (the app's services module), `nombre_objeto` (its keyword,
    e.g. "comunicado") and `url_vista_previa` (a URL name taking `slug`).
    """

    servicios = None
    nombre_objeto = None
    url_vista_previa = None
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["enviar_seleccionados_a_revision", "publicar_seleccionados", "retirar_seleccionados"]

    # -- permissions ---------------------------------------------------------------

    def has_publicar_permission(self, request, obj=None):
        return servicios_comunes.puede_publicar(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or obj.pk is None:
            return True
        if hasattr(obj, "_history"):
            # A past version (history/revert page): the rule follows the item as it is now.
            obj = self.model._default_manager.filter(pk=obj.pk).first() or obj
        return servicios_comunes.puede_editar(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        campos = list(super().get_readonly_fields(request, obj))
        campos.append("estado")
        if not self.has_publicar_permission(request) and "fecha_publicacion" not in campos:
            campos.append("fecha_publicacion")
        return campos

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The fields are read-only, so a form never posts them: a POST that does was crafted.
        if (
            request.method == "POST"
            and not self.has_publicar_permission(request)
            and any(clave in request.POST for clave in CLAVES_POST_PROTEGIDAS)
        ):
            raise PermissionDenied(_("No tiene permiso para publicar."))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # The state only changes through the services; the date only with the right to
        # publish. This also holds for the history's "revert" form.
        if change:
            actual = self.model._default_manager.get(pk=obj.pk)
            if not servicios_comunes.puede_editar(request.user, actual):
                raise PermissionDenied(_("No tiene permiso para modificar este elemento."))
            obj.estado = actual.estado
            if not self.has_publicar_permission(request) or "fecha_publicacion" not in form.fields:
                obj.fecha_publicacion = actual.fecha_publicacion
        else:
            obj.estado = Estado.BORRADOR
            obj.creado_por = request.user
            if not self.has_publicar_permission(request):
                obj.fecha_publicacion = None
        super().save_model(request, obj, form, change)

    # -- form ----------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        campo = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "fecha_publicacion" and campo is not None:
            campo.help_text = _(
                "Hora de Lima (%(zona)s). Una fecha futura, con «Programar», programa la "
                "publicación; «Publicar ahora» usa la hora actual."
            ) % {"zona": timezone.get_current_timezone_name()}
        return campo

    def get_fieldsets(self, request, obj=None):
        # State and date live in the "Publicación" panel, next to the buttons.
        conjuntos = []
        for nombre, opciones in super().get_fieldsets(request, obj):
            campos = [
                c
                for c in opciones.get("fields", ())
                if (c if isinstance(c, str) else None) not in CAMPOS_DE_PUBLICACION
            ]
            if campos:
                conjuntos.append((nombre, {**opciones, "fields": campos}))
        return conjuntos

    def get_form(self, request, obj=None, **kwargs):
        campos = kwargs.get("fields")
        if campos is not None and self.has_publicar_permission(request):
            # Not in the fieldsets (see above) but still a field of the form.
            kwargs["fields"] = [*campos, "fecha_publicacion"]
        formulario = super().get_form(request, obj, **kwargs)
        programando = request.method == "POST" and BOTON_PROGRAMAR in request.POST

        class FormularioPublicable(formulario):
            def clean(self):
                datos = super().clean()
                if "fecha_publicacion" not in self.fields:
                    return datos
                fecha = datos.get("fecha_publicacion")
                if programando and (fecha is None or fecha <= timezone.now()):
                    self.add_error(
                        "fecha_publicacion",
                        ValidationError(
                            _("Para programar, indique una fecha y hora futuras."),
                            code="fecha_no_futura",
                        ),
                    )
                elif fecha is None and self.instance.estado == Estado.PUBLICADO:
                    self.add_error(
                        "fecha_publicacion",
                        ValidationError(
                            _(
                                "Un elemento publicado necesita fecha de publicación; "
                                "use «Retirar» para quitarlo del sitio."
                            ),
                            code="publicado_sin_fecha",
                        ),
                    )
                return datos

        FormularioPublicable.__name__ = formulario.__name__
        return FormularioPublicable

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["flujo_publicacion"] = self._flujo(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _flujo(self, request, obj):
        puede_publicar = self.has_publicar_permission(request)
        puede_editar = self.has_change_permission(request, obj) or (
            obj is None and self.has_add_permission(request)
        )
        estado = obj.estado if obj is not None else Estado.BORRADOR
        botones = []
        if puede_editar and estado in (Estado.BORRADOR, Estado.RETIRADO):
            botones.append((BOTON_ENVIAR, _("Enviar a revisión")))
        if puede_publicar and puede_editar:
            if obj is None or not obj.es_publico:
                botones.append((BOTON_PUBLICAR, _("Publicar ahora")))
            botones.append((BOTON_PROGRAMAR, _("Programar")))
            if obj is not None and estado == Estado.PUBLICADO:
                botones.append((BOTON_RETIRAR, _("Retirar")))
        codigo, etiqueta = estado_visible(obj) if obj is not None else (estado, _("Borrador"))
        fecha = obj.fecha_publicacion if obj is not None else None
        return {
            "codigo": codigo,
            "etiqueta": etiqueta,
            "fecha": fecha,
            "zona": timezone.get_current_timezone_name(),
            "botones": botones,
            "puede_publicar": puede_publicar,
        }

    # -- buttons -------------------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        if boton := self._boton(request):
            return self._pulsar(request, obj, boton)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if boton := self._boton(request):
            return self._pulsar(request, obj, boton)
        return super().response_change(request, obj)

    def _boton(self, request):
        return next((boton for boton in BOTONES if boton in request.POST), None)

    def _pulsar(self, request, obj, boton):
        # Runs inside the admin's transaction: PermissionDenied undoes the whole save.
        argumentos = {self.nombre_objeto: obj, "usuario": request.user}
        try:
            if boton == BOTON_ENVIAR:
                self.servicios.enviar_a_revision(**argumentos)
                mensaje = _("«%(obj)s» se envió a revisión.")
            elif boton == BOTON_PUBLICAR:
                self.servicios.publicar(**argumentos)
                mensaje = _("«%(obj)s» está publicado.")
            elif boton == BOTON_PROGRAMAR:
                self.servicios.publicar(**argumentos, fecha=obj.fecha_publicacion)
                mensaje = _("«%(obj)s» se publicará el %(fecha)s (hora de Lima).")
            else:
                self.servicios.retirar(**argumentos)
                mensaje = _("«%(obj)s» se retiró del sitio.")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            fecha = obj.fecha_publicacion
            self.message_user(
                request,
                mensaje
                % {
                    "obj": obj,
                    "fecha": date_format(timezone.localtime(fecha), "DATETIME_FORMAT")
                    if fecha
                    else "",
                },
                messages.SUCCESS,
            )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    # -- bulk actions --------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        # A hidden action posted anyway is a forbidden request, not "no action selected".
        if (
            request.method == "POST"
            and request.POST.get("action") in ("publicar_seleccionados", "retirar_seleccionados")
            and not self.has_publicar_permission(request)
        ):
            raise PermissionDenied(_("No tiene permiso para publicar."))
        return super().changelist_view(request, extra_context)

    def _en_bloque(self, request, queryset, funcion, **extra):
        hechos, errores = 0, []
        for obj in queryset:
            try:
                funcion(**{self.nombre_objeto: obj, "usuario": request.user}, **extra)
            except ValidationError as error:
                errores.extend(error.messages)
            else:
                hechos += 1
        for error in errores:
            self.message_user(request, error, messages.WARNING)
        return hechos

    @admin.action(description=gettext_lazy("Enviar a revisión"), permissions=["change"])
    def enviar_seleccionados_a_revision(self, request, queryset):
        hechos = self._en_bloque(request, queryset, self.servicios.enviar_a_revision)
        self.message_user(
            request,
            ngettext("%d elemento enviado a revisión.", "%d elementos enviados a revisión.", hechos)
            % hechos,
        )

    @admin.action(description=gettext_lazy("Publicar ahora"), permissions=["publicar"])
    def publicar_seleccionados(self, request, queryset):
        hechos = self._en_bloque(request, queryset, self.servicios.publicar)
        self.message_user(
            request, ngettext("%d elemento publicado.", "%d elementos publicados.", hechos) % hechos
        )

    @admin.action(description=gettext_lazy("Retirar del sitio"), permissions=["publicar"])
    def retirar_seleccionados(self, request, queryset):
        hechos = self._en_bloque(request, queryset, self.servicios.retirar)
        self.message_user(
            request, ngettext("%d elemento retirado.", "%d elementos retirados.", hechos) % hechos
        )

    # -- change list ---------------------------------------------------------------

    @admin.display(description=gettext_lazy("estado"), ordering="estado")
    def estado_display(self, obj):
        codigo, etiqueta = estado_visible(obj)
        return format_html('<span class="estado estado--{}">{}</span>', codigo, etiqueta)

    @admin.display(
        description=gettext_lazy("publicación (hora de Lima)"), ordering="fecha_publicacion"
    )
    def publicacion_display(self, obj):
        if not obj.fecha_publicacion:
            return "—"
        return date_format(timezone.localtime(obj.fecha_publicacion), "SHORT_DATETIME_FORMAT")

    @admin.display(description=gettext_lazy("idiomas completos"))
    def idiomas_display(self, obj):
        # The same rule as the form's "Idiomas" line (cancilleria.base.traducciones).
        faltantes = faltantes_por_idioma(obj)
        return format_html_join(
            " ",
            '<span class="idioma idioma--{}" title="{}">{} {}</span>',
            (
                (
                    "incompleto" if faltan else "completo",
                    _("falta: %(campos)s")
                    % {
                        "campos": ", ".join(
                            str(obj._meta.get_field(c).verbose_name) for c in faltan
                        )
                    }
                    if faltan
                    else _("completo"),
                    idioma.upper(),
                    "—" if faltan else "✓",
                )
                for idioma, faltan in faltantes.items()
            ),
        )

    # -- history -------------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return AyudanteHistorial(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The library diffs many-to-many fields with queries per version; read the whole
        # page's rows at once instead, so the page costs the same with 3 or 100 versions.
        registros = list(historical_records)
        campos_m2m = list(self.model.history.model._history_m2m_fields)
        filas = {}
        for campo in campos_m2m:
            inverso = get_m2m_reverse_field_name(campo)
            consulta = (
                HistoricalRecords.m2m_models[campo]
                .objects.filter(history__in=[r.history_id for r in registros])
                .select_related(inverso)
                .order_by(inverso)
            )
            for fila in consulta:
                filas.setdefault((campo.name, fila.history_id), []).append(getattr(fila, inverso))
        for nuevo, viejo in itertools.pairwise(registros):
            delta = nuevo.diff_against(
                viejo,
                excluded_fields=[c.name for c in campos_m2m],
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            cambios = self.get_historical_record_context_helper(
                request, nuevo
            ).context_for_delta_changes(delta)
            for campo in campos_m2m:
                antes = filas.get((campo.name, viejo.history_id), [])
                despues = filas.get((campo.name, nuevo.history_id), [])
                if antes != despues:
                    cambios.append(
                        {
                            "field": capfirst(campo.verbose_name),
                            "old": ", ".join(map(str, antes)) or "—",
                            "new": ", ".join(map(str, despues)) or "—",
                        }
                    )
            nuevo.history_delta_changes = cambios

    # -- preview -------------------------------------------------------------------

    def view_on_site(self, obj):
        # The public page 404s until the item is due: staff see the preview instead.
        try:
            if obj.es_publico:
                return obj.get_absolute_url()
            return reverse(self.url_vista_previa, kwargs={"slug": obj.slug})
        except NoReverseMatch:
            return None


class ParteDePublicableAdminMixin:
    """Guard the stand-alone admin of a part (figure, quote, session…) of a release or event.

    Editing a part changes what the public reads, so the part follows its parent: a writer
    cannot touch the parts of a published item here either. Set `campo_padre`.
    """

    campo_padre = None

    def _padre_editable(self, request, obj):
        padre = getattr(obj, self.campo_padre, None) if obj is not None else None
        return padre is None or servicios_comunes.puede_editar(request.user, padre)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._padre_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._padre_editable(request, obj)

    def save_model(self, request, obj, form, change):
        if not self._padre_editable(request, obj):
            raise PermissionDenied(_("No tiene permiso para modificar un elemento publicado."))
        super().save_model(request, obj, form, change)
