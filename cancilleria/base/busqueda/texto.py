"""Words: normalising, stemming and reading the visitor's query (no database here).

The stop word lists are PostgreSQL's own `spanish.stop` and `english.stop` (from the
Snowball project), so both databases drop the same words.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import snowballstemmer
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Longer queries are cut, not refused: nobody types more, and it bounds the SQL.
LARGO_MAXIMO = 200
TERMINOS_MAXIMOS = 12
IDIOMAS = ("es", "en")
STEMMERS = {"es": "spanish", "en": "english"}
# Private-use characters: they cannot come from sanitised content, so they mark hits safely.
INICIO_MARCA, FIN_MARCA = "\ue000", "\ue001"
_PALABRA = re.compile(r"[^\W_]+")
_TERMINO = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def idioma_de(idioma):
    """Return "en" or "es": English content falls back to Spanish, anything else is Spanish."""
    return "en" if (idioma or "")[:2] == "en" else "es"


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


@cache
def _stemmer(idioma):
    return snowballstemmer.stemmer(STEMMERS[idioma_de(idioma)])


@cache
def palabras_vacias(idioma):
    """Return the words too common to search for in a language, normalised."""
    ruta = Path(__file__).with_name(f"palabras_vacias_{idioma_de(idioma)}.txt")
    return frozenset(sin_acentos(p) for p in ruta.read_text(encoding="utf-8").split())


def raiz(palabra, idioma):
    """Return the Snowball stem of one normalised word."""
    return _stemmer(idioma).stemWord(palabra)


def raices(texto, idioma):
    """Return the text as stems, one per word of the original, for SQLite's FTS5 index.

    One stem per token the FTS5 tokenizer sees in the stored text keeps their positions
    equal, so snippet() marks the right words of the original.
    """
    salida = []
    for token in _PALABRA.findall(texto or ""):
        normal = "".join(_PALABRA.findall(sin_acentos(token))) or token
        salida.append(raiz(normal, idioma))
    return " ".join(salida)


@dataclass(frozen=True)
class Termino:
    frase: str  # normalised words joined by one space
    negado: bool = False


def analizar(texto):
    """Return the query as a list of groups: every group must match, any term of a group.

    Only SQLite needs it, to write an FTS5 query; PostgreSQL reads the text itself with
    websearch_to_tsquery. The same forms: "quoted phrase", -excluded, `a or b`; anything
    else that is not a letter or a digit only separates words.
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


def solo_palabras_vacias(texto, idioma):
    """Return whether the text has words, but only words too common to be searched."""
    # "or" alone is the query's operator, not a word (as on PostgreSQL).
    todas = [p for p in palabras((texto or "")[:LARGO_MAXIMO]) if p != "or"]
    return bool(todas) and all(p in palabras_vacias(idioma) for p in todas)


def marcado_seguro(titular):
    """Return a snippet as safe HTML: all of it escaped, then only the hits marked.

    Both databases wrap hits in the private-use markers (ts_headline, snippet()).
    """
    texto = texto_plano(titular).strip()
    texto = escape(texto).replace(INICIO_MARCA, "<mark>").replace(FIN_MARCA, "</mark>")
    return mark_safe(texto)  # noqa: S308 - escaped above; only our own <mark> tags added
