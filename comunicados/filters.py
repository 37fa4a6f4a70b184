"""The release list's filters, shared by the page and its feeds."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cancilleria.base.busqueda import FilterSetConBusqueda, FiltroBusqueda, ordenar_por_relevancia
from cancilleria.base.filtros import FiltroDeFecha, FiltroPorSlug, FiltroPorSlugMultiple
from cancilleria.directorio.models import Organizacion, Persona, Tema
from eventos.models import Evento

from .models import Comunicado


class ComunicadoFilter(FilterSetConBusqueda):
    # The directory's options: one stored piece per language (FilterSetConBusqueda).
    opciones_guardadas = ("tema", "organizacion", "persona")
    tablas_de_opciones = (Tema, Organizacion, Persona)

    q = FiltroBusqueda(campo_fecha="fecha_publicacion", label=_("Buscar"))
    tema = FiltroPorSlugMultiple(
        field_name="temas",
        queryset=Tema.objects.all(),
        label=_("Temas"),
        widget=forms.CheckboxSelectMultiple,
    )
    tipo = django_filters.ChoiceFilter(
        choices=Comunicado.Tipo.choices, label=_("Tipo"), empty_label=_("Todos")
    )
    ambito = django_filters.ChoiceFilter(
        choices=Comunicado.Ambito.choices, label=_("Ámbito"), empty_label=_("Todos")
    )
    organizacion = FiltroPorSlug(
        field_name="organizaciones", queryset=Organizacion.objects.all(), label=_("Organización")
    )
    # Joint communiqués signed with an organisation (issue 14); an EXISTS, like the others.
    # Reached from a release's co-signatories: hidden, so the page lists no second
    # organisation box (and reads no second list of organisations).
    cofirmante = FiltroPorSlug(
        field_name="cofirmantes__organizacion",
        queryset=Organizacion.objects.all(),
        label=_("Firmado con"),
        widget=forms.HiddenInput,
    )
    persona = FiltroPorSlug(
        field_name="personas", queryset=Persona.objects.all(), label=_("Persona")
    )
    # Only public events can be named in a URL: a draft's slug must not filter (or leak).
    evento = FiltroPorSlug(
        field_name="evento",
        queryset=lambda request: Evento.objects.publicados(),
        label=_("Evento"),
        widget=forms.HiddenInput,
    )
    desde = FiltroDeFecha(field_name="fecha_publicacion__date", lookup_expr="gte", label=_("Desde"))
    hasta = FiltroDeFecha(field_name="fecha_publicacion__date", lookup_expr="lte", label=_("Hasta"))
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
        if value == "relevancia":
            # Ranked where the search computed a rank (PostgreSQL), else newest first.
            return ordenar_por_relevancia(queryset, "fecha_publicacion")
        return queryset.order_by("-fecha_publicacion", "-pk")
