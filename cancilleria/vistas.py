"""View building blocks shared by the public lists."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import ListView


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
        return context
