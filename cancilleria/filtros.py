"""Filter building blocks shared by the release and event lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Longer queries are cut, not refused: nobody types more, and it bounds the SQL.
LARGO_MAXIMO_BUSQUEDA = 200


def campos_traducidos(campo):
    """Return the column names to search for a translated field, active language first."""
    idioma = (get_language() or "es")[:2]
    return [f"{campo}_{idioma}"] + ([f"{campo}_es"] if idioma != "es" else [])


class BusquedaFilter(django_filters.CharFilter):
    """Every word must appear in at least one of the fields (case-insensitive)."""

    def __init__(self, *args, campos=(), **kwargs):
        self.campos = campos
        kwargs.setdefault("max_length", 10_000)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        palabras = (value or "")[:LARGO_MAXIMO_BUSQUEDA].split()
        for palabra in palabras[:12]:
            condicion = Q()
            for campo in self.campos:
                for columna in campos_traducidos(campo):
                    condicion |= Q(**{f"{columna}__icontains": palabra})
            qs = qs.filter(condicion)
        return qs


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
