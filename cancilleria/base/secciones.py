"""Sections an upper app adds to a lower app's detail page.

The event page shows the releases about the event, but the event app must not import
the release app (the floors in DESIGN.md): the release app registers a section for
events in its `AppConfig.ready()`, and the event template renders whatever is
registered with `{% secciones_de evento %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_REGISTRO = {}


@dataclass(frozen=True)
class Seccion:
    plantilla: str
    # contexto(objeto, request) -> dict for the template.
    contexto: Callable[[Any, Any], dict]


def registrar_seccion(modelo, *, plantilla, contexto):
    """Add a section to the detail page of `modelo`, shown in registration order."""
    seccion = Seccion(plantilla, contexto)
    secciones = _REGISTRO.setdefault(modelo._meta.label_lower, [])
    if seccion not in secciones:
        secciones.append(seccion)


def secciones_de(objeto):
    """Return the sections registered for the model of `objeto`."""
    return list(_REGISTRO.get(objeto._meta.label_lower, ()))
