"""Filter building blocks shared by the release and event lists."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ModelChoiceField, ModelChoiceIterator, ModelMultipleChoiceField


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


def _enlace(modelo, nombre):
    """Return (link model, its column naming the outer row, its column naming the other
    side or None) for a to-many relation of `modelo`; None when `nombre` is not to-many."""
    campo = modelo._meta.get_field(nombre)
    if campo.many_to_many and not campo.auto_created:
        return campo.remote_field.through, campo.m2m_field_name(), campo.m2m_reverse_field_name()
    if campo.one_to_many:
        return campo.related_model, campo.field.name, None
    return None


def existe(modelo, ruta, valor):
    """Return EXISTS(a link row of the to-many path `ruta` of `modelo` matches `valor`).

    `ruta` is a lookup such as "temas__in" or "consulados__region__exact". The subquery
    reads the link table alone (its unique index on both columns), so the outer rows need
    no join and no DISTINCT over whole rows.
    """
    nombre, _sep, resto = ruta.partition("__")
    intermedia, propio, otro = _enlace(modelo, nombre)
    consulta = "__".join(filter(None, (otro, resto)))
    return Exists(intermedia._base_manager.filter(**{propio: OuterRef("pk"), consulta: valor}))


def es_a_muchos(modelo, ruta):
    """Say whether the first step of `ruta` is a to-many relation of `modelo`."""
    return _enlace(modelo, ruta.split("__")[0]) is not None


class FiltroEnRelacion:
    """Mixin for a filter on a to-many path: EXISTS instead of a join and DISTINCT."""

    def __init__(self, *args, **kwargs):
        kwargs["distinct"] = False
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES or not es_a_muchos(qs.model, self.field_name):
            return super().filter(qs, value)
        return qs.filter(existe(qs.model, f"{self.field_name}__{self.lookup_expr}", value))


class IteradorDeOpciones(ModelChoiceIterator):
    """Read a filter's options in one plain query, once per form.

    Django reads a choice field's options with `QuerySet.iterator()`: on PostgreSQL a
    server-side cursor held across the transaction (DECLARE, FETCH, CLOSE), three round
    trips for a directory table of a few dozen rows, on every list page. Iterating the
    queryset itself is one query, and the form's copy of it keeps the rows for a second
    rendering.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        guardadas = getattr(self.field, "opciones_guardadas", None)
        if guardadas is not None:
            # Read with the form's other options from one stored piece (OpcionesGuardadas).
            yield from (tuple(opcion) for opcion in guardadas)
            return
        for obj in self.queryset:
            yield self.choice(obj)


def instancia_guardada(campo, filas, valor):
    """Return the instance the URL value `valor` names among the stored rows `filas` of
    `campo` (FilterSetConBusqueda), or raise the ValidationError Django's field would."""
    campo.validate_no_null_characters(valor)
    if (instancia := filas.instancia(campo.queryset, valor)) is None:
        raise ValidationError(
            campo.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": valor},
        )
    return instancia


class CampoPorSlug(ModelChoiceField):
    """A directory entry by slug; validated against the stored rows when the FilterSet
    gives them (`filas_guardadas`, FilterSetConBusqueda), as Django's field would."""

    iterator = IteradorDeOpciones

    def to_python(self, value):
        filas = getattr(self, "filas_guardadas", None)
        if (
            filas is None
            or value in self.empty_values
            or value == self.null_value
            or isinstance(value, self.queryset.model)
        ):
            return super().to_python(value)
        return instancia_guardada(self, filas, value)


class CampoPorSlugMultiple(ModelMultipleChoiceField):
    """Several directory entries by slug; validated against the stored rows when the
    FilterSet gives them, in the field's order, as Django's field would."""

    iterator = IteradorDeOpciones

    def _check_values(self, value):
        filas = getattr(self, "filas_guardadas", None)
        if filas is None or (self.null_label is not None and self.null_value in value):
            return super()._check_values(value)
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        instancias = {str(valor): instancia_guardada(self, filas, valor) for valor in value}
        # In the field's (the stored options') order, as its query would give them.
        return [instancias[v] for v in filas.orden() if v in instancias]


class FiltroPorSlug(FiltroEnRelacion, django_filters.ModelChoiceFilter):
    field_class = CampoPorSlug

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("Todas"))
        super().__init__(*args, **kwargs)


class FiltroDeOpcionEnRelacion(FiltroEnRelacion, django_filters.ChoiceFilter):
    """A choice on a to-many path (the region or country of a participating consulate)."""


class FiltroPorSlugMultiple(django_filters.ModelMultipleChoiceFilter):
    """Any of several directory entries, by slug in the URL; EXISTS on a to-many path."""

    field_class = CampoPorSlugMultiple

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs["distinct"] = False
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        # Filter by the objects themselves: the slug only identifies them in the URL.
        if es_a_muchos(qs.model, self.field_name):
            return qs.filter(existe(qs.model, f"{self.field_name}__in", list(value)))
        return qs.filter(**{f"{self.field_name}__in": list(value)})


class FiltroDeFecha(django_filters.DateFilter):
    """A date bound (YYYY-MM-DD) with the browser's date picker; two of these, each
    labelled, instead of a range widget whose two inputs share one label."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)
