"""The search page in a real browser: usable, accessible, in Spanish and English."""

import pytest
from django.core.management import call_command


@pytest.fixture
def semilla(transactional_db):
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


@pytest.mark.parametrize("prefijo", ["", "/en"])
def test_buscar_trata_es_accesible(pagina, semilla, comprobar_accesibilidad, captura, prefijo):
    """/buscar/?q=trata shows the seed with marked hits and passes axe in both languages."""
    pagina.goto(f"{prefijo}/buscar/?q=trata")
    resultados = pagina.locator(".resultados-busqueda li")
    assert resultados.count() >= 1
    if not prefijo:
        # In English "trata" matches only the topic's Spanish name: no snippet to mark.
        assert pagina.locator(".resultados-busqueda mark").count() >= 1
    nombre = f"buscar-{prefijo.strip('/') or 'es'}"
    captura(pagina, nombre)
    comprobar_accesibilidad(pagina, nombre)
    assert pagina.errores_consola == []
    assert pagina.respuestas_fallidas == []


def test_el_buscador_de_la_cabecera_lleva_a_los_resultados(pagina, semilla):
    """Typing in the header box and pressing Enter opens /buscar/ with the results."""
    pagina.goto("/")
    pagina.get_by_role("search").get_by_label("Buscar en el sitio").fill("VICTIMAS")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/buscar/?q=VICTIMAS")
    assert pagina.locator(".resultados-busqueda li").count() >= 1
