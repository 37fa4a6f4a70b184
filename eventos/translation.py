from modeltranslation.translator import TranslationOptions, register

from .models import Evento, Sesion


@register(Evento)
class EventoTranslationOptions(TranslationOptions):
    fields = ("nombre", "lugar", "descripcion", "publico", "motivo_retiro")
    required_languages = ("es",)


@register(Sesion)
class SesionTranslationOptions(TranslationOptions):
    fields = ("titulo", "descripcion")
