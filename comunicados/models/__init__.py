"""Press releases and their parts: key figures, quotes, attachments."""

# ruta_imagen and ruta_adjunto are named by migrations (upload_to), so they live here too.
from .comunicado import Comunicado, ComunicadoQuerySet, ruta_adjunto, ruta_imagen
from .partes import Adjunto, Cifra, Cita
from .socios import Cobertura, Cofirmante

__all__ = [
    "Adjunto",
    "Cifra",
    "Cita",
    "Cobertura",
    "Cofirmante",
    "Comunicado",
    "ComunicadoQuerySet",
    "ruta_adjunto",
    "ruta_imagen",
]
