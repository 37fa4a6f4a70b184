"""The demo's data files, read into records with named fields.

Directory records are NamedTuples: code reads them by name, and a missing or unknown key
in a data file fails loudly when the record is built.
"""

import tomllib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from cancilleria.directorio.directorio_consular import consulados_iniciales

DATOS = Path(__file__).resolve().parent / "datos"


class FichaTema(NamedTuple):
    slug: str
    nombre_es: str
    nombre_en: str
    descripcion_es: str
    descripcion_en: str
    # None leaves what the press office chose.
    destacado: bool | None = None


class FichaOrganizacion(NamedTuple):
    slug: str
    nombre_es: str
    nombre_en: str
    tipo: str
    sigla_es: str = ""
    sigla_en: str = ""
    pais: str = ""
    padre: str = ""  # the parent's slug, listed before it
    sitio_web: str = ""


class FichaConsulado(NamedTuple):
    slug: str
    nombre_es: str
    nombre_en: str
    pais: str
    ciudad: str
    tipo: str
    alias: str = ""  # one per line, as the model stores them


class FichaPersona(NamedTuple):
    """A person and the post they hold in the demo (the one they held then, for the seed)."""

    slug: str
    nombre: str
    organizacion: str
    cargo_es: str
    cargo_en: str
    tratamiento_es: str = ""
    tratamiento_en: str = ""
    # None leaves what the press office wrote.
    semblanza_es: str | None = None
    semblanza_en: str | None = None


class FichasDirectorio(NamedTuple):
    temas: list[FichaTema]
    organizaciones: list[FichaOrganizacion]
    consulados: list[FichaConsulado]
    personas: list[FichaPersona]


@cache
def leer(nombre):
    """Return the parsed TOML file `datos/<nombre>.toml` (read once per process)."""
    with (DATOS / f"{nombre}.toml").open("rb") as archivo:
        return tomllib.load(archivo)


def fichas_directorio(datos, consulados=()):
    """Build the directory records of a data file; consulates may come from elsewhere."""
    return FichasDirectorio(
        temas=[FichaTema(**t) for t in datos.get("temas", [])],
        organizaciones=[FichaOrganizacion(**o) for o in datos.get("organizaciones", [])],
        consulados=[*consulados, *(FichaConsulado(**c) for c in datos.get("consulados", []))],
        personas=[FichaPersona(**p) for p in datos.get("personas", [])],
    )


def consulados_de_la_semilla():
    """Return the directory's shipped consulates (datos/consulados.csv) as records."""
    return [
        FichaConsulado(
            f.slug, f.nombre_es, f.nombre_en, f.pais, f.ciudad, f.tipo, "\n".join(f.alias)
        )
        for f in consulados_iniciales()
    ]
