"""Sitemap building blocks: every public page in each language, with hreflang alternates."""

import math

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property


class SitemapBilingue(Sitemap):
    # Each item is written in two languages with three alternates: small pages keep a
    # sitemap request fast (make bench) however many releases there are.
    limit = 250
    i18n = True
    alternates = True
    x_default = True


class PaginadorPorClave(Paginator):
    """Sitemap pages by ranges of primary keys: page p holds the items whose key falls in
    ((p - 1) × filas, p × filas], each with its languages.

    Counting the public rows (for the number of pages) and OFFSET (for a deep page) both
    read the whole table; MAX(pk) and a key range read a few index pages whatever the
    table holds. A range with no public item is an empty, valid page.
    """

    def __init__(self, sitemap, queryset, filas):
        super().__init__([], filas)
        self.sitemap, self.queryset, self.filas = sitemap, queryset, filas

    @cached_property
    def ultima_clave(self):
        return self.queryset.order_by().aggregate(ultima=Max("pk"))["ultima"] or 0

    @cached_property
    def num_pages(self):
        return max(1, math.ceil(self.ultima_clave / self.filas))

    @cached_property
    def count(self):
        # Only an upper bound (the items a full set of pages could hold): nothing here
        # reads it, and counting the rows is what this class avoids.
        return self.num_pages * self.filas

    def page(self, number):
        number = self.validate_number(number)
        desde = (number - 1) * self.filas
        filas = self.queryset.filter(pk__gt=desde, pk__lte=desde + self.filas).order_by("pk")
        pares = [
            (fila, idioma) for fila in filas for idioma in self.sitemap.get_languages_for_item(fila)
        ]
        return self._get_page(pares, number, self)


class SitemapConFecha(SitemapBilingue):
    """Querysets with an `actualizado` date, paginated in the database."""

    changefreq = "weekly"

    @property
    def paginator(self):
        # Items per page so that every language of each fits in `limit` URLs.
        return PaginadorPorClave(self, self.items(), self.limit // len(self._languages()))

    def lastmod(self, obj):
        return obj.actualizado

    def get_latest_lastmod(self):
        return self.items().aggregate(ultima=Max("actualizado"))["ultima"]
