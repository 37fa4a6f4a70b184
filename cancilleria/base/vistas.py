"""View building blocks shared by the public lists."""

import datetime

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Model
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.generic import ListView

# Parameters that only shape the page, not the result: never shown as a chip.
NO_SON_FILTROS = {"page", "orden"}


class ListaFiltradaView(ListView):
    """A list whose `get_queryset` is filtered by `filterset_class`.

    Bad filter values never raise: the page says what was wrong and shows nothing,
    so the visitor keeps the form as typed and can correct it.
    """

    filterset_class = None
    paginate_by = 12

    def get_base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # page=abc or page=999999 is a missing page: 404, as Django does, never 500.
        paginator = Paginator(queryset, page_size)
        numero = self.request.GET.get("page") or 1
        try:
            pagina = paginator.page(numero)
        except InvalidPage as error:
            raise Http404(_("Página no encontrada.")) from error
        return paginator, pagina, pagina.object_list, pagina.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["errores_filtro"] = self.filterset.errors if self.filterset.is_bound else {}
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        context["consulta_sin_pagina"] = consulta.urlencode()
        context["filtros_activos"] = self.filtros_activos()
        return context

    def filtros_activos(self):
        """Return [(label, value, URL without it)] for each filter value in use (the chips)."""
        if not self.filterset.is_bound or not self.filterset.is_valid():
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
        opciones = dict(getattr(campo, "choices", []) or [])
        if not isinstance(valor, Model) and valor in opciones:
            return str(opciones[valor])
        return str(valor)

    def _url_sin(self, nombre, valor):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        actuales = consulta.getlist(nombre)
        crudo = str(getattr(valor, "slug", valor))
        restantes = [v for v in actuales if v != crudo]
        # A value typed another way (" 2022") goes with its whole parameter.
        consulta.setlist(nombre, restantes if len(restantes) < len(actuales) else [])
        texto = consulta.urlencode()
        return f"{self.request.path}?{texto}" if texto else self.request.path
