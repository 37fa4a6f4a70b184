from cancilleria.base.sitemaps import SitemapConFecha

from .models import Comunicado


class ComunicadoSitemap(SitemapConFecha):
    def items(self):
        return (
            Comunicado.objects.publicados()
            .order_by("-fecha_publicacion", "-pk")
            .only("slug", "actualizado")
        )
