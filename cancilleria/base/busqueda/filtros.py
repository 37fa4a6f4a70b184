"""The search field of the public pages: the lists' `q` and the /buscar/ form."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .texto import hay_consulta, solo_palabras_vacias


def validar_consulta(texto):
    """Refuse a query made only of stop words: it would match nothing, on both databases."""
    if solo_palabras_vacias(texto, get_language()):
        raise ValidationError(
            _(
                "«%(consulta)s» solo tiene palabras demasiado comunes para buscarlas. "
                "Escriba palabras más específicas: un tema, un país, una organización o "
                "un nombre."
            ),
            code="solo_palabras_vacias",
            params={"consulta": texto[:80]},
        )


def ordenar_por_relevancia(queryset, campo_fecha):
    """Order by relevance where a search computed it, then newest first."""
    if "relevancia" in queryset.query.annotations:
        return queryset.order_by("-relevancia", f"-{campo_fecha}", "-pk")
    return queryset.order_by(f"-{campo_fecha}", "-pk")


class FiltroBusqueda(django_filters.CharFilter):
    """The lists' `q`: full-text search through the queryset's `buscar(texto, idioma)`.

    In the active language; the results come by relevance (then newest), until the
    list's own `orden` says otherwise.
    """

    def __init__(self, *args, campo_fecha, **kwargs):
        self.campo_fecha = campo_fecha
        kwargs.setdefault("max_length", 10_000)
        kwargs.setdefault("validators", [validar_consulta])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not hay_consulta(value):
            return qs
        return ordenar_por_relevancia(qs.buscar(value, get_language()), self.campo_fecha)
