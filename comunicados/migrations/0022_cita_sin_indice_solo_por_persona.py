import django.db.models.deletion
from django.db import migrations, models

# Django's name for the foreign key's own index (the same on PostgreSQL and SQLite).
INDICE = "comunicados_cita_persona_id_b5a0bcb2"


class Migration(migrations.Migration):
    dependencies = [
        ("cancilleria", "0008_consulado_alias"),
        ("comunicados", "0021_indice_personas_por_persona"),
    ]

    # Only the index goes: AlterField would rebuild the whole table on SQLite, and the
    # search triggers that read comunicados_cita break while it is renamed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="cita",
                    name="persona",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="citas",
                        to="cancilleria.persona",
                        verbose_name="persona",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f"DROP INDEX {INDICE}",
                    reverse_sql=f"CREATE INDEX {INDICE} ON comunicados_cita (persona_id)",
                ),
            ],
        ),
    ]
