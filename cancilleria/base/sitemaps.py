"""Sitemap building blocks: every public page in each language, with hreflang alternates.

Spanish and English pages exist for every item; a Quechua or Aymara page only for the
items translated into it (cancilleria.base.idiomas), so only those are listed and named
as alternates.
"""

import math

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Max, Min, Value
from django.utils.functional import cached_property

from .idiomas import condicion_traducidos, solo_traducidos


def anotar_idiomas(queryset, idiomas):
    """Annotate each row with `existe_<idioma>` for the content-only languages."""
    anotaciones = {}
    for idioma in idiomas:
        if solo_traducidos(idioma):
            condicion = condicion_traducidos(queryset.model, idioma)
            anotaciones[f"existe_{idioma}"] = (
                Value(False)
                if condicion is None
                else ExpressionWrapper(condicion, output_field=BooleanField())
            )
    return queryset.annotate(**anotaciones)


class SitemapBilingue(Sitemap):
    # At most 4,000 URLs a page (1,000 items, each in its languages): the index stays ~120
    # entries at 100k releases (16 KB), and a page (Jinja2, templates-jinja2/sitemaps/),
    # read by crawlers and then cached, takes ~0.25 s. The protocol allows 50,000 URLs.
    # Pages are key ranges: none grows with the table.
    limit = 4000
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        # Named pages exist in every language; an item in Quechua or Aymara only when
        # `anotar_idiomas` found it translated.
        idiomas = self._languages()
        if isinstance(item, str):
            return idiomas
        return [i for i in idiomas if not solo_traducidos(i) or getattr(item, f"existe_{i}", False)]


class PaginadorPorClave(Paginator):
    """Sitemap pages by ranges of primary keys: page p holds the items whose key is among
    the p-th `filas` keys from the first public one, each in the languages it exists in.

    Counting the public rows (for the number of pages) and OFFSET (for a deep page) both
    read the whole table; MIN/MAX(pk) and a key range read a few index pages whatever the
    table holds. A range with no public item is an empty, valid page.
    """

    def __init__(self, sitemap, queryset, filas):
        super().__init__([], filas)
        self.sitemap, self.queryset, self.filas = sitemap, queryset, filas

    @cached_property
    def claves(self):
        """(first, last) public key, or (None, None): one query, two index reads."""
        extremos = self.queryset.order_by().aggregate(primera=Min("pk"), ultima=Max("pk"))
        return extremos["primera"], extremos["ultima"]

    @cached_property
    def num_pages(self):
        primera, ultima = self.claves
        return 1 if primera is None else math.ceil((ultima - primera + 1) / self.filas)

    @cached_property
    def count(self):
        # Only an upper bound (the items a full set of pages could hold): nothing here
        # reads it, and counting the rows is what this class avoids.
        return self.num_pages * self.filas

    def pagina_de(self, clave):
        """Return the number of the page that lists the item with key `clave`."""
        primera, _ultima = self.claves
        return 1 if primera is None else (clave - primera) // self.filas + 1

    def page(self, number):
        number = self.validate_number(number)
        primera, _ultima = self.claves
        desde = (primera or 1) - 1 + (number - 1) * self.filas
        filas = anotar_idiomas(
            self.queryset.filter(pk__gt=desde, pk__lte=desde + self.filas).order_by("pk"),
            self.sitemap._languages(),
        )
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
