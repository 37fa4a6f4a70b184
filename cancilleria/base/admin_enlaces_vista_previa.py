"""Shared preview links on the admin's change form: create, list and revoke them.

The change form is one <form>; the buttons post it to these URLs with `formaction`, so
no nested form and no JavaScript are needed. The services check permissions.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import services as servicios_comunes
from .models import EnlaceVistaPrevia


class EnlacesVistaPreviaAdminMixin:
    """Put the item's shared preview links on its change form (see PublicableAdminMixin)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        propias = [
            path(
                "<path:object_id>/enlaces-vista-previa/crear/",
                self.admin_site.admin_view(self.crear_enlace_view),
                name="{}_{}_crear_enlace".format(*info),
            ),
            path(
                "<path:object_id>/enlaces-vista-previa/<int:enlace_id>/revocar/",
                self.admin_site.admin_view(self.revocar_enlace_view),
                name="{}_{}_revocar_enlace".format(*info),
            ),
        ]
        return propias + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.has_change_permission(request, obj):
            context["enlaces_vista_previa"] = self._enlaces_vista_previa(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _enlaces_vista_previa(self, request, obj):
        info = self.opts.app_label, self.opts.model_name
        ahora = timezone.now()
        filas = []
        for enlace in EnlaceVistaPrevia.objects.de(obj):
            if enlace.revocado_en is not None:
                estado = _("revocado el %(fecha)s") % {
                    "fecha": date_format(timezone.localtime(enlace.revocado_en), "DATETIME_FORMAT")
                }
            elif enlace.expira <= ahora:
                estado = _("vencido")
            else:
                estado = _("vigente")
            filas.append(
                {
                    "enlace": enlace,
                    "url": request.build_absolute_uri(enlace.get_absolute_url()),
                    "estado": estado,
                    "vigente": enlace.revocado_en is None and enlace.expira > ahora,
                    "url_revocar": reverse(
                        "admin:{}_{}_revocar_enlace".format(*info), args=[obj.pk, enlace.pk]
                    ),
                }
            )
        return {
            "filas": filas,
            "url_crear": reverse("admin:{}_{}_crear_enlace".format(*info), args=[obj.pk]),
            "horas": servicios_comunes.HORAS_VISTA_PREVIA,
        }

    def _volver(self, obj):
        opts = self.opts
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            + "#enlaces-vista-previa"
        )

    def _objeto_editable(self, request, object_id):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj, None

    def crear_enlace_view(self, request, object_id):
        obj, respuesta = self._objeto_editable(request, object_id)
        if respuesta is not None:
            return respuesta
        enlace = servicios_comunes.crear_enlace_vista_previa(objeto=obj, usuario=request.user)
        self.message_user(
            request,
            _("Enlace de vista previa creado; vence el %(fecha)s (hora de Lima).")
            % {"fecha": date_format(timezone.localtime(enlace.expira), "DATETIME_FORMAT")},
            messages.SUCCESS,
        )
        return self._volver(obj)

    def revocar_enlace_view(self, request, object_id, enlace_id):
        obj, respuesta = self._objeto_editable(request, object_id)
        if respuesta is not None:
            return respuesta
        enlace = EnlaceVistaPrevia.objects.de(obj).filter(pk=enlace_id).first()
        if enlace is None:
            raise Http404
        servicios_comunes.revocar_enlace_vista_previa(enlace=enlace, usuario=request.user)
        self.message_user(request, _("Enlace de vista previa revocado."), messages.SUCCESS)
        return self._volver(obj)
