"""Backups that restore: the database, the media folder and a manifest that proves both.

A backup is a folder holding three files:

- ``base.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``base.sqlite3`` (SQLite, the
  online backup API): a snapshot of the whole database;
- ``media.tar``: every file under MEDIA_ROOT;
- ``manifiesto.json``: date, vendor, row counts per table *in the same snapshot*, each media
  file's path, size and sha256, the sha256 of the two archives, the code's version and the
  applied migrations.

The database is copied first, then the media: files are written before the row that names
them commits and are never deleted by the site, so every file the snapshot refers to is in
the tar (a file uploaded meanwhile is an orphan, which is harmless).
"""

import json
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from .base_de_datos import (
    binario_postgres,
    conteos_actuales,
    lo_que_no_esta_vacio,
    proveedor_actual,
    restaurar_postgresql,
    restaurar_sqlite,
    version_app,
    volcar_postgresql,
    volcar_sqlite,
)
from .comun import MANIFIESTO, MEDIA, VERSION_FORMATO, VOLCADO, ErrorRespaldo, sha256_archivo
from .medios import empaquetar_media, extraer_media

__all__ = [
    "ErrorRespaldo",
    "binario_postgres",
    "conteos_actuales",
    "respaldar",
    "restaurar",
]


def respaldar(directorio):
    """Write a backup into directorio (new or empty); return the manifest."""
    directorio = Path(directorio)
    if directorio.exists() and (not directorio.is_dir() or any(directorio.iterdir())):
        raise ErrorRespaldo(f"{directorio} ya existe y no está vacío: elija otra carpeta.")
    proveedor = proveedor_actual()
    padre = directorio.parent
    padre.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed at the end: a half-written backup never looks complete.
    parcial = Path(tempfile.mkdtemp(prefix=f".{directorio.name}.parcial-", dir=padre))
    try:
        volcado = parcial / VOLCADO[proveedor]
        if proveedor == "postgresql":
            conteos, migraciones = volcar_postgresql(volcado)
        else:
            conteos, migraciones = volcar_sqlite(volcado)
        archivos = empaquetar_media(Path(settings.MEDIA_ROOT), parcial / MEDIA)
        manifiesto = {
            "formato": VERSION_FORMATO,
            "fecha": timezone.now().isoformat(),
            "proveedor": proveedor,
            "version_app": version_app(),
            "migraciones": migraciones,
            "tablas": conteos,
            "volcado": {"archivo": volcado.name, "sha256": sha256_archivo(volcado)},
            "media": {
                "archivo": MEDIA,
                "sha256": sha256_archivo(parcial / MEDIA),
                "archivos": archivos,
            },
        }
        (parcial / MANIFIESTO).write_text(
            json.dumps(manifiesto, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        if directorio.exists():
            directorio.rmdir()
        parcial.rename(directorio)
    except BaseException:
        shutil.rmtree(parcial, ignore_errors=True)
        raise
    return manifiesto


# --- restore -----------------------------------------------------------------------------------


def leer_manifiesto(directorio):
    """Return the manifest after checking its shape and the archives' checksums."""
    directorio = Path(directorio)
    if not directorio.is_dir():
        raise ErrorRespaldo(f"No existe la carpeta de respaldo {directorio}.")
    ruta = directorio / MANIFIESTO
    try:
        manifiesto = json.loads(ruta.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErrorRespaldo(f"{directorio} no contiene {MANIFIESTO}: no es un respaldo.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ErrorRespaldo(f"{ruta} está dañado: {error}") from None
    try:
        if manifiesto["formato"] != VERSION_FORMATO:
            raise ErrorRespaldo(f"Formato de respaldo desconocido: {manifiesto['formato']}.")
        proveedor = manifiesto["proveedor"]
        volcado = manifiesto["volcado"]
        media = manifiesto["media"]
        esperados = [
            (volcado["archivo"], volcado["sha256"]),
            (media["archivo"], media["sha256"]),
        ]
        tablas = manifiesto["tablas"]
        if proveedor not in VOLCADO or volcado["archivo"] != VOLCADO[proveedor]:
            raise ErrorRespaldo(f"{ruta} está dañado: proveedor o volcado inesperado.")
        if media["archivo"] != MEDIA or not isinstance(tablas, dict):
            raise ErrorRespaldo(f"{ruta} está dañado: falta la lista de tablas o de media.")
        for archivo in media["archivos"]:
            archivo["ruta"], archivo["tamano"], archivo["sha256"]  # noqa: B018 - shape check
    except (KeyError, TypeError) as error:
        raise ErrorRespaldo(f"{ruta} está dañado: falta {error}.") from None
    for nombre, suma in esperados:
        archivo = directorio / nombre
        if not archivo.is_file():
            raise ErrorRespaldo(f"Falta {archivo} en el respaldo.")
        if sha256_archivo(archivo) != suma:
            raise ErrorRespaldo(
                f"La suma sha256 de {archivo} no coincide con el manifiesto: el respaldo está "
                "dañado o fue modificado."
            )
    return manifiesto


def migraciones_desconocidas(manifiesto):
    """Return the backup's migrations this code does not have (restoring into older code)."""
    conocidas = {f"{app}.{nombre}" for app, nombre in MigrationLoader(None).disk_migrations}
    return sorted(set(manifiesto["migraciones"]) - conocidas)


def verificar(manifiesto):
    """Return the differences between the manifest and what is now in place."""
    diferencias = []
    actuales = conteos_actuales()
    for tabla, filas in sorted(manifiesto["tablas"].items()):
        if tabla not in actuales:
            diferencias.append(f"falta la tabla {tabla}")
        elif actuales[tabla] != filas:
            diferencias.append(f"{tabla}: {actuales[tabla]} filas, el manifiesto dice {filas}")
    raiz = Path(settings.MEDIA_ROOT)
    for archivo in manifiesto["media"]["archivos"]:
        ruta = raiz / archivo["ruta"]
        if not ruta.is_file():
            diferencias.append(f"falta el archivo {archivo['ruta']}")
        elif sha256_archivo(ruta) != archivo["sha256"]:
            diferencias.append(f"{archivo['ruta']}: la suma sha256 no coincide")
    return diferencias


def restaurar(directorio, *, forzar=False):
    """Restore a backup into an empty database and media folder; return the manifest."""
    directorio = Path(directorio)
    manifiesto = leer_manifiesto(directorio)
    proveedor = proveedor_actual()
    if manifiesto["proveedor"] != proveedor:
        raise ErrorRespaldo(
            f"El respaldo es de {manifiesto['proveedor']} y la base configurada de {proveedor}."
        )
    if connection.in_atomic_block:
        raise ErrorRespaldo("No se puede restaurar dentro de una transacción.")
    if not forzar:
        if desconocidas := migraciones_desconocidas(manifiesto):
            raise ErrorRespaldo(
                "El respaldo tiene migraciones que este código no conoce ("
                + ", ".join(desconocidas[:5])
                + "): instale la versión "
                f"{manifiesto.get('version_app', '?')} o más nueva, o use --forzar."
            )
        if motivos := lo_que_no_esta_vacio():
            raise ErrorRespaldo(
                "El destino no está vacío: "
                + "; ".join(motivos)
                + ". Restaure en una base y una carpeta de media vacías, o use --forzar."
            )
    volcado = directorio / manifiesto["volcado"]["archivo"]
    if proveedor == "postgresql":
        restaurar_postgresql(volcado)
    else:
        restaurar_sqlite(volcado)
    # Connections opened before the restore may cache what no longer exists.
    connection.close()
    raiz = Path(settings.MEDIA_ROOT)
    if forzar and raiz.is_dir():
        # Forced: media becomes exactly the backup's, not a mix.
        for hijo in raiz.iterdir():
            if hijo.is_dir() and not hijo.is_symlink():
                shutil.rmtree(hijo)
            else:
                hijo.unlink()
    extraer_media(directorio / MEDIA, raiz)
    if diferencias := verificar(manifiesto):
        raise ErrorRespaldo(
            "La restauración no coincide con el manifiesto:\n  " + "\n  ".join(diferencias)
        )
    return manifiesto
