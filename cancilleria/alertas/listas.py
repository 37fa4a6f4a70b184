"""The lists one can follow by email, each with its own FilterSet (the page's, reused).

A subscription stores the list's query string normalised through that FilterSet: only
its filters, without empty values or the page and order, each value in the form the
list's URL uses, names and values sorted. The same query string filters the list page,
its feeds and the alerts, so "matching" means "in the list page for these filters".
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cancilleria.base.vistas import NO_SON_FILTROS
from comunicados.filters import ComunicadoFilter
from comunicados.models import Comunicado
from eventos.filters import EventoFilter
from eventos.models import Evento


@dataclass(frozen=True)
class ListaSeguible:
    nombre: str
    titulo: str
    filtro: type
    modelo: type
    url_lista: str
    campo_titulo: str

    def publicados(self):
        return self.modelo.objects.publicados()

    def filtrar(self, filtros, queryset=None):
        """Return the FilterSet bound to the stored query string `filtros`."""
        return self.filtro(
            QueryDict(filtros) if filtros else None,
            queryset=self.publicados() if queryset is None else queryset,
        )

    def titulo_de(self, elemento):
        return getattr(elemento, self.campo_titulo)


LISTAS = {
    "comunicados": ListaSeguible(
        nombre="comunicados",
        titulo=_("Comunicados"),
        filtro=ComunicadoFilter,
        modelo=Comunicado,
        url_lista="comunicados:lista",
        campo_titulo="titulo",
    ),
    "eventos": ListaSeguible(
        nombre="eventos",
        titulo=_("Eventos"),
        filtro=EventoFilter,
        modelo=Evento,
        url_lista="eventos:lista",
        campo_titulo="nombre",
    ),
}


class FiltrosNoValidos(ValueError):
    def __init__(self, errores):
        super().__init__(str(errores))
        self.errores = errores


def normalizar(lista, consulta):
    """Return (normalised query string, bound FilterSet) for `consulta` (a QueryDict).

    Unknown parameters, empty values, `page` and `orden` are dropped. Raise
    FiltrosNoValidos with the form's errors when a value matches nothing.
    """
    nombres = set(lista.filtro.base_filters) - NO_SON_FILTROS
    crudos = QueryDict(mutable=True)
    for nombre in sorted(nombres & set(consulta)):
        valores = [v.strip() for v in consulta.getlist(nombre) if v.strip()]
        if valores:
            crudos.setlist(nombre, valores)
    filtro = lista.filtro(crudos or None, queryset=lista.publicados())
    if filtro.is_bound and not filtro.is_valid():
        raise FiltrosNoValidos(filtro.errors)
    pares = []
    for nombre in sorted(crudos):
        valor = filtro.form.cleaned_data.get(nombre)
        valores = (
            list(valor) if isinstance(valor, list | tuple) or hasattr(valor, "all") else [valor]
        )
        pares += sorted((nombre, _en_url(v)) for v in valores if v not in (None, ""))
    return urlencode(pares), filtro


def _en_url(valor):
    if isinstance(valor, Model):
        return valor.slug
    if isinstance(valor, datetime.date):
        return valor.isoformat()
    if isinstance(valor, Decimal | float) and valor == int(valor):
        return str(int(valor))
    return str(valor)


def describir(filtro):
    """Return [(label, value)] naming each filter in use, for pages and mails."""
    if not filtro.is_bound or not filtro.is_valid():
        return []
    descripcion = []
    for nombre, valor in filtro.form.cleaned_data.items():
        if nombre in NO_SON_FILTROS or valor in (None, "", [], ()):
            continue
        campo = filtro.form.fields[nombre]
        valores = (
            list(valor) if isinstance(valor, list | tuple) or hasattr(valor, "all") else [valor]
        )
        for uno in valores:
            if isinstance(uno, Model):
                # Read by the field's validating query: no second read of its choices.
                texto = str(uno)
            elif isinstance(uno, datetime.date):
                texto = uno.isoformat()
            else:
                texto = str(dict(getattr(campo, "choices", None) or []).get(uno, uno))
            descripcion.append((str(campo.label), texto))
    return descripcion
