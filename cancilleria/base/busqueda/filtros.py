"""The search field of the public pages: the lists' `q` and the /buscar/ form."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .modelo import CANDIDATOS
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


def ordenado_por_relevancia(queryset):
    """Say whether the queryset's order starts with the search's rank."""
    return tuple(queryset.query.order_by)[:1] == ("-relevancia",)


def acotar_a_candidatos(queryset):
    """Keep, when ordered by relevance, only the newest CANDIDATOS matches.

    Ranking every match reads every match's document: a common word matches thousands of
    rows (16k at 100k releases, 0.5 s). Ranking the newest few hundred keeps the cost of a
    search flat with the archive; the whole archive stays reachable ordered by date.
    """
    if not ordenado_por_relevancia(queryset):
        return queryset
    por_fecha = tuple(queryset.query.order_by)[1:]
    candidatos = queryset.order_by(*por_fecha).values("pk")[:CANDIDATOS]
    return queryset.filter(pk__in=candidatos)


class FilterSetConBusqueda(django_filters.FilterSet):
    """A list's FilterSet whose relevance order is bounded (see acotar_a_candidatos).

    Bounded after every filter, so the candidates are the newest matches of the whole
    filtered list, not of the search alone.
    """

    def filter_queryset(self, queryset):
        return acotar_a_candidatos(super().filter_queryset(queryset))


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
