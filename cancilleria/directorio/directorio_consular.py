"""The consular directory as a CSV file: read and check it row by row.

One reader serves the `importar_consulados` command and the demo seed, so the shipped
file (`datos/consulados.csv`) and what the demo loads can never disagree.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _
from django_countries import countries

from .models import Consulado

RUTA_INICIAL = Path(__file__).resolve().parent / "datos" / "consulados.csv"
COLUMNAS = ("slug", "pais", "ciudad", "tipo", "nombre_es", "nombre_en")
# Optional: files written before aliases existed still import.
OPCIONALES = ("alias",)
OBLIGATORIAS = ("slug", "pais", "tipo", "nombre_es")
# Aliases share one cell, separated by "|" (the file itself may use "," or ";").
SEPARADOR_ALIAS = "|"


class ArchivoNoValido(Exception):
    """The file as a whole cannot be read (encoding, header): no row is usable."""


@dataclass(frozen=True)
class FilaConsulado:
    numero: int
    slug: str
    pais: str
    ciudad: str
    tipo: str
    nombre_es: str
    nombre_en: str
    alias: tuple = ()
    # Without an alias column the stored aliases are left as they are.
    con_alias: bool = False

    def valores(self):
        """Return the model fields this row sets (all but the slug, its key)."""
        valores = {
            "pais": self.pais,
            "ciudad": self.ciudad,
            "tipo": self.tipo,
            "nombre_es": self.nombre_es,
            "nombre_en": self.nombre_en,
        }
        if self.con_alias:
            valores["alias"] = "\n".join(self.alias)
        return valores


@dataclass(frozen=True)
class ErrorDeFila:
    numero: int
    motivo: str


def _tipos():
    # Accept the stored value and its Spanish label ("consulado general"): people type both.
    tipos = {valor: valor for valor in Consulado.Tipo.values}
    for valor, etiqueta in Consulado.Tipo.choices:
        tipos[str(etiqueta).casefold()] = valor
        tipos[valor.replace("_", " ")] = valor
    return tipos


def _separador(cabecera):
    # Spreadsheets in Spanish save CSV with ";"; anything else is read as ",".
    return ";" if cabecera.count(";") > cabecera.count(",") else ","


def leer_texto(texto):
    """Return (rows, errors) for a CSV text: the good rows and one error per bad row.

    Row numbers count the header as row 1, as a spreadsheet shows them. Raise
    ArchivoNoValido when the header lacks a required column.
    """
    texto = texto.removeprefix("\ufeff")
    primera = texto.split("\n", 1)[0]
    lector = csv.DictReader(io.StringIO(texto, newline=""), delimiter=_separador(primera))
    cabecera = [(c or "").strip().casefold() for c in (lector.fieldnames or [])]
    faltan = [c for c in COLUMNAS if c not in cabecera]
    if faltan:
        raise ArchivoNoValido(
            _("Faltan columnas en la cabecera: %(faltan)s. Se esperan: %(columnas)s.")
            % {"faltan": ", ".join(faltan), "columnas": ", ".join(COLUMNAS)}
        )
    lector.fieldnames = cabecera

    con_alias = "alias" in cabecera
    tipos = _tipos()
    filas, errores, vistos = [], [], {}
    for registro in lector:
        # line_num is the physical line: right even when a quoted name spans lines.
        numero = lector.line_num
        datos = {c: (registro.get(c) or "").strip() for c in (*COLUMNAS, *OPCIONALES)}
        if not any(datos.values()):
            continue
        motivo = _motivo(datos, tipos, vistos)
        if motivo:
            errores.append(ErrorDeFila(numero, motivo))
            continue
        vistos[datos["slug"]] = numero
        filas.append(
            FilaConsulado(
                numero=numero,
                slug=datos["slug"],
                pais=datos["pais"].upper(),
                ciudad=datos["ciudad"],
                tipo=tipos[datos["tipo"].casefold()],
                nombre_es=datos["nombre_es"],
                nombre_en=datos["nombre_en"],
                alias=_alias(datos["alias"]),
                con_alias=con_alias,
            )
        )
    return filas, errores


def _alias(celda):
    """Return a cell's aliases, blanks and repeats dropped, in order."""
    return tuple(dict.fromkeys(a.strip() for a in celda.split(SEPARADOR_ALIAS) if a.strip()))


def _motivo(datos, tipos, vistos):
    """Return why a row cannot be imported, or None when it is good."""
    for columna in OBLIGATORIAS:
        if not datos[columna]:
            return _("falta el valor de «%(columna)s»") % {"columna": columna}
    try:
        validate_slug(datos["slug"])
    except ValidationError:
        return _("el slug «%(slug)s» solo admite letras, números, guiones y guiones bajos") % {
            "slug": datos["slug"]
        }
    if len(datos["slug"]) > Consulado._meta.get_field("slug").max_length:
        return _("el slug «%(slug)s» es demasiado largo") % {"slug": datos["slug"]}
    if datos["slug"] in vistos:
        return _("el slug «%(slug)s» ya figura en la fila %(fila)s del archivo") % {
            "slug": datos["slug"],
            "fila": vistos[datos["slug"]],
        }
    if datos["pais"].upper() not in countries:
        return _(
            "código de país desconocido «%(pais)s» (se espera ISO 3166-1 alfa-2, p. ej. FR)"
        ) % {"pais": datos["pais"]}
    if datos["tipo"].casefold() not in tipos:
        return _("tipo desconocido «%(tipo)s» (se espera uno de: %(tipos)s)") % {
            "tipo": datos["tipo"],
            "tipos": ", ".join(Consulado.Tipo.values),
        }
    for columna in ("nombre_es", "nombre_en", "ciudad"):
        largo = Consulado._meta.get_field(columna).max_length
        if len(datos[columna]) > largo:
            return _("«%(columna)s» supera los %(largo)s caracteres") % {
                "columna": columna,
                "largo": largo,
            }
    return None


def leer_archivo(ruta):
    """Return (rows, errors) for a CSV file in UTF-8 (with or without BOM)."""
    try:
        texto = Path(ruta).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArchivoNoValido(
            _("El archivo no está en UTF-8 (byte %(posicion)s). Guárdelo como «CSV UTF-8».")
            % {"posicion": error.start}
        ) from None
    return leer_texto(texto)


def consulados_iniciales():
    """Return the shipped directory's rows; the file is ours, so any error is a bug."""
    filas, errores = leer_archivo(RUTA_INICIAL)
    if errores:
        raise ArchivoNoValido(
            "; ".join(f"{RUTA_INICIAL.name}:{e.numero}: {e.motivo}" for e in errores)
        )
    return filas
