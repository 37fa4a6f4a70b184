"""Sitemap building blocks: every public page in each language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class SitemapBilingue(Sitemap):
    # Each item is written in two languages with three alternates: small pages keep a
    # sitemap request fast (make bench) however many releases there are.
    limit = 250
    i18n = True
    alternates = True
    x_default = True


class _ParesPorIdioma:
    """(item, language) pairs of a queryset, counted and sliced in the database.

    Django's i18n sitemap builds the list of every pair to paginate it, which reads
    the whole table on each request; a page only needs its own slice.
    """

    def __init__(self, queryset, idiomas):
        self.queryset, self.idiomas = queryset, list(idiomas)

    def count(self):
        return self.queryset.count() * len(self.idiomas)

    def __len__(self):
        return self.count()

    def __getitem__(self, corte):
        if not isinstance(corte, slice):
            raise TypeError("only slices are supported")
        inicio, fin, _ = corte.indices(self.count())
        n = len(self.idiomas)
        filas = self.queryset[inicio // n : (fin + n - 1) // n]
        pares = [(fila, idioma) for fila in filas for idioma in self.idiomas]
        desplazamiento = inicio - (inicio // n) * n
        return pares[desplazamiento : desplazamiento + (fin - inicio)]


class SitemapConFecha(SitemapBilingue):
    """Querysets with an `actualizado` date, paginated in the database."""

    changefreq = "weekly"

    def _items(self):
        # Overrides Django's private list-building: see _ParesPorIdioma.
        return _ParesPorIdioma(self.items(), self._languages())

    def lastmod(self, obj):
        return obj.actualizado

    def get_latest_lastmod(self):
        return self.items().aggregate(ultima=Max("actualizado"))["ultima"]
