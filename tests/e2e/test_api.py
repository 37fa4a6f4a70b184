"""The API's docs page in Chromium (axe, both languages, desktop and phone, no script
needed, no CSP error) and the way from a filtered list to its data."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

SEMILLA = "buenas-practicas-proteccion-victimas-trata-de-personas"


@pytest.fixture
def semilla(transactional_db):
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_documentacion_accesible(semilla, pagina, idioma, comprobar_accesibilidad, captura):
    """The docs page passes axe, fits the screen and raises no console (CSP) error."""
    ancho = pagina.viewport_size["width"]
    url = "/api/v1/docs/" if idioma == "es" else "/en/api/v1/docs/"
    respuesta = pagina.goto(url)
    assert respuesta.status == 200
    assert pagina.locator("html").get_attribute("lang") == idioma
    titulo = "API de datos abiertos" if idioma == "es" else "Open data API"
    assert pagina.get_by_role("heading", level=1).inner_text() == titulo
    pagina.locator("details summary").first.click()
    comprobar_accesibilidad(pagina, f"api-docs-{idioma}-{ancho}")
    desborde = pagina.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert desborde <= 0, f"{url} scrolls sideways by {desborde}px at {ancho}px"
    assert pagina.errores_consola == []
    assert pagina.respuestas_fallidas == []
    captura(pagina, f"api-docs-{idioma}-{ancho}")


def test_de_la_lista_a_los_datos(semilla, pagina, captura):
    """From the filtered list, the API link gives the same release as JSON; CSV downloads."""
    pagina.goto("/comunicados/?tema=trata-de-personas")
    enlaces = pagina.locator("p.descargar")
    enlaces.scroll_into_view_if_needed()
    captura(pagina, "lista-con-descargas")
    with pagina.expect_download() as descarga:
        enlaces.get_by_role("link", name="CSV").click()
    archivo = descarga.value
    assert archivo.suggested_filename == "comunicados.csv"
    assert SEMILLA in Path(archivo.path()).read_text(encoding="utf-8-sig")
    enlaces.get_by_role("link", name="API").click()
    pagina.wait_for_url("**/api/v1/comunicados/?tema=trata-de-personas")
    datos = json.loads(pagina.locator("body").inner_text())
    assert [item["slug"] for item in datos["resultados"]] == [SEMILLA]
