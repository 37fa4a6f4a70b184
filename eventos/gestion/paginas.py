"""The staff pages: events by consulate, compared and charted, and one consulate's record.

Staff see the real record, not only what the public sees today: published events and
scheduled ones (published with a future date, clearly marked). Drafts, events in review
and withdrawn ones stay out: they are not (or no longer) the ministry's word.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from cancilleria.base.filtros import es_invalido
from cancilleria.base.vistas import ListaFiltradaView, consulta_editada
from cancilleria.directorio.models import Consulado
from cancilleria.directorio.regiones import Region

from ..filters import EventoGestionFilter, etiqueta_de_consulado
from ..models import Evento
from .acceso import AccesoGestionMixin
from .grafico import grafico_de_barras

# Staff compare many events at once: longer pages than the public lists.
POR_PAGINA = 50
FORMATOS = ("csv", "xlsx", "imprimir")
# Parameters that shape the page or the file, never the result.
NO_SON_FILTROS = ("page", "orden", "formato")
# An export or a printout is the whole result, within reason.
LIMITE_EXPORTACION = 10_000
BARRAS_MAXIMAS = 25

# Sorting the summary: orden=<key> ascending, orden=-<key> descending.
COLUMNAS_RESUMEN = (
    ("consulado", gettext_lazy("Consulado"), "asc"),
    ("region", gettext_lazy("Región"), "asc"),
    ("eventos", gettext_lazy("Eventos"), "desc"),
    ("ultima", gettext_lazy("Última participación"), "desc"),
)
ORDEN_POR_DEFECTO = "-eventos"


def _ordenar(consulados, orden):
    """Return the summary's rows sorted for an orden value (unknown values: the default).

    The rows come by name; every sort here is stable, so ties keep that order.
    """
    descendente = orden.startswith("-")
    clave = orden.lstrip("-")
    if clave == "consulado":
        return consulados[::-1] if descendente else consulados
    if clave == "region":
        posicion = {codigo: i for i, codigo in enumerate(Region.values)}
        return sorted(
            consulados, key=lambda c: posicion.get(c.region, len(posicion)), reverse=descendente
        )
    if clave == "ultima":
        # Consulates with no event in the result last, whichever the direction.
        con = sorted(
            (c for c in consulados if c.ultima), key=lambda c: c.ultima, reverse=descendente
        )
        return con + [c for c in consulados if not c.ultima]
    ascendente = clave == "eventos" and not descendente
    return sorted(consulados, key=lambda c: c.total, reverse=not ascendente)


class FormatoPedidoMixin:
    """`?formato=`: a file or printout of the filtered list. An unknown format, or one
    asked with a bad filter, is a 400 whose page says why."""

    formatos = ()

    def get(self, request, *args, **kwargs):
        self.formato = request.GET.get("formato", "").strip().lower()
        self.error_formato = ""
        if self.formato and self.formato not in self.formatos:
            self.error_formato = _(
                "El formato «%(formato)s» no existe. Use uno de estos: %(formatos)s."
            ) % {"formato": request.GET["formato"][:40], "formatos": ", ".join(self.formatos)}
        else:
            self.preparar_formato()
        respuesta = super().get(request, *args, **kwargs)
        if self.error_formato or (self.formato and es_invalido(self.filterset)):
            respuesta.status_code = 400
        return respuesta

    def preparar_formato(self):
        """Adjust the view for a valid `self.formato` (a printout's template…)."""


class ParticipacionConsularView(FormatoPedidoMixin, AccesoGestionMixin, ListaFiltradaView):
    formatos = FORMATOS
    filterset_class = EventoGestionFilter
    template_name = "eventos/gestion/consulados.html"
    context_object_name = "eventos"
    paginate_by = POR_PAGINA

    def get_queryset(self):
        return Evento.objects.para_gestion()

    def preparar_formato(self):
        if self.formato == "imprimir":
            self.template_name = "eventos/gestion/consulados_imprimir.html"
            self.paginate_by = None

    # --- The per-consulate summary ------------------------------------------------------

    def orden(self):
        orden = self.request.GET.get("orden", "")
        claves = {c for c, _e, _d in COLUMNAS_RESUMEN}
        return orden if orden.lstrip("-") in claves else ORDEN_POR_DEFECTO

    def alcance(self):
        """Return the consulates the summary covers: those asked for (already read by the
        filter), else a queryset of all in scope."""
        if not self.filterset.is_bound:
            return Consulado.objects.all()
        datos = self.filterset.form.cleaned_data
        if datos.get("consulado"):
            return list(datos["consulado"])
        condicion = Q()
        if datos.get("region"):
            condicion &= Q(region=datos["region"])
        if datos.get("pais"):
            condicion &= Q(pais=datos["pais"])
        return Consulado.objects.filter(condicion)

    def resumen(self):
        """Return the consulates in scope with their events in the result."""
        if es_invalido(self.filterset):
            return []
        eventos = self.filterset.qs_sin_alcance()
        return _ordenar(eventos.resumen_por_consulado(self.alcance()), self.orden())

    def cabeceras(self, orden):
        """Return the summary's column headers with their sort link and aria-sort."""
        cabeceras = []
        for clave, etiqueta, direccion in COLUMNAS_RESUMEN:
            actual = orden.lstrip("-") == clave
            descendente = orden.startswith("-")
            if actual:
                siguiente = clave if descendente else f"-{clave}"
                aria = "descending" if descendente else "ascending"
            else:
                siguiente = f"-{clave}" if direccion == "desc" else clave
                aria = ""
            consulta = consulta_editada(
                self.request, sin=["page", "formato"], con={"orden": siguiente}
            )
            cabeceras.append(
                {
                    "etiqueta": etiqueta,
                    "url": f"?{consulta.urlencode()}#resumen",
                    "aria_sort": aria,
                    "numerica": clave == "eventos",
                }
            )
        return cabeceras

    def get_context_data(self, **kwargs):
        if self.formato == "imprimir":
            kwargs["object_list"] = kwargs["object_list"][:LIMITE_EXPORTACION]
        context = super().get_context_data(**kwargs)
        resumen = list(self.resumen())
        datos = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        seleccion = list(datos.get("consulado") or [])
        slugs = {c.slug for c in seleccion}
        for evento in context["object_list"]:
            # Shown first in the consulates cell: what the staff asked about.
            evento.consulados_seleccionados = [
                c for c in evento.consulados.all() if c.slug in slugs
            ]
        con_eventos = sorted(
            (c for c in resumen if c.total), key=lambda c: (-c.total, c.nombre, c.pk)
        )
        paginador = context.get("paginator")
        context.update(
            {
                "total": paginador.count if paginador else len(context["object_list"]),
                "resumen": resumen,
                "cabeceras": self.cabeceras(self.orden()),
                "grafico": grafico_de_barras(
                    con_eventos[:BARRAS_MAXIMAS],
                    etiqueta=etiqueta_de_consulado,
                    valor=lambda c: c.total,
                    titulo=lambda c: c.nombre,
                ),
                "barras_omitidas": max(0, len(con_eventos) - BARRAS_MAXIMAS),
                "consulta_filtros": consulta_editada(self.request, sin=NO_SON_FILTROS).urlencode(),
                "seleccion": [c.slug for c in seleccion],
                "sin_eventos": [c for c in resumen if not c.total and seleccion],
                "error_formato": self.error_formato,
                "generado": timezone.localtime(),
            }
        )
        return context


class ConsuladoGestionView(AccesoGestionMixin, ListView):
    """One consulate's events over time, newest first, with a chart per year."""

    template_name = "eventos/gestion/consulado.html"
    context_object_name = "eventos"
    paginate_by = POR_PAGINA

    def get_queryset(self):
        self.consulado = get_object_or_404(Consulado, slug=self.kwargs["slug"])
        self.eventos = Evento.objects.visibles_para_personal().de_consulado(self.consulado)
        return self.eventos.annotate(
            numero_consulados=Count("participaciones_consulares", distinct=True)
        ).order_by("-inicio", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        por_anio = self.eventos.por_anio()
        # Every year between the first and the last, zeros included: a gap is information.
        anios = range(min(por_anio), max(por_anio) + 1) if por_anio else []
        context.update(
            {
                "consulado": self.consulado,
                "totales": self.eventos.totales(),
                "grafico": grafico_de_barras(
                    [(anio, por_anio.get(anio, 0)) for anio in anios],
                    etiqueta=lambda par: str(par[0]),
                    valor=lambda par: par[1],
                    titulo=lambda par: str(par[0]),
                ),
                "consulta_consulado": f"consulado={self.consulado.slug}",
            }
        )
        return context
