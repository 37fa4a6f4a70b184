"""The database half: row counts, and a snapshot dumped and restored per vendor."""

import os
import re
import shutil
import sqlite3
import subprocess
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import connection

from .comun import TABLAS_DE_SERVICIO, TABLAS_DERIVADAS, VOLCADO, ErrorRespaldo


def proveedor_actual():
    if connection.vendor not in VOLCADO:
        raise ErrorRespaldo(f"Base de datos no soportada: {connection.vendor}.")
    return connection.vendor


def version_app():
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
        if tabla in TABLAS_DERIVADAS:
            continue
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


def volcar_postgresql(destino):
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
                    *(f"--exclude-table-data={tabla}" for tabla in sorted(TABLAS_DERIVADAS)),
                    f"--file={destino}",
                ],
                _entorno_postgres(),
            )
        finally:
            cursor.execute("ROLLBACK")
    return conteos, migraciones


def volcar_sqlite(destino):
    connection.ensure_connection()
    copia = sqlite3.connect(destino)
    try:
        # The online backup API copies a consistent image even while others write.
        connection.connection.backup(copia)
        # One self-contained file: no -wal/-shm beside it.
        copia.execute("PRAGMA journal_mode=DELETE")
        cursor = copia.cursor()
        for tabla in _tablas(cursor):
            if tabla in TABLAS_DERIVADAS:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(tabla)}")  # noqa: S608
        copia.commit()
        tablas = _tablas(cursor)
        conteos = _contar(cursor, tablas, connection.ops.quote_name)
        migraciones = _migraciones(cursor, tablas)
    finally:
        copia.close()
    return conteos, migraciones


def lo_que_no_esta_vacio():
    """Return a list of reasons the database or media folder is not empty (empty list if so)."""
    motivos = []
    # Model tables only: search-index shadow tables hold bookkeeping rows even when empty.
    tablas = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        conteos = _contar(
            cursor,
            sorted(t for t in tablas if t not in TABLAS_DE_SERVICIO | TABLAS_DERIVADAS),
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


def restaurar_postgresql(volcado):
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


def restaurar_sqlite(volcado):
    connection.ensure_connection()
    origen = sqlite3.connect(f"file:{volcado}?mode=ro", uri=True)
    try:
        # Replaces every page of the live database with the backup's.
        origen.backup(connection.connection)
    finally:
        origen.close()
