"""Warn before publishing text that may identify a victim (trafficking, violence, minors).

A heuristic, not a judge: it flags sentences an editor should read again — a person's
name next to an age or "menor", a minor's exact age, a street address, a document
number, a school's name — and the editor fixes them or acknowledges them. It errs on the
side of warning; it never blocks by itself.
"""

import hashlib
import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

MAYUSCULA = "A-ZÁÉÍÓÚÑÜ"
MINUSCULA = "a-záéíóúñü"

# Two or more capitalised words in a row: "María Quispe", "Rosa María Mamani".
_NOMBRE = re.compile(
    rf"\b[{MAYUSCULA}][{MINUSCULA}]+(?:\s+(?:de\s+(?:la\s+|los\s+)?)?[{MAYUSCULA}][{MINUSCULA}]+)+\b"
)
# Capitalised pairs that are not people: places and institutions often next to an age.
_NO_SON_PERSONAS = {
    "naciones unidas",
    "estados unidos",
    "costa rica",
    "el salvador",
    "arabia saudita",
    "república dominicana",
    "puerto maldonado",
    "madre de dios",
    "san martín",
    "la libertad",
    "de dios",
}
_EDAD = re.compile(
    r"\b(?P<n>\d{1,2})(?:\s*(?:años|año)(?:\s+de\s+edad)?|[\s-]*years?(?:[\s-]+old)?)\b",
    re.IGNORECASE,
)
# One child, not children as a group ("mujeres, niñas, niños y adolescentes" names nobody).
_MENOR = re.compile(
    r"\b(?:menor(?:\s+de\s+edad)?|niñ[oa]|adolescente|minor|girl|boy|child)\b",
    re.IGNORECASE,
)
_DIRECCION = re.compile(
    rf"\b(?:Jr\.|Jirón|Av\.|Avda\.|Avenida|Calle|Ca\.|Psje\.|Pasaje|Prolongación|Mz\.|Manzana"
    rf"|Street|St\.|Avenue|Ave\.)\s+(?:[{MAYUSCULA}0-9][\w.'áéíóúñü-]*\s+){{0,4}}?"
    rf"(?:N\.?\s?[°º]\s*|No\.\s*|#\s*)?\d{{1,5}}\b"
)
_DNI = re.compile(r"\b(?:DNI|D\.N\.I\.)\s*(?:N\.?\s?[°º]\s*|:\s*)?\d{8}\b|\b\d{8}\b", re.IGNORECASE)
_PASAPORTE = re.compile(
    r"\b(?:pasaporte|passport|carn[eé]t?\s+de\s+extranjer[ií]a|CE)\b"
    r"[^.\n\d]{0,20}?\b[A-Z]{0,3}\d{6,10}\b",
    re.IGNORECASE,
)
_ESCUELA = re.compile(
    rf"(?:\bI\.\s?E\.(?:P\.)?|\bIEP?\b|\b[Cc]olegio|\b[Ee]scuela|\b[Ii]nstituci[oó]n\s+[Ee]ducativa"
    rf"|\b[Ss]chool)\s+(?:N\.?\s?[°º]\s*\d+|\d+|[«\"“]?[{MAYUSCULA}])[^.,;\n]{{0,60}}"
)
_ABREVIATURA_FINAL = re.compile(
    r"\b(?:Jr|Av|Avda|Ca|Psje|Mz|St|Ave|Sr|Sra|Dr|Dra|N|No)\.$|\b[A-Z]\.$"
)
_FRASES = re.compile(r"(?<=[.!?])\s+(?=[«\"“(]?[" + MAYUSCULA + r"0-9¿¡])|\n+")


@dataclass(frozen=True)
class Advertencia:
    tipo: str
    fragmento: str
    frase: str

    @property
    def descripcion(self):
        return DESCRIPCIONES[self.tipo]


DESCRIPCIONES = {
    "nombre_y_edad": _("Nombre de una persona junto a una edad o a «menor»"),
    "edad_de_menor": _("Edad exacta de una persona menor de edad"),
    "direccion": _("Dirección (calle y número)"),
    "documento": _("Número de documento (DNI, pasaporte, carné)"),
    "escuela": _("Nombre de un colegio o escuela"),
}


def texto_plano(texto):
    """Return `texto` without markup, with block ends as line breaks."""
    texto = re.sub(r"</(?:p|li|h[1-6]|blockquote|div)>|<br\s*/?>", "\n", texto or "", flags=re.I)
    return html.unescape(strip_tags(texto))


