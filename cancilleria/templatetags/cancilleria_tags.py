from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_en_idioma(context, idioma):
    """Return the current page, filters included, in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), idioma)


@register.simple_tag(takes_context=True)
def url_pagina(context, numero):
    """Return the current list URL with another page number, keeping the filters."""
    consulta = context["request"].GET.copy()
    consulta["page"] = numero
    return "?" + consulta.urlencode()


@register.simple_tag(takes_context=True)
def url_sin_filtro(context, nombre, valor=None):
    """Return the current list URL without one filter value (for the chips)."""
    consulta = context["request"].GET.copy()
    consulta.pop("page", None)
    if valor is None:
        consulta.pop(nombre, None)
    else:
        consulta.setlist(nombre, [v for v in consulta.getlist(nombre) if v != str(valor)])
    texto = consulta.urlencode()
    return "?" + texto if texto else context["request"].path
