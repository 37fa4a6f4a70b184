"""/buscar/: one search across releases and events, in the active language.

A project-level page (like the home page): it composes the apps, so it may import them;
the directory's own modules never do.
"""

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, FloatField, Value
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cancilleria.base.busqueda import hay_consulta, idioma_de
from comunicados import busqueda as busqueda_comunicados
from comunicados.models import Comunicado
from eventos import busqueda as busqueda_eventos
from eventos.models import Evento

TIPOS = (("comunicados", _("Comunicados")), ("eventos", _("Eventos")))


class BuscarForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), max_length=10_000, required=False)
    tipo = forms.ChoiceField(label=_("Mostrar"), choices=[("", _("Todo")), *TIPOS], required=False)


class PaginadorConTotal(Paginator):
    """A paginator told its total: the per-type counts already add up to it."""

    def __init__(self, object_list, per_page, *, total):
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self):
        return self.total


def _filas(queryset, tipo):
    # One shape for both models, so a UNION can rank and page them together.
    puntuacion = (
        F("relevancia")
        if "relevancia" in queryset.query.annotations
        else Value(0.0, output_field=FloatField())
    )
    return (
        queryset.annotate(
            tipo_resultado=Value(tipo), fecha_orden=F("fecha_publicacion"), puntuacion=puntuacion
        )
        .values_list("tipo_resultado", "pk", "fecha_orden", "puntuacion")
        .order_by()
    )


class BuscarView(TemplateView):
    template_name = "sitio/buscar.html"
    paginate_by = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = BuscarForm(self.request.GET or None)
        context.update(form=form, busqueda_hecha=False, resultados=[], cuentas={})
        if not form.is_bound or not form.is_valid():
            return context
        texto, tipo = form.cleaned_data["q"], form.cleaned_data["tipo"]
        if not hay_consulta(texto):
            return context
        idioma = idioma_de(get_language())
        conjuntos = {
            "comunicados": Comunicado.objects.publicados().buscar(texto, idioma),
            "eventos": Evento.objects.publicados().buscar(texto, idioma),
        }
        cuentas = {nombre: qs.count() for nombre, qs in conjuntos.items()}
        elegidos = [tipo] if tipo else list(conjuntos)
        filas = _filas(conjuntos[elegidos[0]], elegidos[0])
        for nombre in elegidos[1:]:
            filas = filas.union(_filas(conjuntos[nombre], nombre), all=True)
        filas = filas.order_by("-puntuacion", "-fecha_orden", "tipo_resultado", "-pk")

        total = sum(cuentas[nombre] for nombre in elegidos)
        paginator = PaginadorConTotal(filas, self.paginate_by, total=total)
        try:
            pagina = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(_g("Página no encontrada.")) from error

        context.update(
            busqueda_hecha=True,
            texto=texto,
            tipo=tipo,
            cuentas=cuentas,
            total=total,
            total_todo=sum(cuentas.values()),
            pestanas=[(valor, etiqueta, cuentas[valor]) for valor, etiqueta in TIPOS],
            resultados=self._resultados(list(pagina.object_list), texto, idioma),
            paginator=paginator,
            page_obj=pagina,
            is_paginated=pagina.has_other_pages(),
        )
        return context

    def _resultados(self, filas, texto, idioma):
        """Return the page's items in the page's order, each with its marked snippet."""
        pks = {"comunicados": [], "eventos": []}
        for tipo, pk, _fecha, _puntuacion in filas:
            pks[tipo].append(pk)
        objetos = {}
        if pks["comunicados"]:
            comunicados = busqueda_comunicados.anotar_fragmentos(
                Comunicado.objects.filter(pk__in=pks["comunicados"]).prefetch_related("temas"),
                texto,
                idioma,
            )
            for c in comunicados:
                objetos["comunicados", c.pk] = {
                    "tipo": "comunicado",
                    "objeto": c,
                    "fragmento": busqueda_comunicados.fragmento(c, texto, idioma),
                }
        if pks["eventos"]:
            eventos = busqueda_eventos.anotar_fragmentos(
                Evento.objects.filter(pk__in=pks["eventos"]), texto, idioma
            )
            for e in eventos:
                objetos["eventos", e.pk] = {
                    "tipo": "evento",
                    "objeto": e,
                    "fragmento": busqueda_eventos.fragmento(e, texto, idioma),
                }
        return [objetos[tipo, pk] for tipo, pk, _f, _p in filas if (tipo, pk) in objetos]
