"""Filter building blocks shared by the release and event lists."""

import django_filters
from django import forms
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def es_invalido(filtro):
    """Say whether a bound filter has values that match nothing (an unbound one never has)."""
    return filtro.is_bound and not filtro.is_valid()


def vincular_filtro(clase, request, queryset, *, invalido_404=False):
    """Bind the FilterSet `clase` to the request's query string (unbound when there is none).

    With `invalido_404`, a bad value is a missing page: a feed reader, a calendar or a
    spreadsheet shows no message, so an unknown filter is simply not there.
    """
    filtro = clase(request.GET or None, queryset=queryset, request=request)
    if invalido_404 and es_invalido(filtro):
        raise Http404(gettext("Filtro no válido."))
    return filtro


def resultado(filtro):
    """Return the filtered items, or none when a filter value is not valid (strict)."""
    return filtro.queryset.none() if es_invalido(filtro) else filtro.qs


class FiltroPorSlug(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("Todas"))
        super().__init__(*args, **kwargs)


class FiltroPorSlugMultiple(django_filters.ModelMultipleChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        # Filter by the object itself: the slug only identifies it in the URL.
        return {self.field_name: v}


class FiltroDeFecha(django_filters.DateFilter):
    """A date bound (YYYY-MM-DD) with the browser's date picker; two of these, each
    labelled, instead of a range widget whose two inputs share one label."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)
