"""Writes on eventos: the publishing workflow (shared rules in cancilleria.base.services)."""

from cancilleria.base import services


def enviar_a_revision(*, evento, usuario):
    """Ask an editor to review the event."""
    return services.enviar_a_revision(objeto=evento, usuario=usuario)


def publicar(*, evento, usuario, fecha=None):
    """Publish the event now, or schedule it for `fecha`."""
    return services.publicar(objeto=evento, usuario=usuario, fecha=fecha)


def retirar(*, evento, usuario, motivos, reemplazo=None):
    """Withdraw the event: it stays at its URL with the public reason, out of every list."""
    return services.retirar(objeto=evento, usuario=usuario, motivos=motivos, reemplazo=reemplazo)


def despublicar(*, evento, usuario, reemplazo=None):
    """Unpublish the event (a mistake): its URL answers 410, or 301 to `reemplazo`."""
    return services.despublicar(objeto=evento, usuario=usuario, reemplazo=reemplazo)
