"""Sitemap building blocks: every public page in each language, with hreflang alternates.

Spanish and English pages exist for every item; a Quechua or Aymara page only for the
items translated into it (cancilleria.base.idiomas), so only those are listed and named
as alternates.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    Subquery,
    Value,
)

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
    # Each item is written in its languages with their alternates: small pages keep a
    # sitemap request fast (make bench) however many releases there are.
    limit = 250
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


class _ParesPorIdioma:
    """(item, language) pairs of a queryset, counted and sliced in the database.

    Django's i18n sitemap builds the list of every pair to paginate it, which reads
    the whole table on each request; a page only needs its own slice.
    """

    def __init__(self, queryset, idiomas, filas=None):
        self.queryset, self.idiomas, self.filas = queryset, list(idiomas), filas

    def count(self):
        if self.filas is None:
            self.filas = self.queryset.count()
        return self.filas * len(self.idiomas)

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


def _cuenta(queryset):
    # COUNT as a plain function, so Django adds no GROUP BY: a one-row scalar subquery
    # selecting nothing else (hence the cleared select clause).
    contar = Func(F("pk"), function="COUNT", output_field=IntegerField())
    consulta = queryset.order_by()
    consulta.query.clear_select_clause()
    return Subquery(consulta.annotate(n=contar).values("n"), output_field=IntegerField())


class _ParesConTraducciones:
    """The (item, language) pairs of every language: Spanish and English for each item,
    then each content-only language for its translated items; one query counts them all.
    """

    def __init__(self, queryset, idiomas):
        # Counted as given; the pairs' rows carry `anotar_idiomas` for the alternates.
        self.queryset, self.filas = queryset, anotar_idiomas(queryset, idiomas)
        self.comunes = [i for i in idiomas if not solo_traducidos(i)]
        self.solos = [i for i in idiomas if solo_traducidos(i)]

    @cached_property
    def partes(self):
        modelo = self.queryset.model
        conjuntos = {"todas": self.queryset}
        for idioma in self.solos:
            if (condicion := condicion_traducidos(modelo, idioma)) is not None:
                conjuntos[idioma] = self.queryset.filter(condicion)
        # One statement with a COUNT subquery per set, each on its own (partial) index,
        # which COUNT(...) FILTER over one scan of the table cannot do; carried by any one
        # row of the table (unordered: no sort), none if the table is empty.
        filas = next(
            iter(
                modelo._default_manager.order_by()
                .annotate(**{nombre: _cuenta(conjunto) for nombre, conjunto in conjuntos.items()})
                .values(*conjuntos)[:1]
            ),
            dict.fromkeys(conjuntos, 0),
        )
        partes = [_ParesPorIdioma(self.filas, self.comunes, filas["todas"])]
        for idioma in self.solos:
            if filas.get(idioma):
                traducidos = self.filas.filter(condicion_traducidos(modelo, idioma))
                partes.append(_ParesPorIdioma(traducidos, [idioma], filas[idioma]))
        return partes

    def count(self):
        return sum(parte.count() for parte in self.partes)

    def __len__(self):
        return self.count()

    def __getitem__(self, corte):
        if not isinstance(corte, slice):
            raise TypeError("only slices are supported")
        inicio, fin, _ = corte.indices(self.count())
        pares, desde = [], 0
        for parte in self.partes:
            hasta = desde + parte.count()
            if inicio < hasta and fin > desde:
                pares += parte[max(inicio, desde) - desde : min(fin, hasta) - desde]
            desde = hasta
        return pares


class SitemapConFecha(SitemapBilingue):
    """Querysets with an `actualizado` date, paginated in the database."""

    changefreq = "weekly"

    def _items(self):
        # Overrides Django's private list-building: see _ParesPorIdioma.
        return _ParesConTraducciones(self.items(), self._languages())

    def lastmod(self, obj):
        return obj.actualizado

    def get_latest_lastmod(self):
        return self.items().aggregate(ultima=Max("actualizado"))["ultima"]