def frases(texto):
    """Split plain text into sentences (an abbreviation like "Jr." is not an end)."""
    partes = []
    for trozo in _FRASES.split(texto):
        trozo = " ".join(trozo.split())
        if not trozo:
            continue
        # "Jr. Ucayali" or "I.E. San Juan": the split above cut after an abbreviation.
        if partes and _ABREVIATURA_FINAL.search(partes[-1]):
            partes[-1] = f"{partes[-1]} {trozo}"
        else:
            partes.append(trozo)
    return partes


def _nombres(frase):
    for hallazgo in _NOMBRE.finditer(frase):
        nombre = hallazgo.group(0)
        if nombre.casefold() in _NO_SON_PERSONAS:
            continue
        # The first word of a sentence is capitalised anyway: "Una menor" is no name.
        if hallazgo.start() == 0 and " " not in nombre.strip():
            continue
        yield nombre


def detectar(texto):
    """Return the warnings for `texto` (plain or HTML), in reading order, without repeats."""
    advertencias = []
    for frase in frases(texto_plano(texto)):
        edades = list(_EDAD.finditer(frase))
        menores = list(_MENOR.finditer(frase))
        hay_menor = bool(menores) or any(int(e.group("n")) < 18 for e in edades)
        if edades or menores:
            for nombre in _nombres(frase):
                advertencias.append(Advertencia("nombre_y_edad", nombre, frase))
        if hay_menor:
            for edad in edades:
                if int(edad.group("n")) < 18:
                    advertencias.append(Advertencia("edad_de_menor", edad.group(0), frase))
        for hallazgo in _DIRECCION.finditer(frase):
            advertencias.append(Advertencia("direccion", hallazgo.group(0), frase))
        documentos = {h.group(0) for h in _DNI.finditer(frase)}
        documentos |= {h.group(0) for h in _PASAPORTE.finditer(frase)}
        for documento in sorted(documentos):
            advertencias.append(Advertencia("documento", documento.strip(), frase))
        for hallazgo in _ESCUELA.finditer(frase):
            advertencias.append(Advertencia("escuela", hallazgo.group(0).strip(), frase))
    vistas, unicas = set(), []
    for advertencia in advertencias:
        if advertencia not in vistas:
            vistas.add(advertencia)
            unicas.append(advertencia)
    return unicas


def detectar_en(textos):
    """Return the warnings of several texts (fields, languages), without repeats."""
    vistas, unicas = set(), []
    for texto in textos:
        for advertencia in detectar(texto):
            if advertencia not in vistas:
                vistas.add(advertencia)
                unicas.append(advertencia)
    return unicas


def huella(advertencias):
    """Return a short fingerprint of a set of warnings: acknowledged ones match it."""
    if not advertencias:
        return ""
    clave = "\n".join(sorted(f"{a.tipo}\t{a.fragmento}\t{a.frase}" for a in advertencias))
    return hashlib.sha256(clave.encode()).hexdigest()[:32]


# --- Items: which texts are read, and what publishing requires ----------------------------


def _textos(objeto, valores=None):
    """Yield every language's text of the item's checked fields (form values win)."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    valores = valores or {}
    for campo in objeto.campos_salvaguarda:
        for idioma in AVAILABLE_LANGUAGES:
            nombre = f"{campo}_{idioma}"
            if nombre in valores:
                yield valores[nombre] or ""
            else:
                yield getattr(objeto, nombre, "") or ""


def advertencias_de(objeto, valores=None):
    """Return the warnings of an item's texts, in every language."""
    return detectar_en(_textos(objeto, valores))


def pendientes(objeto):
    """Return the warnings of a sensitive item not yet acknowledged (as saved)."""
    if not objeto.es_sensible:
        return []
    advertencias = advertencias_de(objeto)
    if huella(advertencias) == objeto.advertencias_reconocidas:
        return []
    return advertencias


def imagen_sin_confirmar(objeto):
    """Say whether a sensitive item's lead image still needs the no-victim confirmation."""
    return bool(
        getattr(objeto, "imagen", None)
        and getattr(objeto, "imagen_confirmada_en", True) is None
        and objeto.es_sensible
    )


def exigir(objeto):
    """Refuse (ValidationError) to submit or publish a sensitive item with open warnings."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _g

    errores = []
    advertencias = pendientes(objeto)
    if advertencias:
        errores.append(
            ValidationError(
                _g(
                    "«%(objeto)s» tiene %(n)s advertencias de datos que podrían identificar a "
                    "una víctima: corríjalas o reconózcalas en el formulario."
                )
                % {"objeto": objeto, "n": len(advertencias)},
                code="advertencias_sin_reconocer",
            )
        )
    if imagen_sin_confirmar(objeto):
        errores.append(
            ValidationError(
                _g("Confirme que la imagen de «%(objeto)s» no permite identificar a una víctima.")
                % {"objeto": objeto},
                code="imagen_sin_confirmar",
            )
        )
    if errores:
        raise ValidationError(errores)
