"""Filter building blocks shared by the release and event lists."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


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
