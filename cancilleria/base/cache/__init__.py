"""The shared cache of public pages: never stale, never per-user (README, "Caching").

- `generacion`: the generation every write changes and every page key carries, and the
  time of the next scheduled change (no entry outlives it);
- `escrituras`: the receivers that turn a committed write into a new generation and a
  CDN purge of the surrogate keys it touched;
- `claves`: the surrogate keys of a page (what it shows) and of a write (what it touched);
- `purga`: the purge hook a CDN adapter implements (`PURGA_CDN`);
- `middleware`: serves and stores anonymous GETs, sets the HTTP caching headers.
"""

from .escrituras import vigilar_app
from .generacion import registrar_frontera


def invalidar():
    """Anything may have changed (a migration, a bulk load): rebuild every page and part."""
    from cancilleria.base import fragmentos

    fragmentos.invalidar_todo()


__all__ = ["invalidar", "registrar_frontera", "vigilar_app"]
