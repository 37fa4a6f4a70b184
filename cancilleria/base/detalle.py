"""The detail page of a `Publicable`, GOV.UK-style: what an old or withdrawn URL answers.

- public: 200;
- withdrawn (`retirados_en_su_url()`): 200 with a notice, `noindex`, no structured data;
- unpublished by mistake (`despublicados()`): 301 to its public replacement, else 410 Gone;
- a former slug (`SlugAnterior`): 301 to the item's current URL;
- anything else: 404.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import SlugAnterior


def respuesta_gone(request, *, titulo, mensaje, objeto=None, reemplazo=None):
    """Render the 410 page: the address was right, the content is no longer offered."""
    contexto = {"titulo": titulo, "mensaje": mensaje, "objeto": objeto, "reemplazo": reemplazo}
    return render(request, "410.html", contexto, status=410)


class DetallePublicableMixin:
    """Serve a detail view from `en_su_url()` and answer gone or renamed items (see above)."""

    def get_base_queryset(self):
        return self.model._default_manager.en_su_url()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            respuesta = self.respuesta_sin_pagina(kwargs.get(self.slug_url_kwarg))
            if respuesta is None:
                raise
            return respuesta

    def respuesta_sin_pagina(self, slug):
        """Return the 301 or 410 for a slug the public page does not show, or None (404)."""
        if not slug:
            return None
        gestor = self.model._default_manager
        despublicado = gestor.despublicados().filter(slug=slug).first()
        if despublicado is not None:
            reemplazo = despublicado.reemplazo_publico
            if reemplazo is not None:
                return HttpResponsePermanentRedirect(reemplazo.get_absolute_url())
            return respuesta_gone(
                self.request,
                titulo=_("Este contenido ya no está disponible"),
                mensaje=_(
                    "Se retiró del sitio de forma permanente. Puede buscar información "
                    "relacionada en los comunicados y eventos publicados."
                ),
                objeto=despublicado,
            )
        anterior = SlugAnterior.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), slug=slug
        ).first()
        if anterior is not None:
            destino = gestor.filter(pk=anterior.object_id).only("pk", "slug").first()
            if destino is not None and destino.slug != slug:
                return HttpResponsePermanentRedirect(destino.get_absolute_url())
        return None

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if getattr(self.object, "esta_retirado_en_su_url", False):
            # Kept for readers who follow an old link; search engines drop it.
            response.context_data.pop("datos_estructurados", None)
            response["X-Robots-Tag"] = "noindex"
        return response
