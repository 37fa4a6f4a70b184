"""The publishing workflow in the admin: permissions, form, state column and filter.

Every state change goes through the app's `services` module, which checks permissions;
the admin only adds what a person sees: who may press what, and read-only fields. The
buttons, the bulk actions and the history live in their own `admin_*` modules.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services as servicios_comunes
from .admin_acciones_en_bloque import AccionesEnBloqueAdminMixin
from .admin_botones_publicacion import (
    BOTON_PROGRAMAR,
    BOTON_PUBLICAR,
    BotonesPublicacionAdminMixin,
)
from .admin_historial import HistorialAdminMixin
from .models import PROGRAMADO, Estado
from .traducciones import faltantes_por_idioma

# Fields only the publishing services change; never posted by someone without the right.
CAMPOS_DE_PUBLICACION = ("estado", "fecha_publicacion")
CLAVES_POST_PROTEGIDAS = (
    "estado",
    "fecha_publicacion",
    "fecha_publicacion_0",
    "fecha_publicacion_1",
)


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
            return queryset.en_estado(valor)
        return None


class PublicableAdminMixin(
    BotonesPublicacionAdminMixin, AccionesEnBloqueAdminMixin, HistorialAdminMixin
):
    """Put the publishing workflow into a ModelAdmin of a `Publicable` model.

    Subclasses set `servicios` (the app's services module), `nombre_objeto` (its keyword,
    e.g. "comunicado") and `url_vista_previa` (a URL name taking `slug`).
    """

    servicios = None
    nombre_objeto = None
    url_vista_previa = None
    show_facets = admin.ShowFacets.ALWAYS

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
        publicando = request.method == "POST" and BOTON_PUBLICAR in request.POST

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

            def _post_clean(self):
                super()._post_clean()
                # "Publicar ahora" dates the item now: check that date here, so the
                # problem shows on its field (e.g. the release number already taken this
                # year). "Programar" posts its date, which the model's clean() checks.
                if publicando and not self.instance.es_publico:
                    try:
                        self.instance.validar_publicacion(timezone.now())
                    except ValidationError as error:
                        self._update_errors(error)

        FormularioPublicable.__name__ = formulario.__name__
        return FormularioPublicable

    # -- change list ---------------------------------------------------------------

    @admin.display(description=gettext_lazy("estado"), ordering="estado")
    def estado_display(self, obj):
        codigo, etiqueta = obj.estado_visible
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
