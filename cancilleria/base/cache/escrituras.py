"""Writes: a committed change starts a new generation and purges its surrogate keys.

Receivers on post_save, post_delete and m2m_changed for the models of the apps that call
`vigilar_app` (each in its AppConfig.ready). Raw `QuerySet.update()` and `bulk_create`
send no signals: code that uses them calls `invalidar()` itself (the demo loader does).
"""

import logging

from django.db import transaction

from . import claves as claves_mod
from . import generacion, purga

logger = logging.getLogger(__name__)

# Tests swap this for "run now": their transaction is never committed.
al_confirmar = transaction.on_commit


class Aviso:
    """What one transaction touched; run once, after it commits."""

    def __init__(self):
        self.claves = set()
        self.instancias = []
        # Tables a row was added to, changed in or deleted from (`tabla:tema`): the stored
        # pieces that list a whole table depend on them (fragmentos), a CDN does not.
        self.tablas = set()

    def __call__(self):
        from cancilleria.base import fragmentos

        try:
            # Deletes the fragments it touched, then starts a new generation.
            fragmentos.invalidar(self.claves | self.tablas)
        except Exception:  # noqa: BLE001 - the write stands; the log must say so loudly
            logger.exception("No se pudo renovar el cache público tras %s", self.claves)
        if not purga.adaptador().purga_de_verdad:
            return
        for instancia in self.instancias:
            try:
                self.claves |= claves_mod.de_relaciones(instancia)
            except Exception:  # noqa: BLE001 - a deleted row: its own keys are enough
                logger.debug("Sin relaciones para %r", instancia)
        purga.purgar(self.claves)


def _aviso(using):
    # One Aviso per transaction, however many rows it writes (a bulk admin action).
    conexion = transaction.get_connection(using)
    if conexion.in_atomic_block:
        for _sids, funcion, *_resto in conexion.run_on_commit:
            if isinstance(funcion, Aviso):
                return funcion, False
    return Aviso(), True


def _anotar(using, claves, instancia=None, tabla=None):
    aviso, nuevo = _aviso(using)
    aviso.claves |= claves
    if tabla is not None:
        aviso.tablas.add(claves_mod.clave_de_tabla(tabla))
    if instancia is not None and len(aviso.instancias) < 100:
        aviso.instancias.append(instancia)
    if nuevo:
        al_confirmar(aviso, using=using, robust=True)


def al_guardar(sender, instance, using, **kwargs):
    if claves_mod.vigilado(sender):
        _anotar(using, claves_mod.de_escritura(instance), instance, tabla=sender)


def al_borrar(sender, instance, using, **kwargs):
    if claves_mod.vigilado(sender):
        _anotar(using, claves_mod.de_escritura(instance), tabla=sender)


def al_cambiar_relacion(sender, instance, action, model, pk_set, using, **kwargs):
    if not action.startswith("post_") or not (
        claves_mod.vigilado(type(instance)) or claves_mod.vigilado(model)
    ):
        return
    claves = claves_mod.de_escritura(instance)
    claves.update(claves_mod.clave(model, pk) for pk in pk_set or ())
    # post_clear gives no pk_set: the instance's own key and `listas` still cover it.
    _anotar(using, claves)


def conectar():
    """Connect the receivers once (base's ready); apps then say which models count."""
    from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

    post_save.connect(al_guardar, dispatch_uid="cache_publico_guardar")
    post_delete.connect(al_borrar, dispatch_uid="cache_publico_borrar")
    m2m_changed.connect(al_cambiar_relacion, dispatch_uid="cache_publico_m2m")
    post_init.connect(claves_mod.al_iniciar_instancia, dispatch_uid="cache_publico_claves")


def vigilar_app(app_config):
    """Make every model of this app invalidate the public cache when written."""
    claves_mod.vigilar(app_config.label)
    from cancilleria.base.models import Publicable

    for modelo in app_config.get_models():
        if issubclass(modelo, Publicable):
            generacion.registrar_frontera(generacion.frontera_de_publicables(modelo))
