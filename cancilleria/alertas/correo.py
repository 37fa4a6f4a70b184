"""The mails alerts send: each in the subscriber's language, each with one-click unsubscribe."""

import email.policy

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .listas import LISTAS, describir
from .models import url_del_sitio


class CorreoDeLista(EmailMessage):
    def message(self, *, policy=email.policy.default):
        # The List-Unsubscribe <URL> is longer than a folded line: folding would turn it
        # into RFC 2047 encoded words, which mail clients do not read there. RFC 5322
        # allows lines of 998 characters.
        return super().message(policy=policy.clone(max_line_length=998))


def _mensaje(suscripcion, plantilla, asunto, contexto):
    baja = suscripcion.url_absoluta("baja")
    with translation.override(suscripcion.idioma):
        lista = LISTAS[suscripcion.lista]
        contexto = {
            "suscripcion": suscripcion,
            "lista": lista,
            "filtros": describir(lista.filtrar(suscripcion.filtros)),
            "url_baja": baja,
            "sitio": settings.SITIO_URL,
            **contexto,
        }
        cuerpo = render_to_string(f"alertas/correo/{plantilla}.txt", contexto)
        asunto = str(asunto)
    return CorreoDeLista(
        subject=" ".join(asunto.split()),
        body=cuerpo,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[suscripcion.correo],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer a one-click "unsubscribe" that
            # POSTs to this address.
            "List-Unsubscribe": f"<{baja}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def _enlace(elemento, idioma):
    with translation.override(idioma):
        return url_del_sitio(elemento.get_absolute_url())


def confirmacion(suscripcion):
    with translation.override(suscripcion.idioma):
        asunto = translation.gettext("Confirme su suscripción a las alertas de la Cancillería")
    return _mensaje(
        suscripcion,
        "confirmacion",
        asunto,
        {"url_confirmar": suscripcion.url_absoluta("confirmar")},
    )


def alerta(suscripcion, elemento):
    lista = LISTAS[suscripcion.lista]
    with translation.override(suscripcion.idioma):
        titulo = lista.titulo_de(elemento)
        asunto = translation.gettext("Cancillería: %(titulo)s") % {"titulo": titulo}
        contexto = {
            "elemento": elemento,
            "titulo": titulo,
            "url": _enlace(elemento, suscripcion.idioma),
        }
    return _mensaje(suscripcion, "alerta", asunto, contexto)


def resumen(suscripcion, elementos):
    lista = LISTAS[suscripcion.lista]
    with translation.override(suscripcion.idioma):
        asunto = translation.ngettext(
            "Cancillería: %(n)s novedad de hoy",
            "Cancillería: %(n)s novedades de hoy",
            len(elementos),
        ) % {"n": len(elementos)}
        filas = [
            (lista.titulo_de(e), _enlace(e, suscripcion.idioma), e.fecha_publicacion)
            for e in elementos
        ]
    return _mensaje(suscripcion, "resumen", asunto, {"elementos": filas})
