"""Events the ministry organises or takes part in, their programme and participants."""

from .evento import Evento, EventoQuerySet, Modalidad
from .programa import Participacion, Sesion
from .resultados import Resultado, Seguimiento
from .socios import Cobertura, CoberturaBase
from .vinculos import Colaboracion, ParticipacionConsular

__all__ = [
    "Cobertura",
    "CoberturaBase",
    "Colaboracion",
    "Evento",
    "EventoQuerySet",
    "Modalidad",
    "Participacion",
    "ParticipacionConsular",
    "Resultado",
    "Seguimiento",
    "Sesion",
]
