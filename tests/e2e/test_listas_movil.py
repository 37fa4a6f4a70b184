"""The lists on a phone: the count, the applied filters and the results come first, the
filters wait behind "Filtrar" (a <details> that needs no JavaScript), and empty fields
never reach the URL."""

import pytest
from django.core.management import call_command

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

ALTO = MOVIL["height"]


@pytest.fixture
def demo(transactional_db):
    call_command("cargar_demo", "--comunicados", "14", "--eventos", "8", verbosity=0)


def _dentro_de_la_primera_pantalla(page, localizador):
    caja = localizador.bounding_box()
    assert caja is not None, f"{localizador} is not shown"
    assert caja["y"] >= 0 and caja["y"] + caja["height"] <= ALTO, (str(localizador), caja)


@pytest.mark.parametrize("pagina", [MOVIL], indirect=True, ids=["390"])
def test_primera_pantalla_muestra_cuenta_filtro_y_resultado(demo, pagina, captura):
    """At 390 × 844 the count, the topic chip and the first release are on the first screen."""
    pagina.goto("/comunicados/?tema=trata-de-personas")
    cuenta = pagina.locator("#resultados")
    chip = pagina.locator(".chip", has_text="Trata de personas")
    primero = pagina.locator(".listado__resultados .tarjeta").first
    for localizador in (cuenta, chip, primero):
        _dentro_de_la_primera_pantalla(pagina, localizador)
    assert "comunicado" in cuenta.inner_text()
    # The filters are behind the closed disclosure until asked for.
    assert not pagina.get_by_label("Trata de personas").is_visible()
    captura(pagina, "movil-comunicados-tema-390")
    pagina.get_by_text("Filtrar", exact=False).first.click()
    assert pagina.get_by_label("Trata de personas").is_checked()
    assert pagina.get_by_role("button", name="Aplicar filtros").is_visible()


@pytest.mark.parametrize("pagina", [MOVIL], indirect=True, ids=["390"])
def test_eventos_en_movil_primero_resultados(demo, pagina, captura):
    """The event list also puts its count and first result on a phone's first screen."""
    pagina.goto("/eventos/?region=europa")
    _dentro_de_la_primera_pantalla(pagina, pagina.locator("#resultados"))
    _dentro_de_la_primera_pantalla(pagina, pagina.locator(".chip").first)
    _dentro_de_la_primera_pantalla(pagina, pagina.locator(".listado__resultados .tarjeta").first)
    captura(pagina, "movil-eventos-region-390")


def test_filtros_abiertos_en_escritorio(demo, pagina):
    """On a wide screen the filters are open beside the results."""
    pagina.goto("/comunicados/")
    assert pagina.locator("[data-filtros]").get_attribute("open") is not None
    assert pagina.get_by_label("Trata de personas").is_visible()


def test_filtros_abiertos_en_escritorio_sin_javascript(demo, navegador, live_server):
    """Without JavaScript a wide screen still shows the filters (CSS), a phone hides them."""
    for tamano, visible in ((ESCRITORIO, True), (MOVIL, False)):
        contexto = navegador.new_context(
            java_script_enabled=False, base_url=live_server.url, viewport=tamano
        )
        page = contexto.new_page()
        page.goto("/comunicados/")
        assert page.get_by_label("Trata de personas").is_visible() is visible, tamano
        contexto.close()


def test_consulados_elegidos_se_ven(demo, pagina):
    """Chosen consulates are check boxes that stay ticked, and a chip each."""
    from cancilleria.directorio.models import Consulado

    # Offices are named by their city (the office serving France is in Paris).
    oficina = str(Consulado.objects.get(slug="francia"))
    pagina.goto("/eventos/?consulado=francia")
    assert pagina.locator('input[name="consulado"][value="francia"]').is_checked()
    assert pagina.locator(".chip", has_text=oficina).is_visible()


def test_campos_vacios_no_llegan_a_la_url(demo, pagina):
    """With JavaScript, sending the form leaves the empty fields out of the address."""
    pagina.goto("/comunicados/")
    pagina.get_by_label("Trata de personas").check()
    pagina.get_by_role("button", name="Aplicar filtros").click()
    pagina.wait_for_url("**tema=trata-de-personas**")
    assert pagina.url.endswith("/comunicados/?tema=trata-de-personas&orden=recientes")
    assert pagina.errores_consola == []


def test_campos_vacios_sin_javascript_redirigen(demo, navegador, live_server):
    """Without JavaScript the server answers the full form's URL with the clean one."""
    contexto = navegador.new_context(java_script_enabled=False, base_url=live_server.url)
    page = contexto.new_page()
    page.goto("/comunicados/")
    page.get_by_label("Trata de personas").check()
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**tema=trata-de-personas**")
    assert "=&" not in page.url and not page.url.endswith("=")
    contexto.close()


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("pagina", [MOVIL], indirect=True, ids=["390"])
def test_filtros_abiertos_en_movil_accesibles(
    demo, pagina, idioma, comprobar_accesibilidad, captura
):
    """Opened on a phone, the filters (consulates grouped by region) still pass axe."""
    prefijo = "" if idioma == "es" else "/en"
    for ruta in ("/comunicados/?tema=trata-de-personas", "/eventos/?consulado=francia"):
        pagina.goto(prefijo + ruta)
        pagina.locator(".filtros-desplegable__boton").click()
        assert pagina.locator("[data-filtros]").get_attribute("open") is not None
        nombre = f"filtros-abiertos-{ruta.split('/')[1]}-{idioma}-390"
        comprobar_accesibilidad(pagina, nombre)
        captura(pagina, nombre)


def test_impresion_sin_buscador_compartir_ni_navegacion(demo, pagina, captura):
    """Printed, a release keeps its text and loses the search box, share links and menus."""
    pagina.goto("/comunicados/buenas-practicas-proteccion-victimas-trata-de-personas/")
    pagina.emulate_media(media="print")
    for selector in (".buscador-cabecera", "[data-compartir]", ".menu", ".migas", ".idiomas"):
        assert not pagina.locator(selector).is_visible(), selector
    assert pagina.locator("h1").is_visible()
    captura(pagina, "impresion-comunicado")
    pagina.goto("/comunicados/?tema=trata-de-personas")
    assert not pagina.locator(".filtros-desplegable").is_visible()
    assert pagina.locator(".tarjeta").first.is_visible()
