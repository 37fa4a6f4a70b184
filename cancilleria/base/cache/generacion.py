"""The generation of the public cache, and the next time a page changes by itself.

Every committed write stores a new random token under one key of the shared cache
(Redis, or the file cache that every worker on the machine reads). Each page's key
carries the token, so after a write no process can find an older page: there is nothing
to delete and no race to lose. Reading it is one cache GET per request.

Some pages also change with no write: a scheduled release becomes public, an event ends.
Apps register "fronteras", functions returning the next such time; a page's key also
carries that time and its entry expires then. Both are computed once per generation and
boundary (a few indexed queries) and shared by every worker through the cache.
"""

import logging
import secrets
import time
from typing import NamedTuple

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

CLAVE_GENERACION = "publico:generacion"
_fronteras = []
# Per process: the boundary record of the last token seen (it holds until `hasta`).
_memoria = {}


class Estado(NamedTuple):
    token: str
    # When the pages of this state last changed (their Last-Modified), epoch seconds.
    desde: float
    # When they change by themselves next (epoch seconds), or None.
    hasta: float | None


def registrar_frontera(funcion):
    """Register `funcion(ahora)`: the next time (> ahora) public pages change with no write."""
    _fronteras.append(funcion)
    return funcion


def proxima_frontera(ahora):
    fechas = [fecha for funcion in _fronteras if (fecha := funcion(ahora)) is not None]
    return min(fechas).timestamp() if fechas else None


def invalidar():
    """Start a new generation: every cached page is rebuilt on its next request."""
    cache.set(CLAVE_GENERACION, (secrets.token_hex(8), time.time()), timeout=None)
    _memoria.clear()


def generacion_actual():
    """Return (token, when it began) of the current generation: one cache GET."""
    valor = cache.get(CLAVE_GENERACION)
    if valor is None:
        # First start, or evicted: a fresh token is always safe (and a dummy cache keeps
        # nothing: then every call gets its own).
        nuevo = (secrets.token_hex(8), time.time())
        cache.add(CLAVE_GENERACION, nuevo, timeout=None)
        valor = cache.get(CLAVE_GENERACION) or nuevo
    return valor


def estado_actual():
    """Return the state pages are cached under now (one cache GET when nothing changed)."""
    ahora = time.time()
    token, creada = generacion_actual()
    tramo = _memoria.get(token)
    if tramo is None or (tramo[1] is not None and tramo[1] <= ahora):
        tramo = _tramo(token, creada, ahora)
        _memoria.clear()
        _memoria[token] = tramo
    return Estado(token, max(creada, tramo[0]), tramo[1])


def _tramo(token, creada, ahora):
    # Shared so every worker uses the same boundary (the same keys) and Last-Modified.
    clave = f"publico:tramo:{token}"
    tramo = cache.get(clave)
    if tramo is not None and (tramo[1] is None or tramo[1] > ahora):
        return tramo
    # Computed now, so "desde" is after any boundary that has passed: a safe Last-Modified.
    tramo = (max(creada, ahora), proxima_frontera(timezone.now()))
    cache.set(clave, tramo, timeout=None if tramo[1] is None else int(tramo[1] - ahora) + 60)
    return tramo


def frontera_de_publicables(modelo):
    """Return a frontera for a Publicable model: its next scheduled publication."""
    from django.db.models import Min

    def siguiente(ahora):
        return modelo._default_manager.programados(ahora).aggregate(m=Min("fecha_publicacion"))["m"]

    return siguiente
