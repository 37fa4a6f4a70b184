"""Staff pages: which events each consulate took part in, compared, charted and exported.

Staff see the real record, not only what the public sees today: published events and
scheduled ones (published with a future date, clearly marked). Drafts, events in review
and withdrawn ones stay out: they are not (or no longer) the ministry's word.
"""

from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Case, Count, F, IntegerField, Max, Min, Prefetch, Q, Value, When
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from cancilleria.base.models import Estado
from cancilleria.base.vistas import ListaFiltradaView
from cancilleria.directorio.models import Consulado
from cancilleria.directorio.regiones import Region

from . import exportar
from .filters import EventoGestionFilter, etiqueta_de_consulado
from .models import Evento

PERMISO = "eventos.ver_participacion_consular"
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


def _orden_de_region():
    return Case(
        *(When(region=valor, then=Value(i)) for i, valor in enumerate(Region.values)),
        default=Value(len(Region.values)),
        output_field=IntegerField(),
    )


def _criterios(orden):
    """Return the order_by() arguments for an orden value (unknown values: the default)."""
    descendente = orden.startswith("-")
    clave = orden.lstrip("-")
    if clave == "consulado":
        return [F("nombre").desc() if descendente else F("nombre").asc()]
    if clave == "region":
        region = _orden_de_region()
        return [region.desc() if descendente else region.asc(), "nombre"]
    if clave == "ultima":
        ultima = F("ultima").desc(nulls_last=True) if descendente else F("ultima").asc()
        return [ultima, "nombre"]
    total = F("total").asc() if clave == "eventos" and not descendente else F("total").desc()
    return [total, "nombre"]


def privada(vista):
    """Mark a staff response: never cached, never indexed."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        respuesta = vista(request, *args, **kwargs)
        respuesta["X-Robots-Tag"] = "noindex, nofollow"
        return respuesta

    return never_cache(envuelta)


@method_decorator(privada, name="dispatch")
class AccesoGestionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous visitors go to the login page; signed-in users without the right get 403."""

    permission_required = PERMISO


def eventos_de_gestion():
    """Return the events staff report on: published, due or scheduled."""
    return Evento.objects.filter(estado=Estado.PUBLICADO)


