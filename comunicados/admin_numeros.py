"""Show editors the year's number series (last number, next, skipped ones) in the admin."""

from django.contrib import messages
from django.utils import timezone

from .numeracion import nota_de_series


class NumeracionAdminMixin:
    """Put the series note under the number field and above the change list."""

    def get_form(self, request, obj=None, **kwargs):
        formulario = super().get_form(request, obj, **kwargs)
        campo = formulario.base_fields.get("numero")
        if campo is not None:
            anio = obj.anio if obj is not None and obj.anio else timezone.localtime().year
            if nota := nota_de_series(self.model, anio):
                campo.help_text = f"{campo.help_text} {nota}"
        return formulario

    def changelist_view(self, request, extra_context=None):
        editor = request.method == "GET" and self.has_change_permission(request)
        if editor and (nota := nota_de_series(self.model, timezone.localtime().year)):
            self.message_user(request, nota, messages.INFO)
        return super().changelist_view(request, extra_context)
