from cancilleria.base.sitemaps import SitemapConFecha

from .models import Evento


class EventoSitemap(SitemapConFecha):
    def items(self):
        return Evento.objects.publicados().order_by("-inicio", "-pk").only("slug", "actualizado")
