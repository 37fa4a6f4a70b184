"""The publishing workflow shared by releases and events.

Every state change of a `Publicable` goes through these functions, whatever calls them
(the admin's buttons and bulk actions, a command, a test): they check the user's
permission, lock the row, are idempotent and leave a reason in the change history.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE

from . import salvaguardas
from .models import EnlaceVistaPrevia, Estado, Salvaguardable, SlugAnterior

# How long a shared preview link opens, unless the editor says otherwise.
HORAS_VISTA_PREVIA = 72


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
    # A withdrawn item is still read at its URL: only publishers change what it says.
    en_el_sitio = objeto.estado == Estado.PUBLICADO or objeto.esta_retirado_en_su_url
    return not en_el_sitio or puede_publicar(usuario, modelo)


def _exigir(usuario, nombre_permiso):
    if usuario is None or not usuario.has_perm(nombre_permiso):
        raise PermissionDenied(_("No tiene permiso para esta acción."))


def _bloquear(objeto):
    # Re-read under a row lock: two editors pressing "Publicar" at once get one change.
    return type(objeto)._default_manager.select_for_update().get(pk=objeto.pk)


# What the publishing services write; the caller's instance is kept in step with them.
CAMPOS_DEL_FLUJO = (
    "estado",
    "fecha_publicacion",
    "retirado_en",
    "despublicado_en",
    "reemplazado_por_id",
    *(f"motivo_retiro_{idioma}" for idioma in AVAILABLE_LANGUAGES),
)


def _guardar(objeto, actual, *, usuario, motivo):
    actual._history_user = usuario
    actual._change_reason = motivo[:100]
    actual.save()
    for campo in CAMPOS_DEL_FLUJO:
        setattr(objeto, campo, getattr(actual, campo))
    return objeto


def _limpiar_retiro(actual):
    actual.retirado_en = None
    actual.despublicado_en = None
    actual.reemplazado_por = None
    for idioma in AVAILABLE_LANGUAGES:
        # NULL, not "": modeltranslation falls back to Spanish only from NULL.
        setattr(actual, f"motivo_retiro_{idioma}", None)


def _validar_reemplazo(actual, reemplazo):
    if reemplazo is None:
        return
    if type(reemplazo) is not type(actual) or reemplazo.pk == actual.pk:
        raise ValidationError(
            _("El reemplazo debe ser otro elemento del mismo tipo."), code="reemplazo_invalido"
        )
    if not reemplazo.es_publico:
        raise ValidationError(
            _("El reemplazo «%(reemplazo)s» no es público.") % {"reemplazo": reemplazo},
            code="reemplazo_no_publico",
        )


def _exigir_salvaguardas(actual):
    # Sensitive topics: victim-identification warnings acknowledged, lead image confirmed.
    if isinstance(actual, Salvaguardable):
        salvaguardas.exigir(actual)


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
        if actual.esta_retirado_en_su_url:
            # The notice would show text under review: the URL answers 410 meanwhile.
            _limpiar_retiro(actual)
            actual.despublicado_en = timezone.now()
        _exigir_salvaguardas(actual)
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
        _exigir_salvaguardas(actual)
        # E.g. the release's number taken in the year it will carry: an error, not a 500.
        actual.validar_publicacion(fecha)
        actual.estado = Estado.PUBLICADO
        actual.fecha_publicacion = fecha
        # Published again: no notice, no 410, no redirect.
        _limpiar_retiro(actual)
        if fecha > ahora:
            motivo = _("Programado para el %(fecha)s") % {
                "fecha": formats.date_format(timezone.localtime(fecha), "SHORT_DATETIME_FORMAT")
            }
        else:
            motivo = _("Publicado")
        return _guardar(objeto, actual, usuario=usuario, motivo=motivo)


def retirar(*, objeto, usuario, motivos, reemplazo=None):
    """Withdraw an item: it stays at its URL with a notice, and leaves lists and search.

    `motivos` maps a language code to the public reason; the default language's is
    required. `reemplazo` (optional, public) is linked from the notice. A scheduled item
    was never public, so it only leaves the schedule. Withdrawing again updates the notice.
    """
    _exigir(usuario, permiso(type(objeto), "publicar"))
    motivos = {idioma: (texto or "").strip() for idioma, texto in motivos.items()}
    if not motivos.get(DEFAULT_LANGUAGE):
        raise ValidationError(
            _("Indique el motivo del retiro: se muestra al público."), code="falta_motivo"
        )
    with transaction.atomic():
        actual = _bloquear(objeto)
        _validar_reemplazo(actual, reemplazo)
        ya_retirado = actual.esta_retirado_en_su_url
        if (
            ya_retirado
            and actual.reemplazado_por_id == (reemplazo.pk if reemplazo else None)
            and all(
                (getattr(actual, f"motivo_retiro_{idioma}") or "") == motivos.get(idioma, "")
                for idioma in AVAILABLE_LANGUAGES
            )
        ):
            return objeto
        if not (actual.estado == Estado.PUBLICADO or ya_retirado):
            raise ValidationError(
                _("«%(objeto)s» no está publicado.") % {"objeto": actual}, code="no_publicado"
            )
        fue_publico = actual.es_publico or ya_retirado
        retirado_en = actual.retirado_en if ya_retirado else timezone.now()
        _limpiar_retiro(actual)
        actual.estado = Estado.RETIRADO
        actual.retirado_en = retirado_en if fue_publico else None
        actual.reemplazado_por = reemplazo
        for idioma in AVAILABLE_LANGUAGES:
            setattr(actual, f"motivo_retiro_{idioma}", motivos.get(idioma) or None)
        razon = _("Retirado: %(motivo)s") % {"motivo": motivos[DEFAULT_LANGUAGE]}
        return _guardar(objeto, actual, usuario=usuario, motivo=razon)


def despublicar(*, objeto, usuario, reemplazo=None):
    """Unpublish an item published by mistake: its URL answers 410 Gone, or 301 to `reemplazo`.

    The item goes back to draft, so it can be corrected and published again.
    """
    _exigir(usuario, permiso(type(objeto), "publicar"))
    with transaction.atomic():
        actual = _bloquear(objeto)
        _validar_reemplazo(actual, reemplazo)
        if not (actual.es_publico or actual.esta_retirado_en_su_url):
            raise ValidationError(
                _("«%(objeto)s» no está en el sitio público.") % {"objeto": actual},
                code="no_publico",
            )
        _limpiar_retiro(actual)
        actual.estado = Estado.BORRADOR
        actual.despublicado_en = timezone.now()
        actual.reemplazado_por = reemplazo
        if reemplazo is None:
            razon = _("Despublicado (410)")
        else:
            razon = _("Despublicado, redirige a «%(reemplazo)s»") % {"reemplazo": reemplazo}
        return _guardar(objeto, actual, usuario=usuario, motivo=razon)


def registrar_slug_anterior(*, objeto, slug_anterior):
    """Keep an item's former slug so its old URL answers with a 301 to the current one."""
    if not slug_anterior or slug_anterior == objeto.slug:
        return None
    tipo = ContentType.objects.get_for_model(objeto)
    with transaction.atomic():
        # The item got its old slug back: its live URL wins, the record would loop.
        SlugAnterior.objects.filter(content_type=tipo, slug=objeto.slug).delete()
        registro, _creado = SlugAnterior.objects.update_or_create(
            content_type=tipo, slug=slug_anterior, defaults={"object_id": objeto.pk}
        )
    return registro


# -- shared preview links ----------------------------------------------------------


def crear_enlace_vista_previa(*, objeto, usuario, horas=HORAS_VISTA_PREVIA):
    """Create a link anyone may open to read `objeto` as it is now, for `horas` hours."""
    _exigir(usuario, permiso(type(objeto), "change"))
    return EnlaceVistaPrevia.objects.create(
        content_type=ContentType.objects.get_for_model(objeto),
        object_id=objeto.pk,
        expira=timezone.now() + timedelta(hours=horas),
        creado_por=usuario,
    )


def revocar_enlace_vista_previa(*, enlace, usuario):
    """Close a preview link at once. Idempotent."""
    modelo = enlace.content_type.model_class()
    _exigir(usuario, permiso(modelo, "change"))
    with transaction.atomic():
        actual = EnlaceVistaPrevia.objects.select_for_update().get(pk=enlace.pk)
        if actual.revocado_en is None:
            actual.revocado_en = timezone.now()
            actual.save(update_fields=["revocado_en"])
        enlace.revocado_en = actual.revocado_en
    return enlace
