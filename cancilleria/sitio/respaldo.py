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

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

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


def _proveedor():
    if connection.vendor not in VOLCADO:
        raise ErrorRespaldo(f"Base de datos no soportada: {connection.vendor}.")
    return connection.vendor


def _version_app():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as archivo:
            return tomllib.load(archivo)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "desconocida"


def _tablas(cursor):
    """Return the tables of the current database (not views), sorted."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    return [fila[0] for fila in cursor.fetchall()]


def _contar(cursor, tablas, citar):
    conteos = {}
    for tabla in tablas:
        cursor.execute(f"SELECT COUNT(*) FROM {citar(tabla)}")  # noqa: S608 - names from catalog
        conteos[tabla] = cursor.fetchone()[0]
    return conteos


def _migraciones(cursor, tablas):
    if "django_migrations" not in tablas:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{nombre}" for app, nombre in cursor.fetchall()]


def conteos_actuales():
    """Return {table: rows} for the live database."""
    with connection.cursor() as cursor:
        return _contar(cursor, _tablas(cursor), connection.ops.quote_name)


# --- PostgreSQL binaries ----------------------------------------------------------------------


def binario_postgres(nombre):
    """Find pg_dump/pg_restore: PG_BIN, then Debian's newest version folder, then PATH."""
    candidatos = []
    if os.environ.get("PG_BIN"):
        candidatos.append(Path(os.environ["PG_BIN"]) / nombre)

    def _version(ruta):
        return [int(parte) for parte in re.findall(r"\d+", ruta.parent.parent.name)] or [0]

    debian = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{nombre}"), key=_version)
    candidatos.extend(reversed(debian))
    if en_path := shutil.which(nombre):
        candidatos.append(Path(en_path))
    for candidato in candidatos:
        if candidato.is_file() and os.access(candidato, os.X_OK):
            return str(candidato)
    raise ErrorRespaldo(
        f"No se encuentra {nombre}: instale el cliente de PostgreSQL o indique PG_BIN."
    )


def _version_mayor_binario(ruta):
    salida = subprocess.run([ruta, "--version"], capture_output=True, text=True, check=False)
    coincidencia = re.search(r"(\d+)(?:\.\d+)?", salida.stdout)
    return int(coincidencia.group(1)) if coincidencia else 0


def _comprobar_version(ruta):
    """pg_dump/pg_restore must be at least as new as the server."""
    servidor = connection.pg_version // 10000
    cliente = _version_mayor_binario(ruta)
    if cliente < servidor:
        raise ErrorRespaldo(
            f"{Path(ruta).name} es de PostgreSQL {cliente} y el servidor de {servidor}: "
            "use un cliente de la misma versión o más nuevo (PG_BIN)."
        )


def _entorno_postgres():
    """Connection parameters for the client tools, password in the environment."""
    datos = connection.settings_dict
    entorno = dict(os.environ)
    valores = {
        "PGHOST": datos.get("HOST"),
        "PGPORT": datos.get("PORT"),
        "PGUSER": datos.get("USER"),
        "PGPASSWORD": datos.get("PASSWORD"),
        "PGDATABASE": datos.get("NAME"),
    }
    for clave, valor in valores.items():
        if valor:
            entorno[clave] = str(valor)
        else:
            entorno.pop(clave, None)
    return entorno


def _ejecutar(argumentos, entorno=None):
    resultado = subprocess.run(argumentos, env=entorno, capture_output=True, text=True, check=False)
    if resultado.returncode != 0:
        detalle = (resultado.stderr or resultado.stdout).strip()[-2000:]
        raise ErrorRespaldo(f"{Path(argumentos[0]).name} falló: {detalle}")
    return resultado


# --- backup ------------------------------------------------------------------------------------


def _volcar_postgresql(destino):
    """Dump and count in one snapshot: counts in the manifest are exactly what the dump holds."""
    pg_dump = binario_postgres("pg_dump")
    _comprobar_version(pg_dump)
    if connection.in_atomic_block:
        raise ErrorRespaldo("No se puede respaldar dentro de una transacción.")
    # Outside atomic blocks Django's connection is in autocommit: this BEGIN is ours.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            instantanea = cursor.fetchone()[0]
            tablas = _tablas(cursor)
            conteos = _contar(cursor, tablas, connection.ops.quote_name)
            migraciones = _migraciones(cursor, tablas)
            # pg_dump joins the exported snapshot while this transaction stays open.
            _ejecutar(
                [
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={instantanea}",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={destino}",
                ],
                _entorno_postgres(),
            )
        finally:
            cursor.execute("ROLLBACK")
    return conteos, migraciones


