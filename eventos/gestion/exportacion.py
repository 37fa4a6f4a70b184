"""The staff's event list as a file: the page's result, filters and summary, as CSV or XLSX."""

from django.utils import timezone

from cancilleria.base.filtros import es_invalido, vincular_filtro

from . import archivos
from .paginas import LIMITE_EXPORTACION, ParticipacionConsularView

FORMATOS_DE_ARCHIVO = ("csv", "xlsx")


class ExportacionConsularView(ParticipacionConsularView):
    """Serve the filtered events as a download; a bad filter gets the page with its message."""

    def get(self, request, *args, **kwargs):
        self.filterset = vincular_filtro(self.filterset_class, request, self.get_queryset())
        if es_invalido(self.filterset):
            # The page says what is wrong, with the form as typed (400).
            return super().get(request, *args, **kwargs)
        formato = request.GET["formato"].strip().lower()
        nombre = f"participacion-consular-{timezone.localdate().isoformat()}.{formato}"
        eventos = self.filterset.qs[:LIMITE_EXPORTACION]
        if formato == "csv":
            return archivos.respuesta_csv(eventos, url_de=self._url_publica, nombre=nombre)
        return archivos.respuesta_xlsx(
            eventos,
            url_de=self._url_publica,
            nombre=nombre,
            resumen=self.resumen(),
            filtros=[(etiqueta, valor) for etiqueta, valor, _url in self.filtros_activos()],
        )

    def _url_publica(self, evento):
        return self.request.build_absolute_uri(evento.get_absolute_url())


_pagina = ParticipacionConsularView.as_view()
_archivo = ExportacionConsularView.as_view()


def participacion_consular(request, *args, **kwargs):
    """Answer /gestion/consulados/: the page, or a file when `formato` asks for one."""
    formato = request.GET.get("formato", "").strip().lower()
    vista = _archivo if formato in FORMATOS_DE_ARCHIVO else _pagina
    return vista(request, *args, **kwargs)
