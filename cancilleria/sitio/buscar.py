"""/buscar/: one search across releases and events, in the active language.

A project-level page (like the home page): it composes the apps, so it may import them;
the directory's own modules never do.
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Value
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from cancilleria.base.busqueda import hay_consulta, idioma_de, marcado_seguro, validar_consulta
from cancilleria.base.vistas import PAGINAS_MAXIMAS
from comunicados.models import Comunicado
from eventos.models import Evento

TIPOS = (("comunicados", _("Comunicados")), ("eventos", _("Eventos")))


class BuscarForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar"), max_length=10_000, required=False, validators=[validar_consulta]
    )
    tipo = forms.ChoiceField(label=_("Mostrar"), choices=[("", _("Todo")), *TIPOS], required=False)


class PaginadorConTotal(Paginator):
    """A paginator told its total: the per-type counts already add up to it."""

    def __init__(self, object_list, per_page, *, total, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.total = total

    @cached_property
    def count(self):
        return self.total


def _filas(queryset, tipo):
    # One shape for both models, so a UNION can rank and page them together.
    return (
        queryset.annotate(
            tipo_resultado=Value(tipo),
            fecha_orden=F("fecha_publicacion"),
            puntuacion=F("relevancia"),
        )
        .values_list("tipo_resultado", "pk", "fecha_orden", "puntuacion")
        .order_by()
    )


class BuscarView(ListView):
    """Both kinds ranked together in one UNION, paged by Django's own ListView."""

    template_name = "sitio/buscar.html"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        self.form = BuscarForm(self.request.GET or None)
        self.texto = self.tipo = None
        self.cuentas, self.acotado = {}, False
        if not self.form.is_bound or not self.form.is_valid():
            return []
        texto, tipo = self.form.cleaned_data["q"], self.form.cleaned_data["tipo"]
        if not hay_consulta(texto):
            return []
        self.texto, self.tipo, self.idioma = texto, tipo, idioma_de(get_language())
        # Quechua and Aymara search the Spanish text (not indexed on their own), among the
        # items translated into them.
        conjuntos = {
            "comunicados": Comunicado.objects.publicados().en_idioma().buscar(texto, self.idioma),
            "eventos": Evento.objects.publicados().en_idioma().buscar(texto, self.idioma),
        }
        # Counted up to the last page offered, as the lists are: a bounded count.
        tope = self.paginate_by * PAGINAS_MAXIMAS
        contados = {
            n: qs.order_by().values("pk")[: tope + 1].count() for n, qs in conjuntos.items()
        }
        self.acotado = any(n > tope for n in contados.values())
        self.cuentas = {nombre: min(n, tope) for nombre, n in contados.items()}
        self.elegidos = [tipo] if tipo else list(conjuntos)
        filas = _filas(conjuntos[self.elegidos[0]], self.elegidos[0])
        for nombre in self.elegidos[1:]:
            filas = filas.union(_filas(conjuntos[nombre], nombre), all=True)
        return filas.order_by("-puntuacion", "-fecha_orden", "tipo_resultado", "-pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        total = sum(self.cuentas[nombre] for nombre in self.elegidos) if self.texto else 0
        total = min(total, self.paginate_by * PAGINAS_MAXIMAS)
        return PaginadorConTotal(queryset, per_page, total=total, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, busqueda_hecha=False, resultados=[], cuentas=self.cuentas)
        if self.texto is None:
            return context
        context.update(
            busqueda_hecha=True,
            acotado=self.acotado,
            texto=self.texto,
            tipo=self.tipo,
            total=context["paginator"].count,
            total_todo=sum(self.cuentas.values()),
            pestanas=[(valor, etiqueta, self.cuentas[valor]) for valor, etiqueta in TIPOS],
            resultados=self._resultados(
                list(context["page_obj"].object_list), self.texto, self.idioma
            ),
        )
        return context

    def _resultados(self, filas, texto, idioma):
        """Return the page's items in the page's order, each with its marked snippet."""
        pks = {"comunicados": [], "eventos": []}
        for tipo, pk, _fecha, _puntuacion in filas:
            pks[tipo].append(pk)
        conjuntos = {
            ("comunicados", "comunicado"): Comunicado.objects.prefetch_related("temas"),
            ("eventos", "evento"): Evento.objects.all(),
        }
        objetos = {}
        for (nombre, tipo), queryset in conjuntos.items():
            if not pks[nombre]:
                continue
            for obj in queryset.filter(pk__in=pks[nombre]).con_fragmentos(texto, idioma):
                fragmento = getattr(obj, "fragmento_busqueda", None) or ""
                objetos[nombre, obj.pk] = {
                    "tipo": tipo,
                    "objeto": obj,
                    "fragmento": marcado_seguro(fragmento) if fragmento else "",
                }
        return [objetos[tipo, pk] for tipo, pk, _f, _p in filas if (tipo, pk) in objetos]
