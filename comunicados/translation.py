from modeltranslation.translator import TranslationOptions, register

from cancilleria.base import idiomas

from .models import Adjunto, Cifra, Cita, Comunicado


@register(Comunicado)
class ComunicadoTranslationOptions(TranslationOptions):
    fields = (
        "titulo",
        "bajada",
        "resumen",
        "cuerpo",
        "texto_alternativo",
        "pie_de_foto",
        "motivo_retiro",
    )
    required_languages = ("es",)


# In Quechua or Aymara a release exists once its title and body are written in it.
idiomas.registrar(Comunicado, ("titulo", "cuerpo"))


@register(Cifra)
class CifraTranslationOptions(TranslationOptions):
    fields = ("unidad", "descripcion", "periodo")
    required_languages = ("es",)


@register(Cita)
class CitaTranslationOptions(TranslationOptions):
    fields = ("texto",)
    required_languages = ("es",)


@register(Adjunto)
class AdjuntoTranslationOptions(TranslationOptions):
    fields = ("titulo",)
    required_languages = ("es",)
