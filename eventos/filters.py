"""The event list's filters, shared by the public list, its calendar and the staff view."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cancilleria.filtros import BusquedaFilter, FiltroPorSlug, FiltroPorSlugMultiple
from cancilleria.models import Consulado, Organizacion, Tema
from cancilleria.regiones import Region

from .models import Evento, Modalidad


class EventoFilter(django_filters.FilterSet):
    q = BusquedaFilter(campos=("nombre", "descripcion", "lugar"), label=_("Buscar"))
    consulado = FiltroPorSlugMultiple(
        field_name="consulados", queryset=Consulado.objects.all(), label=_("Consulados")
    )
    region = django_filters.ChoiceFilter(
        field_name="consulados__region",
        choices=Region.choices,
        label=_("Región"),
        empty_label=_("Todas"),
        distinct=True,
    )
    organizacion = FiltroPorSlug(
        queryset=Organizacion.objects.all(), label=_("Organización"), method="por_organizacion"
    )
    tema = FiltroPorSlug(field_name="temas", queryset=Tema.objects.all(), label=_("Tema"))
    tipo = django_filters.ChoiceFilter(
        choices=Evento.Tipo.choices, label=_("Tipo"), empty_label=_("Todos")
    )
    modalidad = django_filters.ChoiceFilter(
        choices=Modalidad.choices, label=_("Modalidad"), empty_label=_("Todas")
    )
    desde = django_filters.DateFilter(
        field_name="inicio__date",
        lookup_expr="gte",
        label=_("Desde"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    hasta = django_filters.DateFilter(
        field_name="inicio__date",
        lookup_expr="lte",
        label=_("Hasta"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cuando = django_filters.ChoiceFilter(
        choices=(("proximos", _("Próximos")), ("pasados", _("Pasados"))),
        method="por_cuando",
        label=_("Cuándo"),
        empty_label=_("Todos"),
    )

    class Meta:
        model = Evento
        fields = []

    def por_organizacion(self, queryset, name, value):
        # Organised by it or supported by it: both are "events of this organisation".
        return queryset.filter(
            Q(organizador=value) | Q(colaboraciones__organizacion=value)
        ).distinct()

    def por_cuando(self, queryset, name, value):
        ahora = timezone.now()
        if value == "proximos":
            return queryset.proximos(ahora).order_by("inicio")
        return queryset.pasados(ahora).order_by("-inicio")
