"""Search machinery shared by releases and events (and the admin's change lists).

Two databases, one behaviour a visitor notices: case- and accent-insensitive, every
word must match, quoted phrases, `-palabra` to exclude, `or` between alternatives.

- PostgreSQL: full-text search. The migration `cancilleria.0003` creates two text search
  configurations that run words through `unaccent` before stemming (`cancilleria_es`,
  `cancilleria_en`); each app's table gets stored, weighted tsvectors `documento_es/en`
  (filled by a trigger, indexed with GIN, so ranking reads them instead of re-parsing
  every matching row), and queries are parsed by `websearch_to_tsquery`, which never
  raises on odd input.
- SQLite: each searchable row keeps a normalised copy of its text (lowercase, no
  accents, words separated by single spaces) and every term is a `LIKE '% term%'`.

The per-app pieces (which columns, which weights) live in `comunicados/busqueda.py` and
`eventos/busqueda.py`; this module knows neither.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

import django_filters
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import CharField, Expression, Q, TextField, Transform, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Longer queries are cut, not refused: nobody types more, and it bounds the SQL.
LARGO_MAXIMO = 200
TERMINOS_MAXIMOS = 12
CONFIGURACIONES = {"es": "cancilleria_es", "en": "cancilleria_en"}
# Private-use characters: they cannot come from sanitised content, so they mark hits safely.
INICIO_MARCA, FIN_MARCA = "\ue000", "\ue001"
_PALABRA = re.compile(r"[^\W_]+")
_TERMINO = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def idioma_de(idioma):
    """Return "en" or "es": English content falls back to Spanish, anything else is Spanish."""
    return "en" if (idioma or "")[:2] == "en" else "es"


def configuracion(idioma):
    """Return the PostgreSQL text search configuration for a language."""
    return CONFIGURACIONES[idioma_de(idioma)]


def sin_acentos(texto):
    """Return the text lowercased and without diacritics (ñ becomes n, as unaccent does)."""
    descompuesto = unicodedata.normalize("NFKD", (texto or "").casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def palabras(texto):
    """Return the normalised words of a text: lowercase, no accents, no punctuation."""
    return _PALABRA.findall(sin_acentos(texto))


def texto_plano(html_o_texto):
    """Return the visible text of sanitised HTML."""
    return html.unescape(strip_tags(html_o_texto or ""))


def documento(*partes):
    """Return the normalised search text of some parts, padded with spaces for `LIKE`.

    The leading space lets `LIKE '% term%'` match a term at the start of any word.
    """
    texto = " ".join(" ".join(palabras(texto_plano(p))) for p in partes if p)
    return f" {texto} " if texto else ""


@dataclass(frozen=True)
class Termino:
    frase: str  # normalised words joined by one space
    negado: bool = False


def analizar(texto):
    """Return the query as a list of groups: every group must match, any term of a group.

    Mirrors `websearch_to_tsquery`: "quoted phrase", -excluded, `a or b`. Anything else
    that is not a letter or a digit (&, |, !, :*, parentheses…) only separates words.
    """
    grupos = []
    alternativa = False
    for coincidencia in _TERMINO.finditer((texto or "")[:LARGO_MAXIMO]):
        menos, frase, suelta = coincidencia.groups()
        if suelta is not None:
            if suelta.lower() == "or":
                alternativa = bool(grupos)
                continue
            negado = suelta.startswith("-")
            frase = suelta.lstrip("-")
        else:
            negado = menos == "-"
        normalizada = " ".join(palabras(frase))
        if not normalizada:
            continue
        termino = Termino(normalizada, negado)
        if alternativa and not negado and not grupos[-1][0].negado:
            grupos[-1].append(termino)
        else:
            grupos.append([termino])
        alternativa = False
    return grupos[:TERMINOS_MAXIMOS]


def hay_consulta(texto):
    """Return whether the text holds at least one word to search for."""
    return bool(analizar(texto))


def es_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def condicion_like(columnas, grupos):
    """Return a Q where every group matches in at least one of the normalised columns."""
    condicion = Q()
    for grupo in grupos:
        alguno = Q()
        for termino in grupo:
            en_alguna = Q()
            for columna in columnas:
                # Terms hold only letters, digits and spaces: no LIKE wildcard to escape.
                en_alguna |= Q(**{f"{columna}__contains": f" {termino.frase}"})
            alguno |= ~en_alguna if termino.negado else en_alguna
        condicion &= alguno
    return condicion


def consulta_postgresql(texto, idioma):
    """Return the tsquery for the visitor's text in a language's configuration."""
    return SearchQuery(
        (texto or "")[:LARGO_MAXIMO], search_type="websearch", config=configuracion(idioma)
    )


class DocumentoGuardado(Expression):
    """The stored, weighted tsvector column `documento_<idioma>` (PostgreSQL only).

    The column is not a model field: the migration adds it with the trigger that fills
    it, so Django never writes it and SQLite never has it.
    """

    output_field = SearchVectorField()

    def __init__(self, idioma):
        super().__init__()
        self.columna = f"documento_{idioma_de(idioma)}"

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        tabla = compiler.quote_name(alias)
        return f"{tabla}.{connection.ops.quote_name(self.columna)}", []


def coincide(queryset, texto, idioma):
    """Return the queryset filtered by the bare tsvector condition (PostgreSQL)."""
    consulta = consulta_postgresql(texto, idioma)
    return queryset.filter(SearchVectorExact(DocumentoGuardado(idioma), consulta))


def columnas_normalizadas(idioma):
    """Return the normalised text columns SQLite searches for a language."""
    return [f"busqueda_{idioma_de(idioma)}", "relacionados"]


def campo_con_respaldo(nombre, idioma):
    """Return a translated field in `idioma`, falling back to Spanish when empty."""
    if idioma == "es":
        return f"{nombre}_es"
    return Coalesce(NullIf(f"{nombre}_en", Value("")), f"{nombre}_es", output_field=TextField())


def filas_afectadas(instance, action, reverse, pk_set, relacion):
    """Return the pks whose search text an m2m_changed signal made stale ([] if none).

    `relacion` is the reverse accessor from a directory entry (e.g. "comunicados").
    """
    marca = f"_{relacion}_afectados"
    if action == "pre_clear" and reverse:
        # After the clear the links are gone: remember whom they pointed at.
        setattr(instance, marca, list(getattr(instance, relacion).values_list("pk", flat=True)))
        return []
    if action not in ("post_add", "post_remove", "post_clear"):
        return []
    if not reverse:
        return [instance.pk]
    if action == "post_clear":
        return getattr(instance, marca, [])
    return list(pk_set or [])


def buscar_con(queryset, texto, idioma):
    """Filter a queryset by the visitor's text; annotate `relevancia` on PostgreSQL.

    A text with no words leaves the queryset as it is.
    """
    grupos = analizar(texto)
    if not grupos:
        return queryset
    if es_postgresql(queryset):
        consulta = consulta_postgresql(texto, idioma)
        return coincide(queryset, texto, idioma).annotate(
            relevancia=SearchRank(DocumentoGuardado(idioma), consulta)
        )
    return queryset.filter(condicion_like(columnas_normalizadas(idioma), grupos))


# --- The stored tsvector columns (PostgreSQL) ----------------------------------------------


def _sql_vector(partes, idioma):
    # partes: [(column or translated field name, weight, translated?)]
    config = configuracion(idioma)
    trozos = []
    for nombre, peso, traducido in partes:
        if traducido and idioma != "es":
            valor = f"COALESCE(NULLIF(NEW.{nombre}_{idioma}, ''), NEW.{nombre}_es, '')"
        elif traducido:
            valor = f"COALESCE(NEW.{nombre}_es, '')"
        else:
            valor = f"COALESCE(NEW.{nombre.format(idioma=idioma)}, '')"
        trozos.append(f"setweight(to_tsvector('{config}', {valor}), '{peso}')")
    return " || ".join(trozos)


def sql_instalar_documentos(tabla, partes):
    """Return the SQL that adds `documento_es/en`, their trigger and GIN indexes to a table.

    A trigger rather than a generated column: PostgreSQL refuses to change the type of a
    column a generated column reads, which would block later migrations of the fields.
    """
    funcion = f"{tabla}_documentos"
    asignaciones = "\n".join(
        f"  NEW.documento_{idioma} := {_sql_vector(partes, idioma)};" for idioma in CONFIGURACIONES
    )
    return [
        *(
            f"ALTER TABLE {tabla} ADD COLUMN IF NOT EXISTS documento_{idioma} tsvector"
            for idioma in CONFIGURACIONES
        ),
        f"CREATE OR REPLACE FUNCTION {funcion}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{asignaciones}\n  RETURN NEW;\nEND\n$$",
        f"DROP TRIGGER IF EXISTS {funcion} ON {tabla}",
        f"CREATE TRIGGER {funcion} BEFORE INSERT OR UPDATE ON {tabla} "
        f"FOR EACH ROW EXECUTE FUNCTION {funcion}()",
        # Fill the rows already there (the trigger runs on the update).
        f"UPDATE {tabla} SET id = id",
        *(
            f"CREATE INDEX IF NOT EXISTS {tabla}_documento_{idioma}_idx "
            f"ON {tabla} USING gin (documento_{idioma})"
            for idioma in CONFIGURACIONES
        ),
    ]


def sql_desinstalar_documentos(tabla):
    funcion = f"{tabla}_documentos"
    return [
        f"DROP TRIGGER IF EXISTS {funcion} ON {tabla}",
        f"DROP FUNCTION IF EXISTS {funcion}()",
        *(f"ALTER TABLE {tabla} DROP COLUMN IF EXISTS documento_{i}" for i in CONFIGURACIONES),
    ]


def ordenar_por_relevancia(queryset, campo_fecha):
    """Order by relevance where it was computed (PostgreSQL), then newest first."""
    if "relevancia" in queryset.query.annotations:
        return queryset.order_by("-relevancia", f"-{campo_fecha}", "-pk")
    return queryset.order_by(f"-{campo_fecha}", "-pk")


# --- Snippets ---------------------------------------------------------------------------


def titular_postgresql(expresion, texto, idioma):
    """Return a ts_headline expression whose hits are wrapped in private-use markers."""
    return SearchHeadline(
        expresion,
        consulta_postgresql(texto, idioma),
        config=configuracion(idioma),
        start_sel=INICIO_MARCA,
        stop_sel=FIN_MARCA,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def marcado_seguro(titular):
    """Return a ts_headline result as safe HTML: all of it escaped, then only hits marked."""
    texto = texto_plano(titular).strip()
    texto = escape(texto).replace(INICIO_MARCA, "<mark>").replace(FIN_MARCA, "</mark>")
    return mark_safe(texto)  # noqa: S308 - escaped above; only our own <mark> tags added


def resaltar(texto, consulta, *, palabras_maximas=35):
    """Return a safe-HTML snippet of plain text around the first hit, hits in <mark>.

    Used where the database gives no headline (SQLite). Matching is the search's own:
    accent- and case-insensitive, at the start of a word.
    """
    texto = " ".join(texto_plano(texto).split())
    if not texto:
        return ""
    terminos = [
        palabra
        for grupo in analizar(consulta)
        for t in grupo
        if not t.negado
        for palabra in t.frase.split()
    ]
    # sin_acentos keeps one character per character for the scripts we publish in; where
    # it would not, fall back to no highlighting rather than marking the wrong letters.
    plano = sin_acentos(texto)
    if len(plano) != len(texto):
        plano = ""
    tramos = []
    for termino in set(terminos):
        for m in re.finditer(rf"(?<![^\W_]){re.escape(termino)}[^\W_]*", plano):
            tramos.append((m.start(), m.end()))
    tramos.sort()
    palabras_texto = list(re.finditer(r"\S+", texto))
    inicio_palabra = 0
    if tramos:
        primera = next(i for i, p in enumerate(palabras_texto) if p.end() > tramos[0][0])
        inicio_palabra = max(0, primera - 8)
    fin_palabra = min(len(palabras_texto), inicio_palabra + palabras_maximas)
    desde = palabras_texto[inicio_palabra].start()
    hasta = palabras_texto[fin_palabra - 1].end()
    partes, cursor = [], desde
    for a, b in tramos:
        if a < cursor or b > hasta:
            continue
        partes += [escape(texto[cursor:a]), "<mark>", escape(texto[a:b]), "</mark>"]
        cursor = b
    partes.append(escape(texto[cursor:hasta]))
    prefijo = "… " if inicio_palabra > 0 else ""
    sufijo = " …" if fin_palabra < len(palabras_texto) else ""
    return mark_safe(prefijo + "".join(partes) + sufijo)  # noqa: S308 - every piece escaped


# --- Accent-insensitive lookups for the admin ------------------------------------------


class SinAcentos(Transform):
    """`campo__sin_acentos__contains="migracion"`: lowercase and accent-free comparison."""

    lookup_name = "sin_acentos"

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER({sql})", params

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"cancilleria_sin_acentos({sql})", params

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(unaccent({sql}))", params


CharField.register_lookup(SinAcentos)
TextField.register_lookup(SinAcentos)


def registrar_funcion_sqlite(sender, connection, **kwargs):
    """Give each new SQLite connection the accent-stripping function the lookup calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "cancilleria_sin_acentos", 1, sin_acentos, deterministic=True
        )


