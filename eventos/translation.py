from modeltranslation.translator import TranslationOptions, register

from cancilleria.base import idiomas

from .models import Evento, Resultado, Seguimiento, Sesion


@register(Evento)
class EventoTranslationOptions(TranslationOptions):
    fields = ("nombre", "lugar", "descripcion", "publico", "motivo_retiro")
    required_languages = ("es",)


# In Quechua or Aymara an event exists once its name and description are written in it.
idiomas.registrar(Evento, ("nombre", "descripcion"))


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
