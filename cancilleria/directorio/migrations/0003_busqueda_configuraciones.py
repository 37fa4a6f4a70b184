"""Text search configurations that ignore accents (PostgreSQL only; see cancilleria/base/busqueda/).

unaccent() is only STABLE, so it cannot go in an index expression; a configuration whose
word mapping runs through the unaccent dictionary before the stemmer can.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGURACIONES = (("cancilleria_es", "spanish"), ("cancilleria_en", "english"))


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre, idioma in CONFIGURACIONES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {nombre}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {nombre} (COPY = pg_catalog.{idioma})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {nombre} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {idioma}_stem"
        )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre, _idioma in CONFIGURACIONES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {nombre}")


class Migration(migrations.Migration):
    dependencies = [("cancilleria", "0002_imagenes_con_nombre_generado")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(crear, borrar, elidable=False),
    ]
