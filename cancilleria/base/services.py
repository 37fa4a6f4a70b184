"""The publishing workflow shared by releases and events.

Every state change of a `Publicable` goes through these functions, whatever calls them
(the admin's buttons and bulk actions, a command, a test): they check the user's
permission, lock the row, are idempotent and leave a reason in the change history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Estado


def permiso(modelo, accion):
    """Return the permission name, e.g. `comunicados.change_comunicado`."""
    opciones = modelo._meta
    return f"{opciones.app_label}.{accion}_{opciones.model_name}"


def puede_publicar(usuario, modelo):
    """Say whether `usuario` may publish, schedule and withdraw items of `modelo`."""
    return usuario is not None and usuario.has_perm(permiso(modelo, "publicar"))


def puede_editar(usuario, objeto):
    """Say whether `usuario` may edit `objeto`: a published item only with publishing rights."""
    modelo = type(objeto)
    if not usuario.has_perm(permiso(modelo, "change")):
        return False
    return objeto.estado != Estado.PUBLICADO or puede_publicar(usuario, modelo)


def _exigir(usuario, nombre_permiso):
    if usuario is None or not usuario.has_perm(nombre_permiso):
        raise PermissionDenied(_("No tiene permiso para esta acción."))


def _bloquear(objeto):
    # Re-read under a row lock: two editors pressing "Publicar" at once get one change.
    return type(objeto)._default_manager.select_for_update().get(pk=objeto.pk)


def _guardar(objeto, actual, *, usuario, motivo):
    actual._history_user = usuario
    actual._change_reason = motivo[:100]
    actual.save()
    # Keep the caller's instance in step with the database.
    objeto.estado = actual.estado
    objeto.fecha_publicacion = actual.fecha_publicacion
    return objeto


def enviar_a_revision(*, objeto, usuario):
    """Ask an editor to review a draft (or a withdrawn item). Do nothing if already asked."""
    _exigir(usuario, permiso(type(objeto), "change"))
    with transaction.atomic():
        actual = _bloquear(objeto)
        if actual.estado == Estado.EN_REVISION:
            return objeto
        if actual.estado == Estado.PUBLICADO:
            raise ValidationError(
                _("«%(objeto)s» ya está publicado.") % {"objeto": actual}, code="ya_publicado"
            )
        actual.estado = Estado.EN_REVISION
        return _guardar(objeto, actual, usuario=usuario, motivo=_("Enviado a revisión"))


def publicar(*, objeto, usuario, fecha=None):
    """Publish now, or at `fecha` (a future date schedules it). Idempotent.

    Publishing again something already public keeps its original date.
    """
    _exigir(usuario, permiso(type(objeto), "publicar"))
    ahora = timezone.now()
    with transaction.atomic():
        actual = _bloquear(objeto)
        if fecha is None:
            if actual.es_publico:
                return objeto
            fecha = ahora
        elif actual.estado == Estado.PUBLICADO and actual.fecha_publicacion == fecha:
            return objeto
        # E.g. the release's number taken in the year it will carry: an error, not a 500.
        actual.validar_publicacion(fecha)
        actual.estado = Estado.PUBLICADO
        actual.fecha_publicacion = fecha
        if fecha > ahora:
            motivo = _("Programado para el %(fecha)s") % {
                "fecha": formats.date_format(timezone.localtime(fecha), "SHORT_DATETIME_FORMAT")
            }
        else:
            motivo = _("Publicado")
        return _guardar(objeto, actual, usuario=usuario, motivo=motivo)


def retirar(*, objeto, usuario):
    """Take an item off the public site (published or scheduled). Idempotent."""
    _exigir(usuario, permiso(type(objeto), "publicar"))
    with transaction.atomic():
        actual = _bloquear(objeto)
        if actual.estado == Estado.RETIRADO:
            return objeto
        actual.estado = Estado.RETIRADO
        return _guardar(objeto, actual, usuario=usuario, motivo=_("Retirado"))
