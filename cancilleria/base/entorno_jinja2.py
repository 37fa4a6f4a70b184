"""The Jinja2 environment of the few templates that are long loops (the sitemaps' XML).

Django's own Jinja2 backend, a second engine beside the template language: a sitemap page
writes thousands of URLs with their alternates, and Jinja2 renders such a loop several
times faster (make bench). `fecha` is the template language's `date` filter, in the
current time zone as that language shows dates.
"""

import datetime

from django.template.defaultfilters import date
from django.utils import timezone
from jinja2 import Environment


def fecha(valor, formato):
    if isinstance(valor, datetime.datetime) and timezone.is_aware(valor):
        valor = timezone.localtime(valor)
    return date(valor, formato)


def entorno(**opciones):
    jinja = Environment(**opciones)
    jinja.filters["fecha"] = fecha
    return jinja
