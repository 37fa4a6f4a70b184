"""The release list's filters, shared by the page and its feeds."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cancilleria.filtros import BusquedaFilter, FiltroPorSlug, FiltroPorSlugMultiple
from cancilleria.models import Organizacion, Persona, Tema
from eventos.models import Evento

from .models import Comunicado


class ComunicadoFilter(django_filters.FilterSet):
    q = BusquedaFilter(campos=("titulo", "bajada", "resumen", "cuerpo"), label=_("Buscar"))
    tema = FiltroPorSlugMultiple(field_name="temas", queryset=Tema.objects.all(), label=_("Temas"))
    tipo = django_filters.ChoiceFilter(
        choices=Comunicado.Tipo.choices, label=_("Tipo"), empty_label=_("Todos")
    )
    ambito = django_filters.ChoiceFilter(
        choices=Comunicado.Ambito.choices, label=_("Ámbito"), empty_label=_("Todos")
    )
    organizacion = FiltroPorSlug(
        field_name="organizaciones", queryset=Organizacion.objects.all(), label=_("Organización")
    )
    persona = FiltroPorSlug(
        field_name="personas", queryset=Persona.objects.all(), label=_("Persona")
    )
    evento = FiltroPorSlug(field_name="evento", queryset=Evento.objects.all(), label=_("Evento"))
    desde = django_filters.DateFilter(
        field_name="fecha_publicacion__date",
        lookup_expr="gte",
        label=_("Desde"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    hasta = django_filters.DateFilter(
        field_name="fecha_publicacion__date",
        lookup_expr="lte",
        label=_("Hasta"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    anio = django_filters.NumberFilter(
        field_name="anio", label=_("Año"), min_value=1900, max_value=2999
    )
    orden = django_filters.ChoiceFilter(
        choices=(
            ("recientes", _("Más recientes")),
            ("antiguos", _("Más antiguos")),
            ("relevancia", _("Relevancia")),
        ),
        method="ordenar",
        label=_("Orden"),
        empty_label=None,
    )

    class Meta:
        model = Comunicado
        fields = []

    def ordenar(self, queryset, name, value):
        if value == "antiguos":
            return queryset.order_by("fecha_publicacion", "pk")
        return queryset.order_by("-fecha_publicacion", "-pk")
