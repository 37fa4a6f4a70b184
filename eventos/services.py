"""Writes on eventos: the publishing workflow (shared rules in cancilleria.base.services)."""

from cancilleria.base import services


def enviar_a_revision(*, evento, usuario):
    """Ask an editor to review the event."""
    return services.enviar_a_revision(objeto=evento, usuario=usuario)


def publicar(*, evento, usuario, fecha=None):
    """Publish the event now, or schedule it for `fecha`."""
    return services.publicar(objeto=evento, usuario=usuario, fecha=fecha)


def retirar(*, evento, usuario):
    """Take the event off the public site."""
    return services.retirar(objeto=evento, usuario=usuario)
