"""Quechua pages in Chromium: the seed release at /qu/, its list and home pass axe, the
switcher reaches them, and an untranslated release's /qu/ address lands on Spanish."""

import pytest
from django.core.management import call_command

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

SLUG = "buenas-practicas-proteccion-victimas-trata-de-personas"
PAGINAS = {
    "comunicado": f"/qu/comunicados/{SLUG}/",
    "comunicados": "/qu/comunicados/",
    "inicio": "/qu/",
    "buscar": "/qu/buscar/?q=trata",
}


@pytest.fixture
def demo(transactional_db):
    call_command("cargar_demo", "--comunicados", "6", "--eventos", "4", verbosity=0)


@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_paginas_en_quechua_accesibles(demo, pagina, comprobar_accesibilidad, captura):
    """The Quechua pages pass axe, say lang="qu" and fit the screen."""
    ancho = pagina.viewport_size["width"]
    for nombre, url in PAGINAS.items():
        respuesta = pagina.goto(url)
        assert respuesta.status == 200, (url, respuesta.status)
        assert pagina.locator("html").get_attribute("lang") == "qu"
        comprobar_accesibilidad(pagina, f"{nombre}-qu-{ancho}")
        desborde = pagina.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert desborde <= 0, f"{url} scrolls sideways by {desborde}px at {ancho}px"
        captura(pagina, f"{nombre}-qu-{ancho}")
    assert not pagina.errores_consola
    assert not pagina.respuestas_fallidas


def test_selector_lleva_al_quechua_y_lo_no_traducido_vuelve_al_espanol(demo, pagina):
    """From the Spanish seed page the switcher reaches /qu/; an untranslated item does not."""
    pagina.goto(f"/comunicados/{SLUG}/")
    pagina.get_by_role("link", name="Runasimi").click()
    pagina.wait_for_url(f"**/qu/comunicados/{SLUG}/")
    assert pagina.locator("h1").inner_text().startswith("[Demostración]")
    # The list under /qu/ holds only the seed (the synthetic releases have no Quechua).
    pagina.goto("/qu/comunicados/")
    enlaces = pagina.locator(".tarjeta__titulo a")
    assert enlaces.count() == 1
    # Any other release: no Quechua link, and its /qu/ address lands on the Spanish page.
    pagina.goto("/comunicados/")
    otra = pagina.locator(f".tarjeta__titulo a:not([href*='{SLUG}'])").first.get_attribute("href")
    pagina.goto(otra)
    assert pagina.get_by_role("link", name="Runasimi").count() == 0
    pagina.goto("/qu" + otra)
    assert pagina.url.endswith(otra) and "/qu/" not in pagina.url
    assert pagina.locator("html").get_attribute("lang") == "es"
