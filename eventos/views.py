from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, View

from cancilleria.base import vista_previa
from cancilleria.base.descargas import DescargaListaMixin
from cancilleria.base.detalle import DetallePublicableMixin
from cancilleria.base.estructurados import TARJETA_COMPARTIR, url_estatica
from cancilleria.base.filtros import vincular_filtro
from cancilleria.base.vista_previa import VistaPreviaCompartidaMixin, VistaPreviaMixin
from cancilleria.base.vistas import ExisteEnIdiomaMixin, ListaFiltradaView, PaginadorDeTarjetas

from . import estructurados
from .api import EventoSerializer
from .calendario import calendario
from .filters import EventoFilter
from .models import Evento
from .selectores import repartir_por_sesion


def _local(momento):
    return timezone.localtime(momento).isoformat(timespec="minutes") if momento else ""


class EventoListView(DescargaListaMixin, ListaFiltradaView):
    filterset_class = EventoFilter
    template_name = "eventos/evento_list.html"
    context_object_name = "eventos"
    # Its page holds the items' keys: it shows their stored cards.
    paginator_class = PaginadorDeTarjetas
    # ?formato=csv|json: the filtered list as a file (cancilleria/base/descargas.py).
    nombre_descarga = "eventos"
    serializer_descarga = EventoSerializer
    columnas_csv = (
        (gettext_lazy("Inicio"), lambda e, r: _local(e.inicio)),
        (gettext_lazy("Fin"), lambda e, r: _local(e.fin)),
        (gettext_lazy("Evento"), lambda e, r: e.nombre),
        (gettext_lazy("Tipo"), lambda e, r: e.get_tipo_display()),
        (gettext_lazy("Modalidad"), lambda e, r: e.get_modalidad_display()),
        (gettext_lazy("Lugar"), lambda e, r: e.lugar),
        (gettext_lazy("Organizador"), lambda e, r: e.organizador or ""),
        (gettext_lazy("Temas"), lambda e, r: "; ".join(str(t) for t in e.temas.all())),
        (
            gettext_lazy("Consulados participantes"),
            lambda e, r: "; ".join(str(c) for c in e.consulados.all()),
        ),
        (gettext_lazy("Dirección web"), lambda e, r: r.build_absolute_uri(e.get_absolute_url())),
        ("slug", lambda e, r: e.slug),
    )

    def get_queryset(self):
        return Evento.objects.para_tarjetas()

    def queryset_descarga(self):
        return Evento.objects.para_datos_abiertos()


class EventoDetailView(DetallePublicableMixin, ExisteEnIdiomaMixin, DetailView):
    # Public, or withdrawn with its notice; gone and renamed items: DetallePublicableMixin.
    model = Evento
    template_name = "eventos/evento_detail.html"
    context_object_name = "evento"

    def get_queryset(self):
        return self.get_base_queryset().con_detalle()

    def get_object(self, queryset=None):
        evento = super().get_object(queryset)
        repartir_por_sesion(evento)
        return evento

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Sections other apps add to this page (releases about the event) come through
        # cancilleria.base.secciones: this app does not import them.
        context["datos_estructurados"] = estructurados.evento(
            self.object,
            self.request.build_absolute_uri(self.object.get_absolute_url()),
            url_imagen=url_estatica(self.request, TARJETA_COMPARTIR),
        )
        return context


def _respuesta_ics(request, eventos, *, nombre, archivo):
    contenido = calendario(
        eventos,
        nombre=nombre,
        url_de=lambda e: request.build_absolute_uri(e.get_absolute_url()),
        dominio=request.get_host().split(":")[0],
    )
    respuesta = HttpResponse(contenido, content_type="text/calendar; charset=utf-8")
    respuesta["Content-Disposition"] = f'inline; filename="{archivo}"'
    return respuesta


class EventoIcsView(View):
    def get(self, request, slug):
        evento = get_object_or_404(Evento.objects.publicados().prefetch_related("temas"), slug=slug)
        return _respuesta_ics(request, [evento], nombre=evento.nombre, archivo=f"{slug}.ics")


class CalendarioIcsView(View):
    """The event list as a calendar, with the list's own filters."""

    # A subscription needs the recent and coming events, not the whole archive (make bench).
    limite = 200

    def get(self, request):
        filtro = vincular_filtro(
            EventoFilter,
            request,
            Evento.objects.publicados().en_idioma().prefetch_related("temas"),
            invalido_404=True,
        )
        eventos = filtro.qs.order_by("-inicio", "-pk")[: self.limite]
        return _respuesta_ics(
            request, eventos, nombre=_("Eventos de la Cancillería"), archivo="calendario.ics"
        )


class EventoVistaPreviaView(VistaPreviaMixin, EventoDetailView):
    """Show staff a evento as the public will see it, published or not."""

    model = Evento


class EventoVistaPreviaCompartidaView(VistaPreviaCompartidaMixin, EventoDetailView):
    """Show anyone with a shared preview link the evento as the public will see it."""

    model = Evento


vista_previa.registrar_vista_compartida(Evento, EventoVistaPreviaCompartidaView)
