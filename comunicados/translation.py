from modeltranslation.translator import TranslationOptions, register

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
