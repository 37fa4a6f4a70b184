"""The staff's open commitments of working tables across events, as a page or a file.

Open: a commitment (not a conclusion) pending or in progress. Events as in the consulate
report: published and scheduled ones, not drafts. Overdue: due before today (Lima).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cancilleria.base.filtros import es_invalido
from cancilleria.base.vistas import ListaFiltradaView, consulta_editada

from ..filters import CompromisoFilter
from ..models import Resultado
from . import archivos
from .acceso import AccesoGestionMixin
from .paginas import LIMITE_EXPORTACION, POR_PAGINA, FormatoPedidoMixin

FORMATOS = ("csv", "xlsx")
NO_SON_FILTROS = ("page", "formato")


def encabezados():
    return [
        pgettext("compromiso", "Vence"),
        _("Vencido"),
        _("Compromiso"),
        _("Responsable"),
        _("Estado"),
        _("Evento"),
        _("Sesión"),
        _("Último seguimiento"),
        _("Dirección web del evento"),
    ]


def fila(resultado, url):
    """Return one commitment as a row of Python values (a date, not text)."""
    ultimo = resultado.ultimo_seguimiento
    return [
        resultado.vence,
        _("sí") if resultado.vencido else _("no"),
        resultado.texto,
        str(resultado.responsable) if resultado.responsable else "",
        resultado.get_estado_display(),
        resultado.sesion.evento.nombre,
        str(resultado.sesion),
        f"{ultimo.fecha.isoformat()}: {ultimo.nota}" if ultimo else "",
        url,
    ]


class CompromisosView(FormatoPedidoMixin, AccesoGestionMixin, ListaFiltradaView):
    formatos = FORMATOS
    filterset_class = CompromisoFilter
    template_name = "eventos/gestion/compromisos.html"
    context_object_name = "compromisos"
    paginate_by = POR_PAGINA

    def get_queryset(self):
        return Resultado.objects.para_gestion()

    def render_to_response(self, context, **response_kwargs):
        if self.formato in FORMATOS and not self.error_formato and not es_invalido(self.filterset):
            return self._archivo()
        return super().render_to_response(context, **response_kwargs)

    def _archivo(self):
        compromisos = self.filterset.qs[:LIMITE_EXPORTACION]
        nombre = f"compromisos-{timezone.localdate().isoformat()}.{self.formato}"
        filas = (fila(r, self._url_publica(r)) for r in compromisos)
        if self.formato == "csv":
            return archivos.respuesta_csv_tabla(encabezados(), filas, nombre=nombre)
        return archivos.respuesta_xlsx_tabla(
            [
                (
                    _("Compromisos"),
                    encabezados(),
                    filas,
                    [12, 9, 70, 40, 12, 50, 40, 50, 50],
                    {1: "dd/mm/yyyy"},
                ),
                (
                    _("Filtros"),
                    [_("Filtro"), _("Valor")],
                    [
                        *([str(e), str(v)] for e, v, _url in self.filtros_activos()),
                        [_("Generado"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
                    ],
                    [30, 60],
                    None,
                ),
            ],
            nombre=nombre,
        )

    def _url_publica(self, resultado):
        evento = resultado.sesion.evento
        return self.request.build_absolute_uri(evento.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginador = context.get("paginator")
        context.update(
            {
                "total": paginador.count if paginador else len(context["object_list"]),
                "consulta_filtros": consulta_editada(self.request, sin=NO_SON_FILTROS).urlencode(),
                "error_formato": self.error_formato,
            }
        )
        return context
