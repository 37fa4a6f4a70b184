"""/buscar/: one search across releases and events, in the active language.

A project-level page (like the home page): it composes the apps, so it may import them;
the directory's own modules never do.
"""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from cancilleria.base.busqueda import (
    CANDIDATOS,
    hay_consulta,
    idioma_de,
    marcado_seguro,
    validar_consulta,
)
from comunicados.models import Comunicado
from eventos.models import Evento

TIPOS = (("comunicados", _("Comunicados")), ("eventos", _("Eventos")))


class BuscarForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar"), max_length=10_000, required=False, validators=[validar_consulta]
    )
    tipo = forms.ChoiceField(label=_("Mostrar"), choices=[("", _("Todo")), *TIPOS], required=False)


def _candidatos(queryset, tipo, campo_fecha):
    """Return [(score, date, kind, pk)] of the newest CANDIDATOS matches: one query."""
    filas = queryset.order_by(f"-{campo_fecha}", "-pk").values_list(
        "pk", campo_fecha, "relevancia"
    )[:CANDIDATOS]
    return [(puntuacion or 0.0, fecha, tipo, pk) for pk, fecha, puntuacion in filas]


class BuscarView(ListView):
    """Both kinds ranked together, paged by Django's own ListView.

    Each kind gives its newest CANDIDATOS matches with their rank (one query each); they
    are merged here, so the page costs the same whatever the archive holds.
    """

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
        filas = {
            "comunicados": _candidatos(
                Comunicado.objects.publicados().en_idioma().buscar(texto, self.idioma),
                "comunicados",
                "fecha_publicacion",
            ),
            "eventos": _candidatos(
                Evento.objects.publicados().en_idioma().buscar(texto, self.idioma),
                "eventos",
                "fecha_publicacion",
            ),
        }
        self.acotado = any(len(lista) >= CANDIDATOS for lista in filas.values())
        self.cuentas = {nombre: len(lista) for nombre, lista in filas.items()}
        self.elegidos = [tipo] if tipo else list(filas)
        elegidas = [fila for nombre in self.elegidos for fila in filas[nombre]]
        # Best score first, then newest, then a stable tiebreak (as the lists order).
        elegidas.sort(key=lambda f: (-f[0], -f[1].timestamp(), f[2], -f[3]))
        return [(tipo, pk, fecha, puntuacion) for puntuacion, fecha, tipo, pk in elegidas]

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
