"""Bulk writes for benchmark-sized demos on PostgreSQL (`cargar_demo --rapido`).

COPY instead of INSERT (no SQL to build or parse for 100k rows), and the secondary
indexes of the loaded tables dropped during the load and rebuilt once at the end (a GIN
or B-tree built in one pass is far cheaper than 100k insertions into it). The rows are
the ones bulk_create would write: the same prepared values, the same triggers. On SQLite
the load goes through bulk_create as usual.
"""

from contextlib import contextmanager

from django.db import connection


def disponible():
    """Return whether the fast path applies to the default database."""
    return connection.vendor == "postgresql"


def copiar(modelo, objetos):
    """Insert unsaved objets with COPY, setting their primary keys; return them."""
    if not objetos:
        return objetos
    opciones = modelo._meta
    pk = opciones.pk
    with connection.cursor() as cursor:
        if any(obj.pk is None for obj in objetos):
            # Keys from the table's own sequence, as INSERT would draw them.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opciones.db_table, pk.column, len(objetos)],
            )
            for obj, (clave,) in zip(objetos, cursor.fetchall(), strict=True):
                obj.pk = clave
        campos = opciones.concrete_fields
        q = connection.ops.quote_name
        orden = f"COPY {q(opciones.db_table)} ({', '.join(q(c.column) for c in campos)}) FROM STDIN"
        with cursor.cursor.copy(orden) as copia:
            for obj in objetos:
                copia.write_row(
                    [c.get_db_prep_save(c.pre_save(obj, True), connection) for c in campos]
                )
    for obj in objetos:
        obj._state.adding, obj._state.db = False, connection.alias
    return objetos


def _indices_secundarios(tablas):
    # Indexes that back no constraint (primary keys and unique slugs stay: the loader
    # reads by slug, and constraints must hold while it writes).
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [list(tablas)],
        )
        return cursor.fetchall()


@contextmanager
def sin_indices(modelos):
    """Drop the secondary indexes of these models' tables, rebuild them on exit, ANALYZE."""
    tablas = {m._meta.db_table for m in modelos}
    indices = _indices_secundarios(tablas)
    with connection.cursor() as cursor:
        for nombre, _definicion in indices:
            cursor.execute(f"DROP INDEX {nombre}")
    yield
    with connection.cursor() as cursor:
        # Deferred foreign key checks must run before an index may be built in this
        # transaction; the rest of it checks them at once.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _nombre, definicion in indices:
            cursor.execute(definicion)
        for tabla in sorted(tablas):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(tabla)}")