def _volcar_sqlite(destino):
    connection.ensure_connection()
    copia = sqlite3.connect(destino)
    try:
        # The online backup API copies a consistent image even while others write.
        connection.connection.backup(copia)
        # One self-contained file: no -wal/-shm beside it.
        copia.execute("PRAGMA journal_mode=DELETE")
        cursor = copia.cursor()
        tablas = _tablas(cursor)
        conteos = _contar(cursor, tablas, connection.ops.quote_name)
        migraciones = _migraciones(cursor, tablas)
    finally:
        copia.close()
    return conteos, migraciones


class _LectorConSuma:
    """Hash exactly the bytes tarfile reads, so the manifest describes the archive."""

    def __init__(self, archivo):
        self.archivo = archivo
        self.suma = hashlib.sha256()

    def read(self, tamano=-1):
        datos = self.archivo.read(tamano)
        self.suma.update(datos)
        return datos


def _empaquetar_media(raiz, destino):
    archivos = []
    with tarfile.open(destino, "w", format=tarfile.PAX_FORMAT) as tar:
        if not raiz.is_dir():
            return archivos
        for ruta in sorted(p for p in raiz.rglob("*") if p.is_file() and not p.is_symlink()):
            relativa = ruta.relative_to(raiz).as_posix()
            with open(ruta, "rb") as archivo:
                info = tar.gettarinfo(fileobj=archivo, arcname=relativa)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                lector = _LectorConSuma(archivo)
                tar.addfile(info, lector)
            archivos.append(
                {"ruta": relativa, "tamano": info.size, "sha256": lector.suma.hexdigest()}
            )
    return archivos


def respaldar(directorio):
    """Write a backup into directorio (new or empty); return the manifest."""
    directorio = Path(directorio)
    if directorio.exists() and (not directorio.is_dir() or any(directorio.iterdir())):
        raise ErrorRespaldo(f"{directorio} ya existe y no está vacío: elija otra carpeta.")
    proveedor = _proveedor()
    padre = directorio.parent
    padre.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed at the end: a half-written backup never looks complete.
    parcial = Path(tempfile.mkdtemp(prefix=f".{directorio.name}.parcial-", dir=padre))
    try:
        volcado = parcial / VOLCADO[proveedor]
        if proveedor == "postgresql":
            conteos, migraciones = _volcar_postgresql(volcado)
        else:
            conteos, migraciones = _volcar_sqlite(volcado)
        archivos = _empaquetar_media(Path(settings.MEDIA_ROOT), parcial / MEDIA)
        manifiesto = {
            "formato": VERSION_FORMATO,
            "fecha": timezone.now().isoformat(),
            "proveedor": proveedor,
            "version_app": _version_app(),
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


def lo_que_no_esta_vacio():
    """Return a list of reasons the database or media folder is not empty (empty list if so)."""
    motivos = []
    # Model tables only: search-index shadow tables hold bookkeeping rows even when empty.
    tablas = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        conteos = _contar(
            cursor,
            sorted(t for t in tablas if t not in TABLAS_DE_SERVICIO),
            connection.ops.quote_name,
        )
    con_filas = sorted(tabla for tabla, filas in conteos.items() if filas)
    if con_filas:
        lista = ", ".join(con_filas[:5]) + ("…" if len(con_filas) > 5 else "")
        motivos.append(f"la base de datos tiene filas en {len(con_filas)} tablas ({lista})")
    raiz = Path(settings.MEDIA_ROOT)
    if raiz.is_dir() and any(p.is_file() for p in raiz.rglob("*")):
        motivos.append(f"la carpeta de media {raiz} tiene archivos")
    return motivos


def _restaurar_postgresql(volcado):
    pg_restore = binario_postgres("pg_restore")
    _comprobar_version(pg_restore)
    # Drops what the dump creates and recreates it, all in one transaction.
    _ejecutar(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(volcado),
        ],
        _entorno_postgres(),
    )


def _restaurar_sqlite(volcado):
    connection.ensure_connection()
    origen = sqlite3.connect(f"file:{volcado}?mode=ro", uri=True)
    try:
        # Replaces every page of the live database with the backup's.
        origen.backup(connection.connection)
    finally:
        origen.close()


def _extraer_media(tar_ruta, raiz):
    raiz.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(tar_ruta) as tar:
            # The "data" filter refuses absolute paths, "..", links out of raiz and devices.
            tar.extractall(raiz, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise ErrorRespaldo(f"No se pudo extraer {tar_ruta}: {error}") from None


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
    proveedor = _proveedor()
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
        _restaurar_postgresql(volcado)
    else:
        _restaurar_sqlite(volcado)
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
    _extraer_media(directorio / MEDIA, raiz)
    if diferencias := verificar(manifiesto):
        raise ErrorRespaldo(
            "La restauración no coincide con el manifiesto:\n  " + "\n  ".join(diferencias)
        )
    return manifiesto
