"""RSS and Atom for the release list, filtered by the same query string as the page,
so a reader can follow only one topic."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cancilleria.base.filtros import vincular_filtro

from .filters import ComunicadoFilter
from .models import Comunicado

ELEMENTOS_POR_FEED = 30


def aviso_en_texto(aviso):
    """Return a helpline notice as one line: name, text, phone and web address."""
    partes = [f"{aviso.nombre}: {aviso.texto}"]
    if aviso.telefono:
        partes.append(_("Teléfono: %(telefono)s") % {"telefono": aviso.telefono})
    if aviso.url:
        partes.append(aviso.url)
    return " — ".join(partes)


class ComunicadosRssFeed(Feed):
    def get_object(self, request):
        # A feed reader shows no message: an unknown filter is simply not a feed.
        filtro = vincular_filtro(
            ComunicadoFilter,
            request,
            Comunicado.objects.para_tarjetas().con_temas(),
            invalido_404=True,
        )
        # Kept on the per-request object: the Feed instance is shared between requests.
        filtro.consulta = request.GET.urlencode()
        return filtro

    def title(self, filtro):
        temas = (filtro.form.cleaned_data.get("tema") if filtro.is_bound else None) or []
        if temas:
            return _("Comunicados de la Cancillería: %(temas)s") % {
                "temas": ", ".join(t.nombre for t in temas)
            }
        return _("Comunicados de la Cancillería del Perú")

    def link(self, filtro):
        url = reverse("comunicados:lista")
        return f"{url}?{filtro.consulta}" if filtro.consulta else url

    def description(self, filtro):
        return _("Comunicados y notas de prensa del Ministerio de Relaciones Exteriores del Perú.")

    def items(self, filtro):
        return filtro.qs.order_by("-fecha_publicacion", "-pk")[:ELEMENTOS_POR_FEED]

    def item_title(self, item):
        return item.titulo

    def item_description(self, item):
        descripcion = item.resumen or item.bajada
        avisos = item.avisos_de_ayuda
        if not avisos:
            return descripcion
        # Sensitive topics: the helpline travels with the item into every feed reader.
        return format_html(
            "<p>{}</p>{}",
            descripcion,
            format_html_join("", "<p>{}</p>", ((aviso_en_texto(a),) for a in avisos)),
        )

    def item_pubdate(self, item):
        return item.fecha_publicacion

    def item_updateddate(self, item):
        return item.actualizado

    def item_categories(self, item):
        return [tema.nombre for tema in item.temas.all()]


class ComunicadosAtomFeed(ComunicadosRssFeed):
    feed_type = Atom1Feed
    subtitle = ComunicadosRssFeed.description
