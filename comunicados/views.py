from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from cancilleria.base import fragmentos, vista_previa
from cancilleria.base.descargas import DescargaListaMixin
from cancilleria.base.detalle import DetallePublicableMixin
from cancilleria.base.estructurados import LOGO, TARJETA_COMPARTIR, url_estatica
from cancilleria.base.vista_previa import VistaPreviaCompartidaMixin, VistaPreviaMixin
from cancilleria.base.vistas import ExisteEnIdiomaMixin, ListaFiltradaView, PaginadorDeTarjetas
from eventos.selectores import repartir_por_sesion

from . import estructurados
from .api import ComunicadoSerializer
from .filters import ComunicadoFilter
from .models import Comunicado
from .selectores import completar_detalle


def url_imagen_principal(request, comunicado):
    """Return the absolute URL of the lead image's widest rendition, or None."""
    if not comunicado.imagen:
        return None
    variantes = comunicado.imagen_variantes
    imagen = variantes[-1][0] if variantes else comunicado.imagen
    return request.build_absolute_uri(imagen.url)


def _nombres(relacion):
    return "; ".join(str(item) for item in relacion.all())


class ComunicadoListView(DescargaListaMixin, ListaFiltradaView):
    filterset_class = ComunicadoFilter
    template_name = "comunicados/comunicado_list.html"
    context_object_name = "comunicados"
    # Its page holds the items' keys: it shows their stored cards.
    paginator_class = PaginadorDeTarjetas
    # ?formato=csv|json: the filtered list as a file (cancilleria/base/descargas.py).
    nombre_descarga = "comunicados"
    serializer_descarga = ComunicadoSerializer
    columnas_csv = (
        (_("Fecha"), lambda c, r: timezone.localtime(c.fecha_publicacion).date().isoformat()),
        (_("Título"), lambda c, r: c.titulo),
        (_("Bajada"), lambda c, r: c.bajada),
        (_("Tipo"), lambda c, r: c.get_tipo_display()),
        (_("Ámbito"), lambda c, r: c.get_ambito_display()),
        (_("Número"), lambda c, r: c.numero_oficial),
        (_("Lugar"), lambda c, r: c.lugar),
        (_("Temas"), lambda c, r: _nombres(c.temas)),
        (_("Evento"), lambda c, r: c.evento_publico or ""),
        (_("Organizaciones"), lambda c, r: _nombres(c.organizaciones)),
        (_("Personas"), lambda c, r: _nombres(c.personas)),
        (_("Dirección web"), lambda c, r: r.build_absolute_uri(c.get_absolute_url())),
        ("slug", lambda c, r: c.slug),
    )

    def get_queryset(self):
        return Comunicado.objects.para_tarjetas()

    def queryset_descarga(self):
        return Comunicado.objects.para_datos_abiertos()


class ComunicadoDetailView(DetallePublicableMixin, ExisteEnIdiomaMixin, DetailView):
    # Public, or withdrawn with its notice; gone and renamed items: DetallePublicableMixin.
    model = Comunicado
    template_name = "comunicados/comunicado_detail.html"
    context_object_name = "comunicado"
    # The article, its structured data and share image are a stored piece (fragmentos):
    # built from a dozen queries once, then read by key until something it shows is
    # written. Previews show drafts: they build the page from the rows every time.
    con_pieza = True

    def get_queryset(self):
        if self.con_pieza:
            # The page's head, the key and the related releases; the piece has the rest.
            return self.get_base_queryset().para_pieza()
        return self.get_base_queryset().con_detalle()

    def get_object(self, queryset=None):
        comunicado = super().get_object(queryset)
        self.pieza = None
        if self.con_pieza and not comunicado.esta_retirado_en_su_url:
            # The linked event's visibility changes with time, not with a write: a key part.
            self.pieza = fragmentos.pieza(
                "comunicado",
                comunicado.pk,
                self.request.LANGUAGE_CODE,
                self.request.build_absolute_uri("/"),
                int(comunicado.evento_visible),
                construir=lambda: self.construir_pieza(comunicado.pk),
            )
            return comunicado
        if self.con_pieza:
            comunicado = self.get_base_queryset().con_detalle().get(pk=comunicado.pk)
        return self.completar(comunicado)

    def completar(self, comunicado):
        comunicado = completar_detalle(comunicado)
        if comunicado.evento_id:
            repartir_por_sesion(comunicado.evento)
        return comunicado

    def construir_pieza(self, pk):
        comunicado = self.completar(self.get_base_queryset().con_detalle().get(pk=pk))
        datos = self.datos_de_pagina(comunicado)
        contexto = {
            "comunicado": comunicado,
            "url_compartir": self.request.build_absolute_uri(comunicado.get_absolute_url()),
        }
        datos["articulo"] = render_to_string("comunicados/_articulo.html", contexto)
        # For the related releases, read on every request (they change with other writes).
        datos["temas"] = [tema.pk for tema in comunicado.temas.all()]
        return datos

    def datos_de_pagina(self, comunicado):
        """Return the share image and the structured data (they read the whole graph)."""
        url_imagen = url_imagen_principal(self.request, comunicado)
        datos_estructurados = estructurados.comunicado(
            comunicado,
            self.request.build_absolute_uri(comunicado.get_absolute_url()),
            url_imagen=url_imagen or url_estatica(self.request, TARJETA_COMPARTIR),
            idioma=self.request.LANGUAGE_CODE,
            url_logo=url_estatica(self.request, LOGO),
        )
        return {"imagen": url_imagen, "datos_estructurados": datos_estructurados}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comunicado = self.object
        if self.pieza is not None:
            datos = self.pieza
            context["articulo"] = mark_safe(datos["articulo"])  # noqa: S308 - our template
        else:
            datos = self.datos_de_pagina(comunicado)
            context["url_compartir"] = self.request.build_absolute_uri()
        context["imagen_compartir"] = datos["imagen"]
        if datos["imagen"]:
            context["imagen_compartir_alt"] = comunicado.texto_alternativo
        context["datos_estructurados"] = datos["datos_estructurados"]
        # Their keys alone: the page shows their stored cards.
        context["relacionados"] = fragmentos.claves_de(
            Comunicado.objects.relacionados_con(comunicado, temas=datos.get("temas"))
        )
        return context


class ComunicadoVistaPreviaView(VistaPreviaMixin, ComunicadoDetailView):
    """Show staff a comunicado as the public will see it, published or not."""

    model = Comunicado
    con_pieza = False


class ComunicadoVistaPreviaCompartidaView(VistaPreviaCompartidaMixin, ComunicadoDetailView):
    """Show anyone with a shared preview link the comunicado as the public will see it."""

    model = Comunicado
    con_pieza = False


vista_previa.registrar_vista_compartida(Comunicado, ComunicadoVistaPreviaCompartidaView)
fragmentos.registrar_plantilla("comunicados/_articulo.html")
