from django.db.models import Prefetch
from django.views.generic import DetailView

from cancilleria.base.vista_previa import VistaPreviaMixin
from cancilleria.base.vistas import ListaFiltradaView
from eventos.models import Participacion, Sesion

from . import estructurados
from .filters import ComunicadoFilter
from .models import Cita, Comunicado


class ComunicadoListView(ListaFiltradaView):
    filterset_class = ComunicadoFilter
    template_name = "comunicados/comunicado_list.html"
    context_object_name = "comunicados"

    def get_base_queryset(self):
        return Comunicado.objects.publicados().prefetch_related("temas")


class ComunicadoDetailView(DetailView):
    template_name = "comunicados/comunicado_detail.html"
    context_object_name = "comunicado"

    def get_base_queryset(self):
        return Comunicado.objects.publicados()

    def get_queryset(self):
        return (
            self.get_base_queryset()
            .select_related("evento__organizador")
            .prefetch_related(
                "temas",
                "organizaciones",
                "personas",
                "adjuntos",
                "cifras__fuente",
                Prefetch(
                    "citas",
                    queryset=Cita.objects.select_related(
                        "persona", "cargo__organizacion", "sesion"
                    ),
                ),
                Prefetch(
                    "evento__sesiones",
                    queryset=Sesion.objects.prefetch_related(
                        Prefetch(
                            "participaciones",
                            queryset=Participacion.objects.select_related(
                                "persona", "cargo__organizacion"
                            ),
                        )
                    ),
                ),
                Prefetch(
                    "evento__participaciones",
                    queryset=Participacion.objects.select_related(
                        "persona", "cargo__organizacion", "sesion"
                    ),
                ),
                "evento__colaboraciones__organizacion",
                "evento__consulados",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comunicado = self.object
        url_imagen = (
            self.request.build_absolute_uri(comunicado.imagen.url) if comunicado.imagen else None
        )
        context["datos_estructurados"] = estructurados.comunicado(
            comunicado,
            self.request.build_absolute_uri(comunicado.get_absolute_url()),
            url_imagen=url_imagen,
            idioma=self.request.LANGUAGE_CODE,
        )
        context["relacionados"] = (
            Comunicado.objects.publicados()
            .filter(temas__in=[t.pk for t in comunicado.temas.all()])
            .exclude(pk=comunicado.pk)
            .distinct()
            .prefetch_related("temas")
            .order_by("-fecha_publicacion")[:3]
        )
        return context


class ComunicadoVistaPreviaView(VistaPreviaMixin, ComunicadoDetailView):
    """Show staff a comunicado as the public will see it, published or not."""

    model = Comunicado