connection_created.connect(registrar_funcion_sqlite, dispatch_uid="cancilleria_sin_acentos")


class BusquedaSinAcentosAdmin:
    """Admin mixin: the change list's search box ignores accents and case.

    A model whose queryset has `buscar(texto, idioma)` (releases, events) is searched
    with it, in both languages; any other model word by word over its `search_fields`.
    """

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        if hasattr(queryset, "buscar_en_admin"):
            return queryset.buscar_en_admin(search_term), False
        grupos = analizar(search_term)
        campos = [c.lstrip("^=@") for c in self.get_search_fields(request)]
        if not grupos or not campos:
            return super().get_search_results(request, queryset, search_term)
        condicion = Q()
        for grupo in grupos:
            alguno = Q()
            for termino in grupo:
                en_alguno = Q()
                for campo in campos:
                    en_alguno |= Q(**{f"{campo}__sin_acentos__contains": termino.frase})
                alguno |= ~en_alguno if termino.negado else en_alguno
            condicion &= alguno
        # Lookups across to-many relations may repeat rows.
        return queryset.filter(condicion), any("__" in c for c in campos)


# --- Keeping the normalised columns up to date ------------------------------------------


def traducido(obj, campo, idioma):
    """Return a translated field's value in a language, falling back to Spanish."""
    valor = getattr(obj, f"{campo}_{idioma}", None) or ""
    if not valor and idioma != "es":
        valor = getattr(obj, f"{campo}_es", None) or ""
    return valor


