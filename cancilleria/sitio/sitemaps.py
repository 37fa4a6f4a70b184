"""sitemap.xml: the index the project assembles from each app's own sitemaps."""

from django.urls import reverse

from cancilleria.base.sitemaps import SitemapBilingue, anotar_idiomas
from cancilleria.directorio.models import Tema
from comunicados.sitemaps import ComunicadoSitemap
from eventos.sitemaps import EventoSitemap


class PaginasSitemap(SitemapBilingue):
    changefreq = "daily"

    def items(self):
        return ["sitio:inicio", "comunicados:lista", "eventos:lista"]

    def location(self, item):
        return reverse(item)


class TemaSitemap(SitemapBilingue):
    # Topic pages are composed here, on the project floor (they list releases and events).
    changefreq = "weekly"

    def items(self):
        # Quechua and Aymara pages only for the topics translated into them.
        return anotar_idiomas(Tema.objects.order_by("slug").only("slug"), self._languages())


sitemaps = {
    "paginas": PaginasSitemap,
    "comunicados": ComunicadoSitemap,
    "eventos": EventoSitemap,
    "temas": TemaSitemap,
}
