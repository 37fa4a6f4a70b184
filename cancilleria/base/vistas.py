"""View building blocks shared by the public lists."""

import datetime

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import formats
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from .busqueda import CANDIDATOS, ordenado_por_relevancia
from .filtros import es_invalido
from .fragmentos import Claves, claves_de
from .idiomas import tiene_traduccion

# Parameters that only shape the page, not the result: never shown as a chip.
NO_SON_FILTROS = {"page", "orden"}


def consulta_editada(request, *, sin=(), con=None):
    """Return a copy of the request's query string without the names in `sin`, with `con` set.

    A value in `con` that is a list replaces every value of its parameter.
    """
    consulta = request.GET.copy()
    for nombre in sin:
        consulta.pop(nombre, None)
    for nombre, valor in (con or {}).items():
        if isinstance(valor, list):
            consulta.setlist(nombre, valor)
        else:
            consulta[nombre] = valor
    return consulta


def url_sin_vacios(request):
    """Return the request's URL without its empty parameters, or None when it has none.

    A form sent without JavaScript names every field (`?q=&tipo=&desde=`): the same list,
    one clean address for bookmarks, the cache and search engines.
    """
    consulta = request.GET.copy()
    vacios = False
    for nombre, valores in request.GET.lists():
        llenos = [v for v in valores if v != ""]
        if len(llenos) < len(valores):
            vacios = True
            if llenos:
                consulta.setlist(nombre, llenos)
            else:
                consulta.pop(nombre)
    if not vacios:
        return None
    texto = consulta.urlencode()
    return f"{request.path}?{texto}" if texto else request.path


# Pages a list offers. OFFSET walks every row before the page and COUNT every row
# counted, so both stop here: 20 pages of the newest (240 items) cost the same in a
# table of 1k or 100k rows. Older items are reached by
# narrowing (year, dates, topic), which the last page says; every item is in the sitemap.
PAGINAS_MAXIMAS = 20


class PaginadorAcotado(Paginator):
    """Django's paginator over at most PAGINAS_MAXIMAS pages.

    It counts at most one row past the last page (`COUNT(*)` over a `LIMIT`, on the
    list's own narrow query), so counting and the deepest page stay bounded whatever the
    table holds; `acotado` says the count stopped there ("more than …").
    """

    @cached_property
    def tope(self):
        return self.per_page * PAGINAS_MAXIMAS

    @cached_property
    def _contados(self):
        # A search's candidates were counted when they were read (acotar_a_candidatos).
        if (conocido := getattr(self.object_list, "total_conocido", None)) is not None:
            return conocido
        if isinstance(self.object_list, QuerySet):
            # No order, no annotations (a search's rank): only which rows, and few of them.
            return self.object_list.order_by().values("pk")[: self.tope + 1].count()
        return len(self.object_list)

    @cached_property
    def count(self):
        return min(self._contados, self.tope)

    @cached_property
    def solo_candidatos(self):
        """Say whether a relevance order kept only the newest matches (acotar_a_candidatos)."""
        return (
            isinstance(self.object_list, QuerySet)
            and ordenado_por_relevancia(self.object_list)
            and self._contados >= CANDIDATOS
        )

    @cached_property
    def acotado(self):
        return self._contados > self.tope or self.solo_candidatos


class PaginadorDeTarjetas(PaginadorAcotado):
    """PaginadorAcotado whose page holds its items' keys alone (fragmentos.Claves).

    For a list shown as stored cards ({% tarjetas %}): the page reads one column and
    makes no model instance (with their signal handlers, a third of a millisecond a page).
    """

    def _get_page(self, object_list, *args, **kwargs):
        if isinstance(object_list, QuerySet):
            object_list = claves_de(object_list)
        return super()._get_page(object_list, *args, **kwargs)


class PaginadorPorClaves(PaginadorAcotado):
    """PaginadorAcotado that first reads, in the list's order, the keys of the items it
    may show; the count is their number and a page is those keys (fragmentos.Claves),
    shown as stored cards.

    For a list whose filter is dear and whose order an index gives: the filter is
    evaluated once instead of twice (to count, then for the page). A person's releases
    are such a list: each reading hashes every link of the person to releases named or
    quoted (16.7k at 100k releases); this took 4.5 ms off that page (make bench).
    Where the order is not an index's (events by their start) the ordered read of the
    keys costs more than the unordered count it replaces: keep PaginadorAcotado there.
    """

    @cached_property
    def _claves(self):
        return list(self.object_list.values_list("pk", flat=True)[: self.tope + 1])

    @cached_property
    def _contados(self):
        return len(self._claves)

    def page(self, number):
        # Django's page (its bounds, orphans and errors), its items their keys.
        pagina = super().page(number)
        claves = self._claves[max(pagina.start_index() - 1, 0) : pagina.end_index()]
        pagina.object_list = Claves(self.object_list.model, claves)
        return pagina


