"""RSS and Atom for the release list, filtered by the same query string as the page,
so a reader can follow only one topic."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cancilleria.base.filtros import vincular_filtro

from .filters import ComunicadoFilter
from .models import Comunicado

ELEMENTOS_POR_FEED = 30


class ComunicadosRssFeed(Feed):
    def get_object(self, request):
        # A feed reader shows no message: an unknown filter is simply not a feed.
        filtro = vincular_filtro(
            ComunicadoFilter, request, Comunicado.objects.para_tarjetas(), invalido_404=True
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
        return item.resumen or item.bajada

    def item_pubdate(self, item):
        return item.fecha_publicacion

    def item_updateddate(self, item):
        return item.actualizado

    def item_categories(self, item):
        return [tema.nombre for tema in item.temas.all()]


class ComunicadosAtomFeed(ComunicadosRssFeed):
    feed_type = Atom1Feed
    subtitle = ComunicadosRssFeed.description
