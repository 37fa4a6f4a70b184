"""The publishing panel of the admin's change form: the state, the date and the buttons.

Each button calls the app's `services`, which check permissions; the panel only shows
who may press what.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Estado

BOTON_ENVIAR = "_enviar_a_revision"
BOTON_PUBLICAR = "_publicar_ahora"
BOTON_PROGRAMAR = "_programar"
BOTON_RETIRAR = "_retirar"
BOTONES = (BOTON_ENVIAR, BOTON_PUBLICAR, BOTON_PROGRAMAR, BOTON_RETIRAR)


class BotonesPublicacionAdminMixin:
    """Put the publishing panel and its buttons on the change form (see PublicableAdminMixin)."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["flujo_publicacion"] = self._flujo(request, obj)
        context["enlaces_item"] = self._enlaces_del_item(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _enlaces_del_item(self, obj):
        """Return the item's preview and (once the public may see it) its public page."""
        if obj is None or not obj.pk:
            return None
        try:
            vista_previa = reverse(self.url_vista_previa, kwargs={"slug": obj.slug})
        except NoReverseMatch:
            vista_previa = None
        return {
            "vista_previa": vista_previa,
            "publica": obj.get_absolute_url() if obj.es_publico else None,
        }

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
        # Withdrawing asks for a reason, unpublishing for a replacement: their own pages.
        enlaces = []
        if puede_publicar and puede_editar and obj is not None:
            if obj.es_publico or obj.esta_retirado_en_su_url:
                enlaces.append(
                    (
                        self.url_retiro(obj, "retirar"),
                        _("Cambiar el aviso de retiro")
                        if obj.esta_retirado_en_su_url
                        else _("Retirar…"),
                    )
                )
                enlaces.append((self.url_retiro(obj, "despublicar"), _("Despublicar…")))
            elif estado == Estado.PUBLICADO:
                # Scheduled, never public: withdrawing only takes it off the schedule.
                enlaces.append((self.url_retiro(obj, "retirar"), _("Retirar…")))
        codigo, etiqueta = obj.estado_visible if obj is not None else (estado, _("Borrador"))
        fecha = obj.fecha_publicacion if obj is not None else None
        return {
            "codigo": codigo,
            "etiqueta": etiqueta,
            "fecha": fecha,
            "zona": timezone.get_current_timezone_name(),
            "botones": botones,
            "enlaces": enlaces,
            "retiro": obj if obj is not None and obj.esta_retirado_en_su_url else None,
            "despublicado": obj
            if obj is not None and obj.despublicado_en and not obj.es_publico
            else None,
            "puede_publicar": puede_publicar,
        }

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
        if boton == BOTON_RETIRAR:
            # The reason comes first (older forms still post this button).
            return HttpResponseRedirect(self.url_retiro(obj, "retirar"))
        argumentos = {self.nombre_objeto: obj, "usuario": request.user}
        try:
            if boton == BOTON_ENVIAR:
                self.servicios.enviar_a_revision(**argumentos)
                mensaje = _("«%(obj)s» se envió a revisión.")
            elif boton == BOTON_PUBLICAR:
                self.servicios.publicar(**argumentos)
                mensaje = _("«%(obj)s» está publicado.")
            else:
                self.servicios.publicar(**argumentos, fecha=obj.fecha_publicacion)
                mensaje = _("«%(obj)s» se publicará el %(fecha)s (hora de Lima).")
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
