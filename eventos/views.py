from django.db.models import Prefetch
from django.views.generic import DetailView

from cancilleria.models import Consulado
from cancilleria.vistas import ListaFiltradaView

from .filters import EventoFilter
from .models import Evento, Participacion, Sesion


class EventoListView(ListaFiltradaView):
    filterset_class = EventoFilter
    template_name = "eventos/evento_list.html"
    context_object_name = "eventos"

    def get_base_queryset(self):
        return Evento.objects.publicados().select_related("organizador").prefetch_related("temas")


class EventoDetailView(DetailView):
    template_name = "eventos/evento_detail.html"
    context_object_name = "evento"

    def get_queryset(self):
        participaciones = Participacion.objects.select_related("persona", "cargo__organizacion")
        return (
            Evento.objects.publicados()
            .select_related("organizador__padre__padre")
            .prefetch_related(
                "temas",
                "colaboraciones__organizacion",
                Prefetch(
                    "sesiones",
                    queryset=Sesion.objects.prefetch_related(
                        Prefetch("participaciones", queryset=participaciones)
                    ),
                ),
                Prefetch("participaciones", queryset=participaciones.select_related("sesion")),
                Prefetch("consulados", queryset=Consulado.objects.order_by("region", "nombre")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comunicados"] = self.object.comunicados.publicados().order_by("-fecha_publicacion")
        return context
