"""Writes on comunicados: the publishing workflow (shared rules in cancilleria.base.services)."""

from cancilleria.base import services


def enviar_a_revision(*, comunicado, usuario):
    """Ask an editor to review the release."""
    return services.enviar_a_revision(objeto=comunicado, usuario=usuario)


def publicar(*, comunicado, usuario, fecha=None):
    """Publish the release now, or schedule it for `fecha`."""
    return services.publicar(objeto=comunicado, usuario=usuario, fecha=fecha)


def retirar(*, comunicado, usuario, motivos, reemplazo=None):
    """Withdraw the release: it stays at its URL with the public reason, out of every list."""
    return services.retirar(
        objeto=comunicado, usuario=usuario, motivos=motivos, reemplazo=reemplazo
    )


def despublicar(*, comunicado, usuario, reemplazo=None):
    """Unpublish the release (a mistake): its URL answers 410, or 301 to `reemplazo`."""
    return services.despublicar(objeto=comunicado, usuario=usuario, reemplazo=reemplazo)
