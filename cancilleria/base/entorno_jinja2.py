"""The Jinja2 environment of the few templates that are long loops (the sitemaps' XML).

Django's own Jinja2 backend, a second engine beside the template language: a sitemap page
writes a thousand URLs with their alternates, and Jinja2 renders such a loop several times
faster (make bench). `fecha` is the template language's `date` filter, in the current time
zone as that language shows dates.
"""

import datetime
import functools
import zoneinfo

from django.template.defaultfilters import date
from django.utils import timezone, translation
from jinja2 import Environment


@functools.lru_cache(maxsize=512)
def _fecha(valor, formato, zona, idioma):
    if isinstance(valor, datetime.datetime) and timezone.is_aware(valor):
        valor = valor.astimezone(zoneinfo.ZoneInfo(zona))
    return date(valor, formato)


def fecha(valor, formato):
    # Memoised: the sitemap index repeats one date per section hundreds of times.
    zona = timezone.get_current_timezone_name()
    return _fecha(valor, formato, zona, translation.get_language())


def entorno(**opciones):
    jinja = Environment(**opciones)
    jinja.filters["fecha"] = fecha
    return jinja
