"""Change forms in named panels (content, image, event, people…), never losing a field."""

from django.conf import settings


def _campo_base(nombre, idiomas):
    # "titulo_es" → "titulo": modeltranslation's fields follow their original.
    base, _sep, sufijo = nombre.rpartition("_")
    return base if base and sufijo in idiomas else nombre


def agrupar_en_paneles(conjuntos, paneles):
    """Return `conjuntos` (a ModelAdmin's fieldsets) with the fields of the unnamed ones
    spread over `paneles` ((title, base field names), …) in the panels' order.

    A field no panel names stays in the first panel: a new model field shows up there
    instead of silently leaving the form. Named fieldsets (e.g. the victim-protection
    check) are kept as they come, after the panels.
    """
    idiomas = {codigo for codigo, _nombre in settings.LANGUAGES}
    sueltos = [c for nombre, opciones in conjuntos if nombre is None for c in opciones["fields"]]
    nombrados = [(nombre, opciones) for nombre, opciones in conjuntos if nombre is not None]
    repartidos = {titulo: [] for titulo, _campos in paneles}
    destino = {base: titulo for titulo, campos in paneles for base in campos}
    primero = paneles[0][0]
    for campo in sueltos:
        clave = campo if isinstance(campo, str) else None
        repartidos[destino.get(_campo_base(clave, idiomas) if clave else None, primero)].append(
            campo
        )
    return [
        *((titulo, {"fields": campos}) for titulo, campos in repartidos.items() if campos),
        *nombrados,
    ]


class PanelesAdminMixin:
    """Group the change form's fields into `paneles`; list it first among the bases."""

    paneles = ()

    def get_fieldsets(self, request, obj=None):
        conjuntos = super().get_fieldsets(request, obj)
        return agrupar_en_paneles(conjuntos, self.paneles) if self.paneles else conjuntos
