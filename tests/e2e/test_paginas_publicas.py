"""Every public page type, at desktop and phone widths, in Spanish and English: axe-core
finds no serious or critical violation, nothing overflows sideways, and a screenshot is kept."""

import pytest
from django.core.management import call_command

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

SLUG = "buenas-practicas-proteccion-victimas-trata-de-personas"
EVENTO = "seminario-internacional-proteccion-victimas-trata-de-personas"

PAGINAS = {
    "inicio": "/",
    "comunicados": "/comunicados/?tema=trata-de-personas",
    "comunicados-vacio": "/comunicados/?q=zzzzzz",
    "comunicados-error": "/comunicados/?desde=no-es-fecha",
    "comunicado": f"/comunicados/{SLUG}/",
    "eventos": "/eventos/?region=europa",
    "evento": f"/eventos/{EVENTO}/",
    "tema": "/temas/trata-de-personas/",
    "organizacion": "/organizaciones/direccion-proteccion-asistencia-al-nacional/",
    "persona": "/personas/jorge-baca/",
    "consulado": "/consulados/francia/",
    "404": "/comunicados/no-existe/",
}


@pytest.fixture
def demo(transactional_db):
    call_command("cargar_demo", "--comunicados", "14", "--eventos", "8", verbosity=0)


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_paginas_publicas_accesibles(demo, pagina, idioma, comprobar_accesibilidad, captura):
    """Each public page type passes axe and fits the screen."""
    ancho = pagina.viewport_size["width"]
    for nombre, ruta in PAGINAS.items():
        url = ruta if idioma == "es" else "/en" + ruta
        respuesta = pagina.goto(url)
        esperado = 404 if nombre == "404" else 200
        assert respuesta.status == esperado, (url, respuesta.status)
        assert pagina.locator("html").get_attribute("lang") == idioma
        comprobar_accesibilidad(pagina, f"{nombre}-{idioma}-{ancho}")
        desborde = pagina.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert desborde <= 0, f"{url} scrolls sideways by {desborde}px at {ancho}px"
        captura(pagina, f"{nombre}-{idioma}-{ancho}")


def test_cambio_de_idioma_conserva_los_filtros(demo, pagina):
    """Switching to English keeps the page and its filters; switching back too."""
    pagina.goto("/comunicados/?tema=trata-de-personas")
    # Waited for, not read at once: on a busy machine the click returns before the new
    # page has replaced the old one.
    pagina.get_by_role("link", name="English").click()
    pagina.wait_for_url("**/en/comunicados/?tema=trata-de-personas")
    pagina.get_by_role("link", name="Español").click()
    pagina.wait_for_url(lambda url: "/en/" not in url)
    assert pagina.url.endswith("/comunicados/?tema=trata-de-personas")


def test_filtrar_sin_javascript(demo, navegador, live_server):
    """The filter form works with JavaScript off: a plain GET form."""
    contexto = navegador.new_context(java_script_enabled=False, base_url=live_server.url)
    page = contexto.new_page()
    page.goto("/comunicados/")
    page.get_by_label("Trata de personas").check()
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**tema=trata-de-personas**")
    # Wait for the results page itself, not just its URL.
    page.get_by_role("heading", level=3).filter(has_text="trata").first.wait_for()
    assert page.get_by_text("Temas: Trata de personas").is_visible()
    contexto.close()


def test_copiar_enlace_con_javascript(demo, pagina):
    """With JavaScript the share links gain a working "copy link" button."""
    pagina.context.grant_permissions(["clipboard-read", "clipboard-write"])
    pagina.goto(f"/comunicados/{SLUG}/")
    pagina.get_by_role("button", name="Copiar enlace").click()
    pagina.get_by_role("status").filter(has_text="Enlace copiado.").wait_for()
    copiado = pagina.evaluate("() => navigator.clipboard.readText()")
    assert copiado.endswith(f"/comunicados/{SLUG}/")
    assert pagina.errores_consola == []
