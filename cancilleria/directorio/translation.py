from modeltranslation.translator import TranslationOptions, register

from cancilleria.base import idiomas

from .models import AvisoAyuda, Cargo, Consulado, Organizacion, Persona, Tema


@register(Tema)
class TemaTranslationOptions(TranslationOptions):
    fields = ("nombre", "descripcion")
    required_languages = ("es",)


@register(Organizacion)
class OrganizacionTranslationOptions(TranslationOptions):
    fields = ("nombre", "sigla")
    required_languages = ("es",)


@register(Persona)
class PersonaTranslationOptions(TranslationOptions):
    fields = ("tratamiento", "semblanza")


@register(Cargo)
class CargoTranslationOptions(TranslationOptions):
    fields = ("titulo",)
    required_languages = ("es",)


@register(Consulado)
class ConsuladoTranslationOptions(TranslationOptions):
    fields = ("nombre",)
    required_languages = ("es",)


# What a directory page needs in Quechua or Aymara to exist there: its name (a person's
# name is not translated: the biography).
idiomas.registrar(Tema, ("nombre",))
idiomas.registrar(Organizacion, ("nombre",))
idiomas.registrar(Consulado, ("nombre",))
idiomas.registrar(Persona, ("semblanza",))


@register(AvisoAyuda)
class AvisoAyudaTranslationOptions(TranslationOptions):
    fields = ("nombre", "texto")
    required_languages = ("es",)
