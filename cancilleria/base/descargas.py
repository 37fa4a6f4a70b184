"""A public list's filtered result as a file: `?formato=csv` or `?formato=json`.

The same FilterSet and the same query string as the page, so "Descargar CSV / JSON" on a
filtered list gives exactly what the page lists (every page of it, up to a bound). JSON
items are the API's representation (every language); CSV is flat, in the page's
language: UTF-8 with a BOM and ";" between columns, as the staff export, so Excel in
Spanish opens it as it is.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer

from .filtros import es_invalido, vincular_filtro
from .vistas import consulta_editada

FORMATOS = ("csv", "json")
# A file is one bulk read, paid once by whoever asks for it (the pages stop at 240 items
# so every page view stays cheap); narrower filters reach the rest.
LIMITE = 1_200
SEPARADOR_CSV = ";"
# A cell starting with one of these is a formula to a spreadsheet: never run our text.
_INICIO_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_seguro(valor):
    """Return `valor` as CSV text that a spreadsheet shows and never evaluates."""
    texto = "" if valor is None else str(valor)
    return f"'{texto}" if texto.startswith(_INICIO_DE_FORMULA) else texto


def respuesta_csv(filas, *, encabezados, nombre):
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.csv"'
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta, delimiter=SEPARADOR_CSV, lineterminator="\r\n")
    escritor.writerow(encabezados)
    for fila in filas:
        escritor.writerow([texto_seguro(valor) for valor in fila])
    return respuesta


class DescargaListaMixin:
    """Let a `ListaFiltradaView` answer `?formato=csv|json` with its filtered items.

    The view names `serializer_descarga` (the API's list serializer), `columnas_csv`
    ([(header, function(item, request) -> value)]), `nombre_descarga`, and
    `queryset_descarga()` (the items before filtering, with what both formats read).
    """

    serializer_descarga = None
    columnas_csv = ()
    nombre_descarga = "lista"

    def queryset_descarga(self):
        return self.get_queryset()

    def formato_pedido(self):
        formato = self.request.GET.get("formato", "").strip().lower()
        return formato if formato in FORMATOS else None

    def get(self, request, *args, **kwargs):
        formato = self.formato_pedido()
        if formato is None:
            return super().get(request, *args, **kwargs)
        filtro = vincular_filtro(self.filterset_class, request, self.queryset_descarga())
        if es_invalido(filtro):
            # What was wrong, per parameter; a 400 is never cached.
            errores = {campo: [str(e) for e in lista] for campo, lista in filtro.errors.items()}
            return JsonResponse(
                {"detail": _("Filtro no válido."), "errores": errores},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        items = list(filtro.qs[:LIMITE])
        if formato == "json":
            return self._json(items)
        filas = ([valor(item, request) for _e, valor in self.columnas_csv] for item in items)
        encabezados = [str(encabezado) for encabezado, _v in self.columnas_csv]
        return respuesta_csv(filas, encabezados=encabezados, nombre=self.nombre_descarga)

    def _json(self, items):
        datos = self.serializer_descarga(items, many=True, context={"request": self.request}).data
        # DRF's renderer: the same JSON as the API's (numbers, dates, non-ASCII text).
        contenido = JSONRenderer().render(
            {"total": len(items), "limite": LIMITE, "resultados": datos}
        )
        respuesta = HttpResponse(contenido, content_type="application/json")
        respuesta["Content-Disposition"] = f'attachment; filename="{self.nombre_descarga}.json"'
        return respuesta

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["descargas"] = [
            (
                formato.upper(),
                consulta_editada(self.request, sin=["page"], con={"formato": formato}).urlencode(),
            )
            for formato in FORMATOS
        ]
        return context
