"""The admin's bulk publishing actions on the change list, through the app's services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class AccionesEnBloqueAdminMixin:
    """Send to review, publish or withdraw the selected items (see PublicableAdminMixin)."""

    actions = ["enviar_seleccionados_a_revision", "publicar_seleccionados", "retirar_seleccionados"]

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

    # retirar_seleccionados asks for the public reason first: see admin_retiro.
