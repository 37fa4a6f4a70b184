"""Writes on comunicados: the publishing workflow (shared rules in cancilleria.base.services)."""

from cancilleria.base import services


def enviar_a_revision(*, comunicado, usuario):
    """Ask an editor to review the release."""
    return services.enviar_a_revision(objeto=comunicado, usuario=usuario)


def publicar(*, comunicado, usuario, fecha=None):
    """Publish the release now, or schedule it for `fecha`."""
    return services.publicar(objeto=comunicado, usuario=usuario, fecha=fecha)


def retirar(*, comunicado, usuario):
    """Take the release off the public site."""
    return services.retirar(objeto=comunicado, usuario=usuario)
