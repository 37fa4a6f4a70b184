"""PostgreSQL backend: stored weighted tsvectors, websearch_to_tsquery, ts_rank, ts_headline.

Each app's migration gives its table `documento_es/en` (filled by a trigger from the
title, `relacionados` and `busqueda_<idioma>`, indexed with GIN) in the configurations
`cancilleria_es/en` of cancilleria/directorio/migrations/0003 (unaccent, then the
Snowball stemmer of the language). The columns are not model fields: SQLite has none.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db.models import Expression, F

from .texto import FIN_MARCA, IDIOMAS, INICIO_MARCA, LARGO_MAXIMO

CONFIGURACIONES = {"es": "cancilleria_es", "en": "cancilleria_en"}


class DocumentoGuardado(Expression):
    """The stored, weighted tsvector column `documento_<idioma>` of the query's table."""

    output_field = SearchVectorField()

    def __init__(self, idioma):
        super().__init__()
        self.columna = f"documento_{idioma}"

    def as_sql(self, compiler, connection):
        tabla = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{tabla}.{connection.ops.quote_name(self.columna)}", []


def consulta(texto, idioma):
    """Return the tsquery of the visitor's text; websearch_to_tsquery never raises."""
    return SearchQuery(
        (texto or "")[:LARGO_MAXIMO], search_type="websearch", config=CONFIGURACIONES[idioma]
    )


def coincide(queryset, texto, idioma):
    """Return the queryset filtered by the bare tsvector condition (the GIN index's)."""
    return queryset.filter(SearchVectorExact(DocumentoGuardado(idioma), consulta(texto, idioma)))


def filtrar(queryset, texto, idioma):
    return coincide(queryset, texto, idioma)


def puntuacion(queryset, texto, idioma):
    return SearchRank(DocumentoGuardado(idioma), consulta(texto, idioma))


def buscar_en_idiomas(queryset, texto):
    condiciones = [
        SearchVectorExact(DocumentoGuardado(idioma), consulta(texto, idioma)) for idioma in IDIOMAS
    ]
    return queryset.filter(condiciones[0] | condiciones[1])


def con_fragmentos(queryset, texto, idioma):
    titular = SearchHeadline(
        F(f"busqueda_{idioma}"),
        consulta(texto, idioma),
        config=CONFIGURACIONES[idioma],
        start_sel=INICIO_MARCA,
        stop_sel=FIN_MARCA,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return queryset.annotate(fragmento_busqueda=titular)
