from modeltranslation.translator import TranslationOptions, register

from .models import Evento, Resultado, Seguimiento, Sesion


@register(Evento)
class EventoTranslationOptions(TranslationOptions):
    fields = ("nombre", "lugar", "descripcion", "publico")
    required_languages = ("es",)


@register(Sesion)
class SesionTranslationOptions(TranslationOptions):
    fields = ("titulo", "descripcion")


@register(Resultado)
class ResultadoTranslationOptions(TranslationOptions):
    fields = ("texto",)
    required_languages = ("es",)


@register(Seguimiento)
class SeguimientoTranslationOptions(TranslationOptions):
    fields = ("nota",)
    required_languages = ("es",)
