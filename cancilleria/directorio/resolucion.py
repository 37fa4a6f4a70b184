"""Turn a list of consulates as a release writes it into directory offices.

Releases name offices by country ("Francia"), territory ("China (RAE Hong Kong)") or city,
separated by commas, semicolons, new lines and a final "y". An office's own names and its
aliases are matched first; a country name picks the country's only office, or is reported
as ambiguous when the country has several and none carries the name as an alias.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django_countries import countries

from .models import Consulado

# A list ends with "y"/"e" (Spanish) or "and" (English): "…, Bolivia y Perú".
# Also at an edge: "…, Bolivia, y Perú" leaves "y Perú".
_CONJUNCION = re.compile(r"(?:^|\s+)(?:y|e|and|&)(?:\s+|$)", re.IGNORECASE)
_SEPARADORES = re.compile(r"[,;\n\r\t•·]+")
_PARENTESIS = re.compile(r"\(([^)]*)\)")
_ARTICULOS = ("el ", "la ", "los ", "las ", "the ")


def normalizar(texto):
    """Return `texto` without accents, case or punctuation, spaces collapsed."""
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[^\w]+", " ", sin_acentos.casefold()).split())


@dataclass
class ResultadoResolucion:
    """Offices found (deduplicated, in text order), names not found, names with choices."""

    consulados: list = field(default_factory=list)
    no_resueltos: list = field(default_factory=list)
    ambiguos: dict = field(default_factory=dict)

    @property
    def completo(self):
        return not self.no_resueltos and not self.ambiguos


@cache
def _paises_por_nombre():
    # Country names in every admin language, for "Francia" as well as "France".
    nombres = {}
    for idioma in ("es", "en"):
        with translation.override(idioma):
            for codigo, nombre in countries:
                nombres.setdefault(normalizar(nombre), codigo)
    return nombres


class _Indice:
    """The directory's offices by each normalised name they answer to."""

    def __init__(self, consulados):
        self.propios = {}  # office names, cities and aliases
        self.por_pais = {}
        for consulado in consulados:
            nombres = [
                consulado.nombre,
                consulado.nombre_es,
                consulado.nombre_en,
                consulado.ciudad,
                *consulado.lista_alias(),
            ]
            for nombre in {normalizar(n) for n in nombres if n}:
                self.propios.setdefault(nombre, []).append(consulado)
            self.por_pais.setdefault(consulado.pais.code, []).append(consulado)

    def buscar(self, nombre):
        """Return the offices `nombre` may mean: [] none, [one] resolved, [...] ambiguous."""
        for variante in _variantes(nombre):
            if variante in self.propios:
                return _unicos(self.propios[variante])
        for variante in _variantes(nombre):
            codigo = _paises_por_nombre().get(variante)
            if codigo and codigo in self.por_pais:
                return _unicos(self.por_pais[codigo])
        return []


def _unicos(consulados):
    return list({c.pk: c for c in consulados}.values())


def _variantes(nombre):
    """Yield the normalised forms to try: whole, without article, parts of "A (B)"."""
    candidatos = [nombre]
    dentro = _PARENTESIS.findall(nombre)
    if dentro:
        candidatos += [*dentro, _PARENTESIS.sub(" ", nombre)]
    vistos = set()
    for candidato in candidatos:
        forma = normalizar(candidato)
        for articulo in _ARTICULOS:
            if forma.startswith(articulo):
                forma_sin = forma.removeprefix(articulo)
                break
        else:
            forma_sin = forma
        # "rae hong kong" → "hong kong": the territory's prefix is not part of the name.
        for variante in (forma, forma_sin, forma_sin.removeprefix("rae ")):
            if variante and variante not in vistos:
                vistos.add(variante)
                yield variante


def separar_nombres(texto, indice=None):
    """Split a pasted list into names, in order; "A y B" splits unless it is one name."""
    # A pasted sentence ("Entre los consulados … estuvieron: A, B y C.") keeps its list.
    texto = texto.rsplit(":", 1)[-1] if ":" in texto else texto
    nombres = []
    for trozo in _SEPARADORES.split(texto):
        trozo = trozo.strip().strip(".").strip()
        if not trozo:
            continue
        # "Trinidad y Tobago" is one name; "Bolivia y Perú" two.
        if _CONJUNCION.search(trozo) and not (indice and indice.buscar(trozo)):
            partes = [p.strip() for p in _CONJUNCION.split(trozo) if p.strip()]
            nombres += partes
        else:
            nombres.append(trozo)
    return [n for n in nombres if normalizar(n)]


def resolver_consulados(texto, consulados=None):
    """Return the ResultadoResolucion of a list of office names as a release writes it.

    `consulados` is where to look (by default the whole directory, one query).
    """
    if consulados is None:
        consulados = Consulado.objects.all()
    indice = _Indice(list(consulados))
    resultado = ResultadoResolucion()
    vistos = set()
    for nombre in separar_nombres(texto, indice):
        encontrados = indice.buscar(nombre)
        if len(encontrados) == 1:
            if encontrados[0].pk not in vistos:
                vistos.add(encontrados[0].pk)
                resultado.consulados.append(encontrados[0])
        elif encontrados:
            resultado.ambiguos.setdefault(nombre, encontrados)
        elif nombre not in resultado.no_resueltos:
            resultado.no_resueltos.append(nombre)
    return resultado


def consulados_de_region(region):
    """Return the offices of a Region (its code), in directory order."""
    return Consulado.objects.filter(region=region)


def consulados_de_pais(codigo):
    """Return the offices in a country (ISO 3166-1 alpha-2 code), in directory order."""
    return Consulado.objects.filter(pais=(codigo or "").upper())
