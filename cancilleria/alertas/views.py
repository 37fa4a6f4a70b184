"""Subscribe to a filtered list, confirm by mail, unsubscribe in one click.

None of these pages is ever in the page cache (`alertas` is excluded in
cancilleria/base/cache/middleware.py): they carry a CSRF token or act on one person's
subscription.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, View

from . import services
from .forms import SuscripcionForm
from .listas import LISTAS, FiltrosNoValidos, describir, normalizar
from .models import Suscripcion


class SuscribirView(FormView):
    template_name = "alertas/suscribir.html"
    form_class = SuscripcionForm

    def dispatch(self, request, *args, **kwargs):
        nombre = request.GET.get("lista") or Suscripcion.Lista.COMUNICADOS
        if nombre not in LISTAS:
            raise Http404(_("No hay alertas para esta lista."))
        self.lista = LISTAS[nombre]
        self.errores_filtro = {}
        try:
            self.filtros, self.filtro = normalizar(self.lista, request.GET)
        except FiltrosNoValidos as error:
            self.filtros, self.filtro, self.errores_filtro = "", None, error.errores
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url_lista = reverse(self.lista.url_lista)
        context.update(
            lista=self.lista,
            errores_filtro=self.errores_filtro,
            filtros=describir(self.filtro) if self.filtro is not None else [],
            url_lista=f"{url_lista}?{self.filtros}" if self.filtros else url_lista,
            otras_listas=[lista for lista in LISTAS.values() if lista != self.lista],
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.errores_filtro:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def form_valid(self, form):
        if self.errores_filtro:
            return self.form_invalid(form)
        suscripcion = services.suscribir(
            correo_electronico=form.cleaned_data["correo"],
            lista=self.lista.nombre,
            filtros=self.filtros,
            frecuencia=form.cleaned_data["frecuencia"],
            idioma=self.request.LANGUAGE_CODE,
        )
        return render(
            self.request,
            "alertas/revise_su_correo.html",
            {"correo": suscripcion.correo, "lista": self.lista},
        )


class PorTokenMixin:
    """Find the subscription of the URL's token; a token that names none is a 404 page."""

    def dispatch(self, request, token):
        self.suscripcion = Suscripcion.objects.filter(token=token).first()
        if self.suscripcion is None:
            return render(request, "alertas/enlace_no_valido.html", status=404)
        return super().dispatch(request, token)

    def pagina(self, estado, status=200):
        suscripcion = self.suscripcion
        lista = LISTAS[suscripcion.lista]
        contexto = {
            "estado": estado,
            "suscripcion": suscripcion,
            "lista": lista,
            "filtros": describir(lista.filtrar(suscripcion.filtros)),
        }
        return render(self.request, self.template_name, contexto, status=status)


class ConfirmarView(PorTokenMixin, View):
    # A button, not the link alone: mail scanners open links, and must not confirm.
    template_name = "alertas/confirmar.html"

    def get(self, request, token):
        if self.suscripcion.vencida:
            return self._vencida()
        return self.pagina("confirmada" if self.suscripcion.confirmada else "pendiente")

    def post(self, request, token):
        if self.suscripcion.vencida:
            return self._vencida()
        services.confirmar(suscripcion=self.suscripcion)
        return self.pagina("confirmada")

    def _vencida(self):
        services.dar_de_baja(suscripcion=self.suscripcion)
        return render(self.request, "alertas/enlace_no_valido.html", {"vencido": True}, status=410)


@method_decorator(csrf_exempt, name="dispatch")
class BajaView(PorTokenMixin, View):
    """Unsubscribe: a button on GET; any POST deletes (RFC 8058 one-click, without CSRF).

    A third party cannot forge it without the secret token, which only the mails carry.
    """

    template_name = "alertas/baja.html"

    def get(self, request, token):
        return self.pagina("pregunta")

    def post(self, request, token):
        services.dar_de_baja(suscripcion=self.suscripcion)
        return self.pagina("hecha")
