"""SQLite backend: FTS5 tables of Snowball stems, weighted-hit ranking, snippet() highlighting.

Each app's migration creates, per language, `<table>_fts_<idioma>`: an FTS5 table
(unicode61, diacritics removed) whose content is the model's own table (title,
`relacionados`, `busqueda_<idioma>`). Triggers index those columns through the
functions `cancilleria_raices_es/en` (texto.raices) registered below on every
connection, so the index holds stems while snippet() reads, and marks, the original.
"""

from django.db.models import Expression, FloatField, TextField
from django.db.models.expressions import RawSQL

from .texto import FIN_MARCA, IDIOMAS, INICIO_MARCA, analizar, palabras_vacias, raices, raiz

# Weights of the FTS5 columns (title, related names, text), in PostgreSQL's proportions
# for the weights A, B and C.
PESOS = (5.0, 2.0, 1.0)
# Marks each hit in highlight(), to count the hits of a column.
ACIERTO = "\x01"


def relevancia(bm25, *columnas_marcadas):
    """Return a row's score: its hits per column, weighted, with diminishing returns.

    This ranks as PostgreSQL's ts_rank does (no length normalisation), so a long release
    about the topic is not put below a short one that mentions it once, and releases and
    events share one scale; bm25() only breaks ties.
    """
    puntos = 0.0
    for peso, marcada in zip(PESOS, columnas_marcadas, strict=True):
        aciertos = (marcada or "").count(ACIERTO)
        puntos += peso * aciertos / (aciertos + 1)
    return puntos - bm25 / 1000


def registrar_funciones(connection):
    """Give a SQLite connection the stemming functions the index triggers call, and the score."""
    for idioma in IDIOMAS:
        connection.connection.create_function(
            f"cancilleria_raices_{idioma}",
            1,
            lambda texto, idioma=idioma: raices(texto, idioma),
            deterministic=True,
        )
    connection.connection.create_function(
        "cancilleria_relevancia", 1 + len(PESOS), relevancia, deterministic=True
    )


def expresion_fts(texto, idioma):
    """Return the visitor's text as an FTS5 query of stems ("" if nothing is left).

    Every group must match, any term of a group; phrases keep their stop words (the
    index has them), loose stop words go, as on PostgreSQL.
    """
    vacias = palabras_vacias(idioma)
    positivos, negados = [], []
    for grupo in analizar(texto):
        frases = []
        for termino in grupo:
            palabras = termino.frase.split()
            if len(palabras) == 1 and palabras[0] in vacias:
                continue
            frase = " ".join(raiz(p, idioma) for p in palabras)
            (negados if termino.negado else frases).append(f'"{frase}"')
        if frases:
            positivos.append(f"({' OR '.join(frases)})")
    if not positivos:
        return ""
    expresion = " AND ".join(positivos)
    return f"({expresion}) NOT ({' OR '.join(negados)})" if negados else expresion


def _tabla_fts(queryset, idioma):
    return f"{queryset.model._meta.db_table}_fts_{idioma}"


class SubconsultaFts(Expression):
    """A scalar subquery on the FTS5 entry of the outer row; `{fts}` names its table."""

    def __init__(self, plantilla, tabla, expresion, output_field):
        super().__init__(output_field=output_field)
        self.plantilla, self.tabla, self.expresion = plantilla, tabla, expresion

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name(compiler.query.get_initial_alias())
        columna = connection.ops.quote_name(compiler.query.model._meta.pk.column)
        fts = connection.ops.quote_name(self.tabla)
        valor = self.plantilla.format(fts=fts)
        sql = (
            f"(SELECT {valor} FROM {fts} WHERE {fts} MATCH %s AND {fts}.rowid = {alias}.{columna})"
        )
        return sql, [self.expresion]


def _filtrar(queryset, idioma, expresion):
    tabla = _tabla_fts(queryset, idioma)
    return RawSQL(f'SELECT rowid FROM "{tabla}" WHERE "{tabla}" MATCH %s', [expresion])


def filtrar(queryset, texto, idioma):
    expresion = expresion_fts(texto, idioma)
    if not expresion:
        return queryset.none()
    return queryset.filter(pk__in=_filtrar(queryset, idioma, expresion))


def puntuacion(queryset, texto, idioma):
    # Higher is better on both databases (bm25() itself is lower for better matches).
    marcadas = ", ".join(
        f"highlight({{fts}}, {columna}, '{ACIERTO}', '')" for columna in range(len(PESOS))
    )
    return SubconsultaFts(
        f"cancilleria_relevancia(bm25({{fts}}, {', '.join(map(str, PESOS))}), {marcadas})",
        _tabla_fts(queryset, idioma),
        expresion_fts(texto, idioma),
        FloatField(),
    )


def buscar_en_idiomas(queryset, texto):
    subconsultas = [(i, expresion_fts(texto, i)) for i in IDIOMAS]
    subconsultas = [(i, e) for i, e in subconsultas if e]
    if not subconsultas:
        return queryset.none()
    condicion = None
    for idioma, expresion in subconsultas:
        una = queryset.filter(pk__in=_filtrar(queryset, idioma, expresion))
        condicion = una if condicion is None else condicion | una
    return condicion


def con_fragmentos(queryset, texto, idioma):
    expresion = expresion_fts(texto, idioma)
    if not expresion:
        return queryset
    # Column 2 is `busqueda_<idioma>`; 24 tokens around the best hits.
    fragmento = SubconsultaFts(
        f"snippet({{fts}}, 2, '{INICIO_MARCA}', '{FIN_MARCA}', ' … ', 24)",
        _tabla_fts(queryset, idioma),
        expresion,
        TextField(),
    )
    return queryset.annotate(fragmento_busqueda=fragmento)