def documentos_propios(obj, campos):
    """Return {"busqueda_es": …, "busqueda_en": …} built from the row's own fields."""
    return {
        f"busqueda_{idioma}": documento(*(traducido(obj, campo, idioma) for campo in campos))
        for idioma in CONFIGURACIONES
    }


def campos_a_guardar(update_fields, campos):
    """Return update_fields plus the search columns if a searched field is among them."""
    if update_fields is None:
        return None
    fuentes = {f"{c}{sufijo}" for c in campos for sufijo in ("", "_es", "_en")}
    if fuentes & set(update_fields):
        return {*update_fields, *(f"busqueda_{i}" for i in CONFIGURACIONES)}
    return update_fields


def nombres_tema(tema):
    return [tema.nombre_es, tema.nombre_en]


def nombres_organizacion(org):
    return [org.nombre_es, org.nombre_en, org.sigla_es, org.sigla_en]


def reconstruir(queryset, campos, texto_relacionados, prefetch):
    """Recompute the search columns of the rows in `queryset`, writing only what changed.

    Works with the real models and with a migration's historical ones.
    """
    modelo = queryset.model
    cambiadas = []
    for obj in queryset.prefetch_related(*prefetch).iterator(chunk_size=500):
        nuevos = {**documentos_propios(obj, campos), "relacionados": texto_relacionados(obj)}
        if any(getattr(obj, k) != v for k, v in nuevos.items()):
            for k, v in nuevos.items():
                setattr(obj, k, v)
            cambiadas.append(obj)
    modelo._base_manager.bulk_update(
        cambiadas, ["busqueda_es", "busqueda_en", "relacionados"], batch_size=200
    )
    return len(cambiadas)


# --- The `q` of the public lists ----------------------------------------------------------


class FiltroBusqueda(django_filters.CharFilter):
    """The lists' `q`: full-text search through the queryset's `buscar(texto, idioma)`.

    In the active language; on PostgreSQL the results come by relevance (then newest),
    until the list's own `orden` says otherwise.
    """

    def __init__(self, *args, campo_fecha, **kwargs):
        self.campo_fecha = campo_fecha
        kwargs.setdefault("max_length", 10_000)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not hay_consulta(value):
            return qs
        qs = qs.buscar(value, get_language())
        if "relevancia" in qs.query.annotations:
            return ordenar_por_relevancia(qs, self.campo_fecha)
        return qs
