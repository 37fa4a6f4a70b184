"""A quote's session belongs to its release's event, held by the database.

A CheckConstraint cannot read another table, so triggers hold the rule (SQLite already
keeps its search index with triggers, migration 0007):
- inserting or changing a quote whose session is not of its release's event is refused
  (IntegrityError; Cita.clean() gives the form message first);
- when a release's event changes (or is deleted: Django sets it to NULL), or a session
  moves to another event, the quotes' sessions that no longer fit are cleared. Refusing
  instead would make deleting an event fail, depending on the order of Django's updates.

On PostgreSQL the quote's check locks the release and session rows (FOR SHARE), so a
concurrent change of the release's event waits for it and then clears it too.
"""

from django.db import migrations

REPARAR = """
UPDATE comunicados_cita SET sesion_id = NULL
WHERE sesion_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM eventos_sesion s JOIN comunicados_comunicado c ON c.evento_id = s.evento_id
    WHERE s.id = comunicados_cita.sesion_id AND c.id = comunicados_cita.comunicado_id
)
"""

NO_ENCAJA = """NEW.sesion_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM eventos_sesion s JOIN comunicados_comunicado c ON c.evento_id = s.evento_id
    WHERE s.id = NEW.sesion_id AND c.id = NEW.comunicado_id
)"""

LIMPIAR_POR_COMUNICADO = """UPDATE comunicados_cita SET sesion_id = NULL
    WHERE comunicado_id = NEW.id AND sesion_id IS NOT NULL
    AND sesion_id NOT IN (SELECT id FROM eventos_sesion WHERE evento_id = NEW.evento_id)"""

LIMPIAR_POR_SESION = """UPDATE comunicados_cita SET sesion_id = NULL
    WHERE sesion_id = NEW.id
    AND comunicado_id NOT IN (SELECT id FROM comunicados_comunicado WHERE evento_id = NEW.evento_id)"""

SQLITE = [
    f"""CREATE TRIGGER comunicados_cita_sesion_del_evento_ai BEFORE INSERT ON comunicados_cita
    FOR EACH ROW WHEN {NO_ENCAJA}
    BEGIN SELECT RAISE(ABORT, 'cita_sesion_de_otro_evento'); END""",
    f"""CREATE TRIGGER comunicados_cita_sesion_del_evento_au
    BEFORE UPDATE OF sesion_id, comunicado_id ON comunicados_cita
    FOR EACH ROW WHEN {NO_ENCAJA}
    BEGIN SELECT RAISE(ABORT, 'cita_sesion_de_otro_evento'); END""",
    f"""CREATE TRIGGER comunicados_comunicado_evento_citas_au
    AFTER UPDATE OF evento_id ON comunicados_comunicado
    FOR EACH ROW WHEN NEW.evento_id IS NOT OLD.evento_id
    BEGIN {LIMPIAR_POR_COMUNICADO}; END""",
    f"""CREATE TRIGGER eventos_sesion_evento_citas_au
    AFTER UPDATE OF evento_id ON eventos_sesion
    FOR EACH ROW WHEN NEW.evento_id IS NOT OLD.evento_id
    BEGIN {LIMPIAR_POR_SESION}; END""",
]
SQLITE_DESHACER = [
    "DROP TRIGGER IF EXISTS comunicados_cita_sesion_del_evento_ai",
    "DROP TRIGGER IF EXISTS comunicados_cita_sesion_del_evento_au",
    "DROP TRIGGER IF EXISTS comunicados_comunicado_evento_citas_au",
    "DROP TRIGGER IF EXISTS eventos_sesion_evento_citas_au",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION comunicados_cita_sesion_del_evento() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.sesion_id IS NOT NULL THEN
            PERFORM 1 FROM eventos_sesion s
                JOIN comunicados_comunicado c ON c.evento_id = s.evento_id
                WHERE s.id = NEW.sesion_id AND c.id = NEW.comunicado_id
                FOR SHARE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'cita_sesion_de_otro_evento' USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER comunicados_cita_sesion_del_evento
    BEFORE INSERT OR UPDATE OF sesion_id, comunicado_id ON comunicados_cita
    FOR EACH ROW EXECUTE FUNCTION comunicados_cita_sesion_del_evento()""",
    f"""CREATE OR REPLACE FUNCTION comunicados_comunicado_evento_citas() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        {LIMPIAR_POR_COMUNICADO};
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER comunicados_comunicado_evento_citas
    AFTER UPDATE OF evento_id ON comunicados_comunicado
    FOR EACH ROW WHEN (NEW.evento_id IS DISTINCT FROM OLD.evento_id)
    EXECUTE FUNCTION comunicados_comunicado_evento_citas()""",
    f"""CREATE OR REPLACE FUNCTION eventos_sesion_evento_citas() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        {LIMPIAR_POR_SESION};
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER eventos_sesion_evento_citas
    AFTER UPDATE OF evento_id ON eventos_sesion
    FOR EACH ROW WHEN (NEW.evento_id IS DISTINCT FROM OLD.evento_id)
    EXECUTE FUNCTION eventos_sesion_evento_citas()""",
]
POSTGRESQL_DESHACER = [
    "DROP TRIGGER IF EXISTS comunicados_cita_sesion_del_evento ON comunicados_cita",
    "DROP TRIGGER IF EXISTS comunicados_comunicado_evento_citas ON comunicados_comunicado",
    "DROP TRIGGER IF EXISTS eventos_sesion_evento_citas ON eventos_sesion",
    "DROP FUNCTION IF EXISTS comunicados_cita_sesion_del_evento()",
    "DROP FUNCTION IF EXISTS comunicados_comunicado_evento_citas()",
    "DROP FUNCTION IF EXISTS eventos_sesion_evento_citas()",
]


def _ejecutar(schema_editor, sentencias):
    for sentencia in sentencias:
        schema_editor.execute(sentencia, params=None)


def crear(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    # Quotes saved before the rule: their session is cleared, not the quote lost.
    _ejecutar(schema_editor, [REPARAR])
    if vendor == "sqlite":
        _ejecutar(schema_editor, SQLITE)
    elif vendor == "postgresql":
        _ejecutar(schema_editor, POSTGRESQL)


def borrar(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _ejecutar(schema_editor, SQLITE_DESHACER)
    elif vendor == "postgresql":
        _ejecutar(schema_editor, POSTGRESQL_DESHACER)


class Migration(migrations.Migration):
    dependencies = [
        ("comunicados", "0008_orden_determinista"),
        ("eventos", "0007_orden_determinista"),
    ]

    operations = [migrations.RunPython(crear, borrar)]
