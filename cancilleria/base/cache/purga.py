"""The purge hook: what a CDN adapter implements, and the two adapters we ship."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class PurgaCdn:
    """Purge from a CDN the pages carrying any of these surrogate keys.

    Called after a write commits, with the keys of what it touched (`comunicado-12`,
    `tema-5`, `listas`). An adapter for a real CDN sends them to its purge API; it must
    not raise (errors are logged by the caller and the write stands).
    """

    # With no real purge, shared caches may keep a page only as long as browsers do.
    purga_de_verdad = True

    def purgar(self, claves):
        raise NotImplementedError


class PurgaNula(PurgaCdn):
    """Do nothing: the default, when no CDN sits in front of the site."""

    purga_de_verdad = False

    def purgar(self, claves):
        return None


class PurgaRegistro(PurgaCdn):
    """Log the keys a CDN would purge: to see the hook work, or to feed another tool."""

    def purgar(self, claves):
        logger.info("Purga CDN: %s", " ".join(sorted(claves)))


_adaptador = {}


def adaptador():
    """Return the configured adapter (`PURGA_CDN`, a dotted path), built once."""
    ruta = getattr(settings, "PURGA_CDN", "cancilleria.base.cache.purga.PurgaNula")
    if ruta not in _adaptador:
        _adaptador.clear()
        _adaptador[ruta] = import_string(ruta)()
    return _adaptador[ruta]


def purgar(claves):
    """Send the keys to the adapter; a failing CDN never fails the write."""
    if not claves:
        return
    try:
        adaptador().purgar(set(claves))
    except Exception:  # noqa: BLE001 - the write is committed; a purge is best effort
        logger.exception("La purga del CDN falló para %s", sorted(claves))
