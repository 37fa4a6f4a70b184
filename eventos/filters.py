"""The event list's filters, shared by the public list, its calendar and the staff view."""

import unicodedata

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cancilleria.base.busqueda import FilterSetConBusqueda, FiltroBusqueda
from cancilleria.base.filtros import (
    FiltroDeFecha,
    FiltroDeOpcionEnRelacion,
    FiltroPorSlug,
    FiltroPorSlugMultiple,
    existe,
)
from cancilleria.directorio.models import Consulado, Organizacion, Tema
from cancilleria.directorio.regiones import Region, agrupar_por_region

from .models import Evento, Modalidad, Resultado


class EventoFilter(FilterSetConBusqueda):
    q = FiltroBusqueda(campo_fecha="inicio", label=_("Buscar"))
    # Check boxes on the public list: a <select multiple> hides what is chosen.
    consulado = FiltroPorSlugMultiple(
        field_name="consulados",
        queryset=Consulado.objects.all(),
        label=_("Consulados"),
        widget=forms.CheckboxSelectMultiple,
    )
    region = FiltroDeOpcionEnRelacion(
        field_name="consulados__region",
        choices=Region.choices,
        label=_("Región"),
        empty_label=_("Todas"),
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
    desde = FiltroDeFecha(field_name="inicio__date", lookup_expr="gte", label=_("Desde"))
    hasta = FiltroDeFecha(field_name="inicio__date", lookup_expr="lte", label=_("Hasta"))
    cuando = django_filters.ChoiceFilter(
        choices=(("proximos", _("Próximos")), ("pasados", _("Pasados"))),
        method="por_cuando",
        label=_("Cuándo"),
        empty_label=_("Todos"),
    )

    # The directory's options, consulates grouped by region included: one stored piece.
    opciones_guardadas = ("organizacion", "tema")
    filas_guardadas = ("organizacion", "tema", "consulado")
    tablas_de_opciones = (Organizacion, Tema, Consulado)

    class Meta:
        model = Evento
        fields = []

    def opciones_para_guardar(self, formulario):
        opciones = super().opciones_para_guardar(formulario)
        opciones["consulado"] = [
            [str(etiqueta), [list(opcion) for opcion in grupo]]
            for etiqueta, grupo in _consulados_por_region(list(Consulado.objects.order_by("pk")))
        ]
        return opciones

    def poner_opciones(self, formulario, opciones):
        super().poner_opciones(formulario, opciones)
        _poner_consulados(formulario, opciones.lista("consulado"))

    def por_organizacion(self, queryset, name, value: Organizacion):
        # Organised by it or supported by it: both are "events of this organisation".
        return queryset.filter(
            Q(organizador=value) | existe(queryset.model, "colaboraciones__organizacion", value)
        )

    def por_cuando(self, queryset, name, value):
        ahora = timezone.now()
        if value == "proximos":
            return queryset.proximos(ahora).order_by("inicio", "pk")
        return queryset.pasados(ahora).order_by("-inicio", "-pk")


class EventoGestionFilter(EventoFilter):
    """The event list's filters plus the country of a participating consulate, for staff.

    The consulate choices come grouped by region (<optgroup>) and both the consulate and
    country choices are built from one query of the directory.
    """

    # Staff pick many at once from a tall box (Ctrl+click, explained on the page).
    consulado = FiltroPorSlugMultiple(
        field_name="consulados", queryset=Consulado.objects.all(), label=_("Consulados")
    )
    pais = FiltroDeOpcionEnRelacion(
        field_name="consulados__pais",
        choices=[],
        label=_("País"),
        empty_label=_("Todos"),
    )

    # The filters that choose consulates (the summary's scope).
    ALCANCE = ("consulado", "region", "pais")
    # Its options also give the countries: read from the directory (staff, few visits).
    opciones_guardadas = ()
    filas_guardadas = ()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            self._opciones_del_directorio(super().form)
        return self._form

    def qs_sin_alcance(self):
        """Return the result without the filters that choose consulates.

        The summary by consulate joins the chosen consulates' participations itself, so
        it counts the same events; the same filters again (EXISTS over those
        participations) re-read every one of them: a third of the page at 100k releases.
        """
        if not self.is_bound or self.errors:
            return self.qs  # as django-filter's: unfiltered, or its own answer to bad input
        return self.filter_queryset(self.queryset.all(), excepto=self.ALCANCE)

    def _opciones_del_directorio(self, formulario):
        consulados = list(Consulado.objects.order_by("pk"))
        _poner_consulados(formulario, _consulados_por_region(consulados))
        # Tall enough to see a region at a glance; the hint explains Ctrl+click.
        formulario.fields["consulado"].widget.attrs.update(
            {"size": 12, "aria-describedby": "id_consulado_ayuda"}
        )
        codigos = {c.pais.code for c in consulados if c.pais}
        formulario.fields["pais"].choices = sorted(
            ((codigo, countries.name(codigo)) for codigo in codigos), key=_por_nombre
        )
        return consulados


def _por_nombre(par):
    # Accents must not push "Égypte"/"Perú" to the end: compare without them.
    return unicodedata.normalize("NFKD", str(par[1])).encode("ascii", "ignore").decode().lower()


def etiqueta_de_consulado(consulado):
    """Return a short name for a consulate: its country, and its city when it adds something."""
    pais = str(consulado.pais.name) if consulado.pais else consulado.nombre
    if consulado.ciudad and consulado.ciudad.casefold() != pais.casefold():
        return f"{pais} ({consulado.ciudad})"
    return pais


class CompromisoFilter(django_filters.FilterSet):
    """The staff's open commitments: by responsible organisation, consulate, state, overdue."""

    organizacion = FiltroPorSlug(
        field_name="responsable", queryset=Organizacion.objects.all(), label=_("Responsable")
    )
    consulado = FiltroPorSlugMultiple(
        queryset=Consulado.objects.all(),
        label=_("Consulado participante en el evento"),
        method="por_consulado",
    )
    estado = django_filters.ChoiceFilter(
        choices=[
            (Resultado.EstadoResultado.PENDIENTE, Resultado.EstadoResultado.PENDIENTE.label),
            (Resultado.EstadoResultado.EN_CURSO, Resultado.EstadoResultado.EN_CURSO.label),
        ],
        label=_("Estado"),
        empty_label=_("Todos"),
    )
    vencidos = django_filters.ChoiceFilter(
        choices=[("si", _("Solo los vencidos"))],
        method="solo_vencidos",
        label=_("Plazo"),
        empty_label=_("Todos los plazos"),
    )

    class Meta:
        model = Resultado
        fields = []

    @property
    def form(self):
        if not hasattr(self, "_form"):
            formulario = super().form
            # Short labels ("Francia", "España (Barcelona)"): the full names begin alike.
            formulario.fields["consulado"].widget.choices = sorted(
                ((c.slug, etiqueta_de_consulado(c)) for c in Consulado.objects.order_by("pk")),
                key=_por_nombre,
            )
            formulario.fields["consulado"].widget.attrs.setdefault("size", 8)
        return self._form

    def por_consulado(self, queryset, name, value):
        if not value:
            return queryset
        # EXISTS on the event's consulates: no join, no repeated commitments.
        eventos = Evento.objects.filter(existe(Evento, "consulados__in", list(value)))
        return queryset.filter(sesion__evento__in=eventos.values("pk"))

    def solo_vencidos(self, queryset, name, value):
        if value == "si":
            return queryset.vencidos()
        return queryset


def _consulados_por_region(consulados):
    """Return [(region, [(slug, short label)…])] in the regions' order, by name inside."""
    # Short labels ("Francia", "España (Barcelona)"): the full names all begin alike and
    # would be cut off in the box.
    grupos = agrupar_por_region(consulados, valor=lambda c: (c.slug, etiqueta_de_consulado(c)))
    return [(etiqueta, sorted(opciones, key=_por_nombre)) for etiqueta, opciones in grupos]


def _poner_consulados(formulario, grupos):
    # On the widget: django-filter's field would wrap the groups in a model iterator;
    # validation still runs on the field's queryset, by slug.
    formulario.fields["consulado"].widget.choices = grupos