def paginar(request, queryset, por_pagina=None, parametro="page", clase=PaginadorAcotado):
    """Return the context of one page of `queryset` (`parametro` in the URL), as ListView's.

    A page number that is not one, or past the last page, is a 404. A second list on
    the same page names its own `parametro`; `clase` is the paginator.
    """
    paginador = clase(queryset, por_pagina or settings.PAGINATE_BY)
    try:
        pagina = paginador.page(request.GET.get(parametro) or 1)
    except InvalidPage as error:
        raise Http404(_("Página no encontrada.")) from error
    return {
        "paginator": paginador,
        "page_obj": pagina,
        "is_paginated": pagina.has_other_pages(),
    }


class ListaFiltradaView(FilterView):
    """django-filter's strict `FilterView` with Django's pagination, plus the filter chips.

    Bad filter values never raise: the page says what was wrong and shows nothing, so
    the visitor keeps the form as typed and can correct it. `get_queryset` returns the
    items before filtering; a bad page number is Django's own 404.
    """

    paginate_by = settings.PAGINATE_BY
    paginator_class = PaginadorAcotado

    def get(self, request, *args, **kwargs):
        if limpia := url_sin_vacios(request):
            redireccion = HttpResponsePermanentRedirect(limpia)
            # The page cache keys both URLs alike (empty parameters dropped): storing
            # this redirect would answer the clean URL with itself.
            patch_cache_control(redireccion, no_cache=True)
            return redireccion
        return super().get(request, *args, **kwargs)

    def get_filterset(self, filterset_class):
        filtro = super().get_filterset(filterset_class)
        # The page shows the form, so it reads the stored options: validate with them.
        filtro.validar_con_lo_guardado = True
        return filtro

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errores_filtro"] = self.filterset.errors if self.filterset.is_bound else {}
        context["consulta_sin_pagina"] = consulta_editada(self.request, sin=["page"]).urlencode()
        context["consulta_por_fecha"] = consulta_editada(
            self.request, sin=["page"], con={"orden": "recientes"}
        ).urlencode()
        context["filtros_activos"] = self.filtros_activos()
        return context

    def filtros_activos(self):
        """Return [(label, value, URL without it)] for each filter value in use (the chips)."""
        if not self.filterset.is_bound or es_invalido(self.filterset):
            return []
        chips = []
        for nombre, valor in self.filterset.form.cleaned_data.items():
            if nombre in NO_SON_FILTROS or valor in (None, "", [], ()):
                continue
            campo = self.filterset.form.fields[nombre]
            valores = (
                list(valor) if isinstance(valor, list | tuple) or hasattr(valor, "all") else [valor]
            )
            for uno in valores:
                chips.append((campo.label, self._texto(campo, uno), self._url_sin(nombre, uno)))
        return chips

    def _texto(self, campo, valor):
        if isinstance(valor, datetime.date):
            return formats.date_format(valor, "SHORT_DATE_FORMAT")
        if isinstance(valor, Model):
            # Already read by the field's one validating query: reading its choices
            # would read the whole directory table again, once per chip.
            return str(valor)
        opciones = dict(getattr(campo, "choices", []) or [])
        return str(opciones.get(valor, valor))

    def _url_sin(self, nombre, valor):
        actuales = self.request.GET.getlist(nombre)
        crudo = str(getattr(valor, "slug", valor))
        restantes = [v for v in actuales if v != crudo]
        # A value typed another way (" 2022") goes with its whole parameter.
        consulta = consulta_editada(
            self.request,
            sin=["page"],
            con={nombre: restantes if len(restantes) < len(actuales) else []},
        )
        texto = consulta.urlencode()
        return f"{self.request.path}?{texto}" if texto else self.request.path


class ExisteEnIdiomaMixin:
    """Send a detail page in Quechua or Aymara to Spanish (302) when the item lacks it.

    Not a 301: the translation may be written tomorrow.
    """

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not tiene_traduccion(self.object):
            destino = translate_url(request.get_full_path(), settings.LANGUAGE_CODE)
            if destino == request.get_full_path():
                raise Http404
            return redirect(destino)
        return self.render_to_response(self.get_context_data(object=self.object))
