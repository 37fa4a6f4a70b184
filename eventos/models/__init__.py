"""Events the ministry organises or takes part in, their programme and participants."""

from .evento import Evento, EventoQuerySet, Modalidad
from .programa import Participacion, Sesion
from .vinculos import Colaboracion, ParticipacionConsular

__all__ = [
    "Colaboracion",
    "Evento",
    "EventoQuerySet",
    "Modalidad",
    "Participacion",
    "ParticipacionConsular",
    "Sesion",
]
