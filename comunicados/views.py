from django.views.generic import DetailView

from cancilleria.base.vista_previa import VistaPreviaMixin
from cancilleria.base.vistas import ListaFiltradaView
from eventos.selectores import repartir_por_sesion

from . import estructurados
from .filters import ComunicadoFilter
from .models import Comunicado
from .selectores import completar_detalle


class ComunicadoListView(ListaFiltradaView):
    filterset_class = ComunicadoFilter
    template_name = "comunicados/comunicado_list.html"
    context_object_name = "comunicados"

    def get_queryset(self):
        return Comunicado.objects.para_tarjetas()


class ComunicadoDetailView(DetailView):
    template_name = "comunicados/comunicado_detail.html"
    context_object_name = "comunicado"

    def get_base_queryset(self):
        return Comunicado.objects.publicados()

    def get_queryset(self):
        return self.get_base_queryset().con_detalle()

    def get_object(self, queryset=None):
        comunicado = completar_detalle(super().get_object(queryset))
        if comunicado.evento_id:
            repartir_por_sesion(comunicado.evento)
        return comunicado

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
        context["relacionados"] = Comunicado.objects.relacionados_con(comunicado)
        return context


class ComunicadoVistaPreviaView(VistaPreviaMixin, ComunicadoDetailView):
    """Show staff a comunicado as the public will see it, published or not."""

    model = Comunicado
