"""A visitor's path through the public site, in Chromium, with axe-core on every page."""

import re

import pytest
from django.core.management import call_command

from .conftest import MOVIL

pytestmark = pytest.mark.e2e

SLUG = "buenas-practicas-proteccion-victimas-trata-de-personas"
TITULO = (
    "Funcionarios del Ministerio de Relaciones Exteriores analizaron buenas prácticas "
    "para la protección de víctimas de trata de personas"
)
MAS_DE_200 = re.compile(r"m[aá]s de\s+200", re.IGNORECASE)


@pytest.fixture
def semilla(transactional_db):
    """Load the seed release (the live server thread needs committed data)."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


def enlace_a_semilla(page):
    return page.locator(f'a[href$="/comunicados/{SLUG}/"]').first


def comprobar_detalle_semilla(page):
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(rf"/comunicados/{SLUG}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITULO)
    expect(page.get_by_text("Jorge Baca").first).to_be_visible()
    expect(page.get_by_text(MAS_DE_200).first).to_be_visible()


def comprobar_sin_errores(page):
    assert page.errores_consola == [], "console errors (CSP?) on the way"
    assert page.respuestas_fallidas == [], "requests that failed on the way"


def test_recorrido_inicio_lista_y_detalle_del_comunicado_semilla(
    semilla, pagina, comprobar_accesibilidad, captura
):
    """A visitor reaches the seed release from the home page and from the list."""
    respuesta = pagina.goto("/")
    assert respuesta.ok, respuesta.status
    enlace = enlace_a_semilla(pagina)
    enlace.wait_for()
    comprobar_accesibilidad(pagina, "inicio")
    captura(pagina, "inicio")

    enlace.click()
    comprobar_detalle_semilla(pagina)
    comprobar_accesibilidad(pagina, "comunicado-detalle")
    captura(pagina, "comunicado-detalle")

    respuesta = pagina.goto("/comunicados/")
    assert respuesta.ok, respuesta.status
    comprobar_accesibilidad(pagina, "comunicados-lista")
    captura(pagina, "comunicados-lista")
    enlace_a_semilla(pagina).click()
    comprobar_detalle_semilla(pagina)

    comprobar_sin_errores(pagina)


@pytest.mark.parametrize("pagina", [MOVIL], indirect=True)
def test_detalle_del_comunicado_semilla_cabe_en_un_movil(
    semilla, pagina, comprobar_accesibilidad, captura
):
    """On a 390 px phone the release reads without sideways scrolling and stays accessible."""
    respuesta = pagina.goto(f"/comunicados/{SLUG}/")
    assert respuesta.ok, respuesta.status
    comprobar_detalle_semilla(pagina)
    ancho = pagina.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert ancho[0] <= ancho[1], f"page is {ancho[0]} px wide in a {ancho[1]} px viewport"
    comprobar_accesibilidad(pagina, "comunicado-detalle-movil")
    captura(pagina, "comunicado-detalle-movil")
    comprobar_sin_errores(pagina)
