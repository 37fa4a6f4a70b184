"""The staff's filtered event list as CSV and XLSX files (the writers, no view).

CSV: UTF-8 with a BOM (so Excel reads the accents) and ";" between columns, the list
separator of Excel in Spanish and in most of the languages whose decimal mark is a comma.
XLSX: openpyxl, with real dates, a frozen header and a second sheet with the summary.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

SEPARADOR_CSV = ";"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet: never run our text.
_INICIO_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def encabezados():
    return [
        _("Fecha"),
        _("Hora"),
        _("Evento"),
        _("Tipo"),
        _("Modalidad"),
        _("Lugar"),
        _("Organizador"),
        _("Estado"),
        _("Número de consulados"),
        _("Consulados participantes"),
        _("Dirección web"),
    ]


def estado_de(evento):
    return _("programado") if evento.esta_programado else _("publicado")


def fila(evento, url):
    """Return one event as a row of Python values (a local datetime, not text)."""
    inicio = timezone.localtime(evento.inicio)
    consulados = list(evento.consulados.all())
    return [
        inicio.date(),
        inicio.time().replace(second=0, microsecond=0),
        evento.nombre,
        evento.get_tipo_display(),
        evento.get_modalidad_display(),
        evento.lugar,
        str(evento.organizador) if evento.organizador else "",
        estado_de(evento),
        len(consulados),
        ", ".join(c.nombre for c in consulados),
        url,
    ]


def _texto_seguro(valor):
    texto = "" if valor is None else str(valor)
    return "'" + texto if texto.startswith(_INICIO_DE_FORMULA) else texto


def _adjunto(respuesta, nombre):
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def respuesta_csv(eventos, *, url_de, nombre):
    """Return the events as a CSV download."""
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta, delimiter=SEPARADOR_CSV, lineterminator="\r\n")
    escritor.writerow(encabezados())
    for evento in eventos:
        valores = fila(evento, url_de(evento))
        valores[0] = valores[0].isoformat()
        valores[1] = valores[1].strftime("%H:%M")
        escritor.writerow([_texto_seguro(v) for v in valores])
    return _adjunto(respuesta, nombre)


def _hoja(libro, titulo, cabecera, filas, anchos, formatos=None):
    hoja = libro.create_sheet(titulo)
    hoja.append(cabecera)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for valores in filas:
        hoja.append(valores)
        for celda in hoja[hoja.max_row]:
            # openpyxl stores text starting with "=" as a formula: keep it text.
            if isinstance(celda.value, str) and celda.value.startswith("="):
                celda.data_type = "s"
    for indice, ancho in enumerate(anchos, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = ancho
    for columna, formato in (formatos or {}).items():
        for (celda,) in hoja.iter_rows(min_row=2, min_col=columna, max_col=columna):
            celda.number_format = formato
    hoja.freeze_panes = "A2"
    if hoja.max_row > 1:
        hoja.auto_filter.ref = hoja.dimensions
    return hoja


def respuesta_xlsx(eventos, *, url_de, nombre, resumen, filtros):
    """Return the events, the per-consulate summary and the filters used as an XLSX file."""
    libro = Workbook()
    libro.remove(libro.active)
    _hoja(
        libro,
        _("Eventos"),
        encabezados(),
        (fila(evento, url_de(evento)) for evento in eventos),
        [12, 8, 60, 14, 12, 30, 40, 12, 12, 80, 50],
        {1: "dd/mm/yyyy", 2: "hh:mm"},
    )
    _hoja(
        libro,
        _("Resumen por consulado"),
        [_("Consulado"), _("País"), _("Región"), _("Eventos"), _("Última participación")],
        (
            [
                c.nombre,
                c.pais.name if c.pais else "",
                c.get_region_display(),
                c.total,
                timezone.localtime(c.ultima).date() if c.ultima else None,
            ]
            for c in resumen
        ),
        [60, 24, 20, 10, 20],
        {5: "dd/mm/yyyy"},
    )
    _hoja(
        libro,
        _("Filtros"),
        [_("Filtro"), _("Valor")],
        [
            *([str(etiqueta), str(valor)] for etiqueta, valor in filtros),
            [_("Generado"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        ],
        [30, 60],
    )
    contenido = io.BytesIO()
    libro.save(contenido)
    return _adjunto(HttpResponse(contenido.getvalue(), content_type=TIPO_XLSX), nombre)


# --- Any table as a file (the staff's open commitments, issue 14) --------------------------


def respuesta_csv_tabla(cabecera, filas, *, nombre):
    """Return rows of Python values as a CSV download (dates as ISO text)."""
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta, delimiter=SEPARADOR_CSV, lineterminator="\r\n")
    escritor.writerow(cabecera)
    for valores in filas:
        escritor.writerow(
            [_texto_seguro(v.isoformat() if hasattr(v, "isoformat") else v) for v in valores]
        )
    return _adjunto(respuesta, nombre)


def respuesta_xlsx_tabla(hojas, *, nombre):
    """Return sheets [(title, header, rows, widths, formats)] as an XLSX download."""
    libro = Workbook()
    libro.remove(libro.active)
    for titulo, cabecera, filas, anchos, formatos in hojas:
        _hoja(libro, titulo, cabecera, filas, anchos, formatos)
    contenido = io.BytesIO()
    libro.save(contenido)
    return _adjunto(HttpResponse(contenido.getvalue(), content_type=TIPO_XLSX), nombre)
