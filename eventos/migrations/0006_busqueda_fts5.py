"""Search text as plain text per language, and SQLite's FTS5 index over it.

Frozen here (a migration must not import live code): what the event model indexed
at the time. The FTS5 triggers call `cancilleria_raices_es/en`, which the base app
registers on every SQLite connection (cancilleria/base/busqueda/sqlite.py).
"""

import html

from django.db import migrations
from django.utils.html import strip_tags

TABLA = "eventos_evento"
TITULO = "nombre"
TEXTO = ("descripcion", "lugar", "publico")
RELACIONADOS = {
    "temas": ("nombre_es", "nombre_en"),
    "colaboraciones__organizacion": ("nombre_es", "nombre_en", "sigla_es", "sigla_en"),
    "participaciones__persona": ("nombre",),
}


def sql_fts5(tabla, titulo):
    columnas = {"es": (f"{titulo}_es", "relacionados", "busqueda_es")}
    columnas["en"] = (f"{titulo}_en", "relacionados", "busqueda_en")
    # The English title falls back to the Spanish one, as the page shows it.
    valores = {
        "es": lambda f: (f"{f}.{titulo}_es", f"{f}.relacionados", f"{f}.busqueda_es"),
        "en": lambda f: (
            f"COALESCE(NULLIF({f}.{titulo}_en, ''), {f}.{titulo}_es)",
            f"{f}.relacionados",
            f"{f}.busqueda_en",
        ),
    }

    def fila(idioma, f):
        return ", ".join(f"cancilleria_raices_{idioma}({v})" for v in valores[idioma](f))

    crear, insertar, borrar = [], [], []
    for idioma, cols in columnas.items():
        fts = f"{tabla}_fts_{idioma}"
        crear.append(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(cols)}, content='{tabla}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        insertar.append(f"INSERT INTO {fts}(rowid, {', '.join(cols)}) VALUES (new.id, {fila(idioma, 'new')});")
        borrar.append(
            f"INSERT INTO {fts}({fts}, rowid, {', '.join(cols)}) VALUES ('delete', old.id, {fila(idioma, 'old')});"
        )
        crear.append(f"INSERT INTO {fts}(rowid, {', '.join(cols)}) SELECT id, {fila(idioma, tabla)} FROM {tabla}")
    vigiladas = ", ".join([*columnas["es"], *columnas["en"][0::2]])
    crear += [
        f"CREATE TRIGGER {tabla}_fts_ai AFTER INSERT ON {tabla} BEGIN {' '.join(insertar)} END",
        f"CREATE TRIGGER {tabla}_fts_ad AFTER DELETE ON {tabla} BEGIN {' '.join(borrar)} END",
        f"CREATE TRIGGER {tabla}_fts_au AFTER UPDATE OF {vigiladas} ON {tabla} "
        f"BEGIN {' '.join(borrar)} {' '.join(insertar)} END",
    ]
    deshacer = [f"DROP TRIGGER IF EXISTS {tabla}_fts_{s}" for s in ("ai", "ad", "au")]
    deshacer += [f"DROP TABLE IF EXISTS {tabla}_fts_{i}" for i in columnas]
    return crear, deshacer


def texto_plano(valor):
    return html.unescape(strip_tags(valor or ""))


def traducido(obj, campo, idioma):
    valor = getattr(obj, f"{campo}_{idioma}", None) or getattr(obj, f"{campo}_es", None)
    return valor or getattr(obj, campo, None) or ""


def reescribir_textos(apps, schema_editor):
    # The columns held normalised words for LIKE; now plain text the index reads.
    modelo = apps.get_model("eventos", "Evento")
    nombres = {}
    for ruta, campos in RELACIONADOS.items():
        filas = modelo._base_manager.filter(**{f"{ruta}__isnull": False}).values_list(
            "pk", *(f"{ruta}__{c}" for c in campos)
        )
        for pk, *valores in filas.order_by("pk", *(f"{ruta}__{c}" for c in campos)):
            nombres.setdefault(pk, []).extend(v for v in valores if v)
    filas = []
    for obj in modelo._base_manager.all().iterator(chunk_size=500):
        for idioma in ("es", "en"):
            partes = (texto_plano(traducido(obj, c, idioma)) for c in TEXTO)
            setattr(obj, f"busqueda_{idioma}", "\n".join(filter(None, partes)))
        obj.relacionados = " ".join(dict.fromkeys(nombres.get(obj.pk, [])))
        filas.append(obj)
    modelo._base_manager.bulk_update(
        filas, ["busqueda_es", "busqueda_en", "relacionados"], batch_size=200
    )


def crear_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in sql_fts5(TABLA, TITULO)[0]:
            schema_editor.execute(sql)


def borrar_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in sql_fts5(TABLA, TITULO)[1]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("eventos", "0005_busqueda")]

    operations = [
        migrations.RunPython(reescribir_textos, migrations.RunPython.noop),
        migrations.RunPython(crear_fts5, borrar_fts5),
    ]
