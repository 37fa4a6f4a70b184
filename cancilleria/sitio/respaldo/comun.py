"""What every part of a backup shares: file names, the error, checksums."""

import hashlib

VERSION_FORMATO = 1
MANIFIESTO = "manifiesto.json"
MEDIA = "media.tar"
VOLCADO = {"postgresql": "base.dump", "sqlite": "base.sqlite3"}
# What `migrate` or `flush` recreates by itself: a database holding only these is "empty".
TABLAS_DE_SERVICIO = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}
# Rendered parts of pages (cancilleria.base.fragmentos): derived from the rest, rebuilt on
# demand, so neither saved nor counted.
TABLAS_DERIVADAS = {"base_fragmento", "base_fragmentodependencia"}
BLOQUE = 1024 * 1024


class ErrorRespaldo(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


# --- helpers -------------------------------------------------------------------------------


def sha256_archivo(ruta):
    suma = hashlib.sha256()
    with open(ruta, "rb") as archivo:
        while bloque := archivo.read(BLOQUE):
            suma.update(bloque)
    return suma.hexdigest()
