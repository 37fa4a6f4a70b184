"""Word-level differences between two versions of a text, for the change history.

The history used to show both versions cut to 80 characters ("Semin[41 chars]…") with
nothing marked; this marks what was removed (<del>) and added (<ins>), word by word,
and shortens only the long stretches that did not change.
"""

import difflib
import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Words, runs of spaces, and single punctuation marks: "Lima, 23" → Lima|,| |23.
_PALABRAS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Block ends become line breaks, so paragraphs do not run together once tags go.
_FIN_DE_BLOQUE = re.compile(r"</(p|h[1-6]|li|blockquote|tr|table)>|<br\s*/?>|<hr\s*/?>", re.I)
# An unchanged stretch longer than this is shortened to its ends.
CONTEXTO = 12


def texto_de_html(valor):
    """Return the text a reader sees in rich-text HTML: no tags, one line per block."""
    texto = html.unescape(strip_tags(_FIN_DE_BLOQUE.sub("\n", valor or "")))
    return "\n".join(linea.strip() for linea in texto.splitlines() if linea.strip())


def _igual(fichas, primero, ultimo):
    texto = "".join(fichas)
    if len(fichas) <= 2 * CONTEXTO + 1:
        return escape(texto)
    inicio = "" if primero else "".join(fichas[:CONTEXTO])
    fin = "" if ultimo else "".join(fichas[-CONTEXTO:])
    return escape(inicio) + '<span class="diff-omitido">…</span>' + escape(fin)


def diferencia_por_palabras(antes, despues):
    """Return HTML of `despues` against `antes`: removed words in <del>, added in <ins>."""
    viejas = _PALABRAS.findall(str(antes or ""))
    nuevas = _PALABRAS.findall(str(despues or ""))
    comparador = difflib.SequenceMatcher(None, viejas, nuevas, autojunk=False)
    partes = []
    operaciones = comparador.get_opcodes()
    for indice, (operacion, i1, i2, j1, j2) in enumerate(operaciones):
        if operacion == "equal":
            partes.append(
                _igual(nuevas[j1:j2], primero=indice == 0, ultimo=indice == len(operaciones) - 1)
            )
            continue
        if i2 > i1:
            partes.append(f"<del>{escape(''.join(viejas[i1:i2]))}</del>")
        if j2 > j1:
            partes.append(f"<ins>{escape(''.join(nuevas[j1:j2]))}</ins>")
    return mark_safe("".join(partes))  # noqa: S308 - every piece of text is escaped
