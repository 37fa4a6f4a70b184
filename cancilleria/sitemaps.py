"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from comunicados.models import Comunicado
from eventos.models import Evento

from .models import Tema


class _SitemapBilingue(Sitemap):
    # Each item is written in two languages with three alternates: small pages keep a
    # sitemap request fast (make bench) however many releases there are.
    limit = 500
    i18n = True
    alternates = True
    x_default = True


class PaginasSitemap(_SitemapBilingue):
    changefreq = "daily"

    def items(self):
        return ["cancilleria:inicio", "comunicados:lista", "eventos:lista"]

    def location(self, item):
        return reverse(item)


class ComunicadoSitemap(_SitemapBilingue):
    changefreq = "weekly"

    def items(self):
        return (
            Comunicado.objects.publicados()
            .order_by("-fecha_publicacion")
            .only("slug", "actualizado")
        )

    def lastmod(self, obj):
        return obj.actualizado


class EventoSitemap(_SitemapBilingue):
    changefreq = "weekly"

    def items(self):
        return Evento.objects.publicados().order_by("-inicio").only("slug", "actualizado")

    def lastmod(self, obj):
        return obj.actualizado


class TemaSitemap(_SitemapBilingue):
    changefreq = "weekly"

    def items(self):
        return Tema.objects.order_by("slug").only("slug")


sitemaps = {
    "paginas": PaginasSitemap,
    "comunicados": ComunicadoSitemap,
    "eventos": EventoSitemap,
    "temas": TemaSitemap,
}
