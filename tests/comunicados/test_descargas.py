"""CSV and JSON downloads of the filtered public lists (?formato=csv|json)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import (
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    PersonaFactory,
    TemaFactory,
)
from tests.listas import mostrados

pytestmark = pytest.mark.django_db


def _filas(respuesta):
    assert respuesta.status_code == 200, respuesta.content
    texto = respuesta.content.decode("utf-8")
    assert texto.startswith("\ufeff")
    return list(csv.reader(io.StringIO(texto[1:]), delimiter=";"))


@pytest.fixture
def comunicados():
    tema = TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    uno = ComunicadoFactory(titulo="Uno sobre trata")
    uno.temas.add(tema)
    dos = ComunicadoFactory(titulo='=HYPERLINK("http://malo")')
    dos.temas.add(tema)
    ComunicadoFactory(titulo="Sin tema")
    ComunicadoFactory(titulo="Borrador", estado=Estado.BORRADOR).temas.add(tema)
    return uno, dos


def test_csv_da_lo_mismo_que_la_lista(client, comunicados):
    """The CSV of a filtered list has the page's items, in its order, and only those."""
    url = reverse("comunicados:lista")
    pagina = client.get(url, {"tema": "trata-de-personas"})
    esperados = [c.slug for c in mostrados(pagina)]
    filas = _filas(client.get(url, {"tema": "trata-de-personas", "formato": "csv"}))
    assert filas[0][0] == "Fecha"
    assert [fila[-1] for fila in filas[1:]] == esperados
    assert len(esperados) == 2


def test_csv_no_ejecuta_formulas(client, comunicados):
    """A title that looks like a formula is written as text."""
    filas = _filas(client.get(reverse("comunicados:lista"), {"formato": "csv"}))
    titulos = [fila[1] for fila in filas[1:]]
    assert '\'=HYPERLINK("http://malo")' in titulos


def test_csv_en_ingles(client, comunicados):
    """Under /en/ the headers are English and the links point at the English pages."""
    with translation.override("en"):
        url = reverse("comunicados:lista")
    filas = _filas(client.get(url, {"formato": "csv"}))
    assert filas[0][:2] == ["Date", "Title"]
    assert filas[1][-2].startswith("http://testserver/en/comunicados/")


def test_json_es_la_representacion_de_la_api(client, comunicados):
    """The JSON download carries the API's items for the same filters, as a file."""
    respuesta = client.get(
        reverse("comunicados:lista"), {"tema": "trata-de-personas", "formato": "json"}
    )
    assert respuesta["Content-Type"] == "application/json"
    assert respuesta["Content-Disposition"] == 'attachment; filename="comunicados.json"'
    datos = respuesta.json()
    api = client.get("/api/v1/comunicados/", {"tema": "trata-de-personas"}).json()
    assert datos["resultados"] == api["resultados"]
    assert datos["total"] == 2


def test_filtro_no_valido_en_descarga_da_400(client, comunicados):
    """A bad filter value in a download is a 400 naming the parameter, never a 500."""
    respuesta = client.get(reverse("comunicados:lista"), {"tema": "nada", "formato": "csv"})
    assert respuesta.status_code == 400
    assert "tema" in respuesta.json()["errores"]


def test_formato_desconocido_muestra_la_pagina(client, comunicados):
    """An unknown format is ignored: the HTML page, as for any unknown parameter."""
    respuesta = client.get(reverse("comunicados:lista"), {"formato": "pdf"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/html")


def test_enlaces_de_descarga_llevan_los_filtros(client, comunicados):
    """The list shows CSV, JSON and API links carrying the current filters, not the page."""
    contenido = client.get(
        reverse("comunicados:lista"), {"tema": "trata-de-personas", "page": "1"}
    ).content.decode()
    assert 'href="?tema=trata-de-personas&amp;formato=csv"' in contenido
    assert 'href="?tema=trata-de-personas&amp;formato=json"' in contenido
    assert 'href="/api/v1/comunicados/?tema=trata-de-personas"' in contenido


def test_descarga_de_eventos(client):
    """The event list downloads too, with its own filters (consulates)."""
    francia = ConsuladoFactory(slug="francia", pais="FR")
    con = EventoFactory(nombre="Con Francia")
    con.consulados.add(francia)
    EventoFactory(nombre="Sin consulados")
    filas = _filas(client.get(reverse("eventos:lista"), {"consulado": "francia", "formato": "csv"}))
    assert [fila[-1] for fila in filas[1:]] == [con.slug]
    assert filas[1][8] == francia.nombre
    datos = client.get(reverse("eventos:lista"), {"formato": "json"}).json()
    assert datos["total"] == 2


@pytest.mark.parametrize("formato", ["csv", "json"])
def test_descarga_consultas_no_crecen(client, formato):
    """A download costs the same queries with 3 and with 30 releases."""

    def preparar(n):
        for _ in range(n - Comunicado.objects.count()):
            comunicado = ComunicadoFactory(evento=EventoFactory())
            comunicado.temas.add(TemaFactory())
            comunicado.organizaciones.add(OrganizacionFactory())
            comunicado.personas.add(PersonaFactory())
        return f"{reverse('comunicados:lista')}?formato={formato}"

    presupuesto_constante(client, preparar)


@pytest.mark.parametrize("formato", ["csv", "json"])
def test_descarga_de_eventos_consultas_no_crecen(client, formato):
    """An event download costs the same queries with 3 and with 30 events."""

    def preparar(n):
        for _ in range(n - Evento.objects.count()):
            evento = EventoFactory(organizador=OrganizacionFactory())
            evento.temas.add(TemaFactory())
            evento.consulados.add(ConsuladoFactory())
        return f"{reverse('eventos:lista')}?formato={formato}"

    presupuesto_constante(client, preparar)