class ParticipacionConsularView(AccesoGestionMixin, ListaFiltradaView):
    filterset_class = EventoGestionFilter
    template_name = "eventos/gestion/consulados.html"
    context_object_name = "eventos"
    paginate_by = 50

    def get_base_queryset(self):
        return (
            eventos_de_gestion()
            .select_related("organizador")
            .prefetch_related(Prefetch("consulados", queryset=Consulado.objects.order_by("nombre")))
            .order_by("-inicio", "pk")
        )

    def get(self, request, *args, **kwargs):
        self.formato = request.GET.get("formato", "").strip().lower()
        self.error_formato = ""
        if self.formato and self.formato not in FORMATOS:
            self.error_formato = _(
                "El formato «%(formato)s» no existe. Use uno de estos: %(formatos)s."
            ) % {"formato": request.GET["formato"][:40], "formatos": ", ".join(FORMATOS)}
            return self._pagina(status=400)
        if self.formato in ("csv", "xlsx"):
            return self._exportar()
        if self.formato == "imprimir":
            self.template_name = "eventos/gestion/consulados_imprimir.html"
            self.paginate_by = None
        return self._pagina()

    def _pagina(self, status=200):
        self.object_list = self.get_queryset()
        if self.formato == "imprimir":
            self.object_list = self.object_list[:LIMITE_EXPORTACION]
        respuesta = self.render_to_response(self.get_context_data())
        if status == 200 and self.filterset.is_bound and not self.filterset.is_valid():
            status = 400 if self.formato else 200
        respuesta.status_code = status
        return respuesta

    def _exportar(self):
        eventos = self.get_queryset()
        if self.filterset.is_bound and not self.filterset.is_valid():
            # The page says what is wrong, with the form as typed.
            return self._pagina(status=400)
        fecha = timezone.localdate().isoformat()
        nombre = f"participacion-consular-{fecha}.{self.formato}"
        eventos = eventos[:LIMITE_EXPORTACION]
        url_de = self._url_publica
        if self.formato == "csv":
            return exportar.respuesta_csv(eventos, url_de=url_de, nombre=nombre)
        return exportar.respuesta_xlsx(
            eventos,
            url_de=url_de,
            nombre=nombre,
            resumen=self.resumen(),
            filtros=[(etiqueta, valor) for etiqueta, valor, _url in self._filtros_activos()],
        )

    def _url_publica(self, evento):
        return self.request.build_absolute_uri(evento.get_absolute_url())

    def _filtros_activos(self):
        # The chips come from the shared list view when it offers them.
        return self.filtros_activos() if hasattr(self, "filtros_activos") else []

    # --- The per-consulate summary ------------------------------------------------------

    def orden(self):
        orden = self.request.GET.get("orden", "")
        claves = {c for c, _e, _d in COLUMNAS_RESUMEN}
        return orden if orden.lstrip("-") in claves else ORDEN_POR_DEFECTO

    def alcance(self):
        """Return the consulates the summary covers: those asked for, else all in scope."""
        if not self.filterset.is_bound:
            return Q()
        if not self.filterset.is_valid():
            return Q(pk__in=[])
        datos = self.filterset.form.cleaned_data
        if datos.get("consulado"):
            return Q(pk__in=[c.pk for c in datos["consulado"]])
        condicion = Q()
        if datos.get("region"):
            condicion &= Q(region=datos["region"])
        if datos.get("pais"):
            condicion &= Q(pais=datos["pais"])
        return condicion

    def resumen(self):
        """Return the consulates in scope with their events in the result: one query."""
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Consulado.objects.none()
        eventos = self.filterset.qs.order_by().values("pk")
        en_resultado = Q(participaciones__evento__in=eventos)
        return (
            Consulado.objects.filter(self.alcance())
            .annotate(
                total=Count("participaciones", filter=en_resultado),
                ultima=Max("participaciones__evento__inicio", filter=en_resultado),
            )
            .order_by(*_criterios(self.orden()))
        )

    def paginator_total(self, context):
        if context.get("paginator"):
            return context["paginator"].count
        return len(context["object_list"])

    def cabeceras(self, orden):
        """Return the summary's column headers with their sort link and aria-sort."""
        consulta = self.request.GET.copy()
        for nombre in ("page", "formato"):
            consulta.pop(nombre, None)
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
            consulta["orden"] = siguiente
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
        context = super().get_context_data(**kwargs)
        orden = self.orden()
        resumen = list(self.resumen())
        consulta = self.request.GET.copy()
        for nombre in NO_SON_FILTROS:
            consulta.pop(nombre, None)
        datos = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        seleccion = list(datos.get("consulado") or [])
        slugs = {c.slug for c in seleccion}
        for evento in context["object_list"]:
            # Shown first in the consulates cell: what the staff asked about.
            evento.consulados_seleccionados = [
                c for c in evento.consulados.all() if c.slug in slugs
            ]
        context.update(
            {
                "total": self.paginator_total(context),
                "resumen": resumen,
                "cabeceras": self.cabeceras(orden),
                "grafico": grafico_de_barras(
                    sorted(
                        (c for c in resumen if c.total),
                        key=lambda c: (-c.total, c.nombre),
                    )[:BARRAS_MAXIMAS],
                    etiqueta=etiqueta_de_consulado,
                    valor=lambda c: c.total,
                    titulo=lambda c: c.nombre,
                ),
                "barras_omitidas": max(0, sum(1 for c in resumen if c.total) - BARRAS_MAXIMAS),
                "consulta_filtros": consulta.urlencode(),
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
    paginate_by = 50

    def get_queryset(self):
        self.consulado = get_object_or_404(Consulado, slug=self.kwargs["slug"])
        return (
            eventos_de_gestion()
            # A subquery, not a join: the count below must see every consulate.
            .filter(pk__in=self.consulado.participaciones.values("evento"))
            .annotate(numero_consulados=Count("participaciones_consulares", distinct=True))
            .order_by("-inicio", "pk")
        )

    def paginate_queryset(self, queryset, page_size):
        # page=abc or a page past the end is a missing page (404), never a 500.
        return ListaFiltradaView.paginate_queryset(self, queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participaciones = self.consulado.participaciones.filter(evento__estado=Estado.PUBLICADO)
        totales = participaciones.aggregate(
            total=Count("pk"), primera=Min("evento__inicio"), ultima=Max("evento__inicio")
        )
        por_anio = {
            fila["anio"]: fila["n"]
            for fila in participaciones.annotate(anio=ExtractYear("evento__inicio"))
            .values("anio")
            .annotate(n=Count("pk"))
            .order_by("anio")
        }
        # Every year between the first and the last, zeros included: a gap is information.
        anios = range(min(por_anio), max(por_anio) + 1) if por_anio else []
        context.update(
            {
                "consulado": self.consulado,
                "totales": totales,
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


# Chart geometry, in SVG user units (the SVG scales to its box).
ANCHO_GRAFICO = 720
ANCHO_ETIQUETAS = 230
ALTO_BARRA = 22
SEPARACION = 8


def grafico_de_barras(elementos, *, etiqueta, valor, titulo):
    """Return the geometry of a horizontal bar chart, numbers as text for SVG attributes.

    Widths are SVG attributes, not CSS: the strict CSP forbids style attributes.
    """
    elementos = list(elementos)
    if not elementos:
        return None
    maximo = max(valor(e) for e in elementos) or 1
    disponible = ANCHO_GRAFICO - ANCHO_ETIQUETAS - 40
    barras = []
    for i, elemento in enumerate(elementos):
        y = SEPARACION + i * (ALTO_BARRA + SEPARACION)
        ancho = disponible * valor(elemento) / maximo
        barras.append(
            {
                "etiqueta": etiqueta(elemento),
                "titulo": titulo(elemento),
                "valor": valor(elemento),
                "y": str(y),
                "y_texto": f"{y + ALTO_BARRA * 0.7:.1f}",
                "ancho": f"{ancho:.1f}",
                "x_valor": f"{ANCHO_ETIQUETAS + ancho + 6:.1f}",
            }
        )
    return {
        "barras": barras,
        "ancho": str(ANCHO_GRAFICO),
        "alto": str(SEPARACION + len(barras) * (ALTO_BARRA + SEPARACION)),
        "x_barras": str(ANCHO_ETIQUETAS),
        "x_etiquetas": str(ANCHO_ETIQUETAS - 8),
        "alto_barra": str(ALTO_BARRA),
    }
