"""Admin: a media write error while saving becomes a form error, never a 500."""

import contextlib
import logging

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class ErrorAlGuardarArchivo(Exception):
    """A file could not be written to media storage (disk full, read-only, permissions)."""


@contextlib.contextmanager
def _errores_de_medios():
    # Only what runs inside save_model/save_related: there an OSError is the storage's.
    try:
        yield
    except OSError as error:
        raise ErrorAlGuardarArchivo(str(error)) from error


class GuardadoDeArchivosAdminMixin:
    """Turn a media write error while saving into a form error, with the form kept.

    Files (images, their renditions, attachments) are written while the object and its
    inlines are saved, after validation. An OSError there leaves the admin's transaction
    (rolled back as the error goes up) and the form is shown again, validated anew, with
    a non-field error instead of a 500. What was typed is kept; files must be chosen again.
    """

    def save_model(self, request, obj, form, change):
        with _errores_de_medios():
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with _errores_de_medios():
            super().save_related(request, form, formsets, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ErrorAlGuardarArchivo:
            logger.exception("Media write failed while saving %s", self.opts.label)
            request._error_al_guardar_archivo = True
            # The uploads were read (and closed) by the first pass; the browser will not
            # send them again either, so the form asks for them anew.
            request._files = MultiValueDict()
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and request.FILES:
            _avisar_archivos_no_guardados(request, context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "_error_al_guardar_archivo", False):
            return formulario

        class FormularioConErrorDeArchivo(formulario):
            def clean(self):
                super().clean()
                raise ValidationError(
                    _(
                        "No se pudo guardar el archivo; inténtelo de nuevo en unos minutos. "
                        "Lo escrito se conserva, pero los archivos deben elegirse otra vez. "
                        "Si el problema continúa, avise al equipo técnico."
                    ),
                    code="error_al_guardar_archivo",
                )

        FormularioConErrorDeArchivo.__name__ = formulario.__name__
        return FormularioConErrorDeArchivo


def _avisar_archivos_no_guardados(request, context):
    """Say next to each file field that its chosen file was not kept.

    The form is shown again because something else is wrong; browsers never refill a
    file input, so the person must know to choose the file again.
    """
    formularios = [context["adminform"].form] if "adminform" in context else []
    for inline in context.get("inline_admin_formsets", []):
        formularios += list(inline.formset.forms)
    errores = any(f.errors for f in formularios) or any(
        inline.formset.non_form_errors() for inline in context.get("inline_admin_formsets", [])
    )
    if not errores:
        return
    for formulario in formularios:
        for nombre, campo in formulario.fields.items():
            if not isinstance(campo, forms.FileField):
                continue
            archivo = request.FILES.get(formulario.add_prefix(nombre))
            if archivo is None:
                continue
            formulario.add_error(
                nombre,
                ValidationError(
                    _(
                        "Eligió «%(archivo)s», pero no se guardó porque el formulario tiene "
                        "otros errores. Elíjalo otra vez antes de guardar."
                    ),
                    code="archivo_no_guardado",
                    params={"archivo": archivo.name},
                ),
            )
