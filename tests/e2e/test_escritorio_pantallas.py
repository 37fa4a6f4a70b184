"""The release and event forms and their lists at 1280 px: no sideways scroll, one language
switch, new rows in the active language without hiding a required Spanish field, and axe."""

import re

import pytest
from django.core.management import call_command

from cancilleria.sitio.demo import semilla
from comunicados.models import Comunicado
from eventos.models import Evento
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.e2e


@pytest.fixture
def con_semilla(transactional_db):
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    crear_usuario(EDITOR, "editor")


def entrar(page):
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "clave-de-prueba-1")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def ancho(page):
    return page.evaluate("document.documentElement.scrollWidth")


def desbordados(page):
    """Return the panels and tables that scroll sideways inside the page."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.inline-group, .tabular, .results, #changelist-form, fieldset.module'))
            .filter((e) => e.scrollWidth > e.clientWidth + 1)
            .map((e) => `${e.id || e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )


def test_formularios_y_listas_caben_en_1280(con_semilla, pagina, comprobar_accesibilidad, captura):
    from playwright.sync_api import expect

    page = pagina
    entrar(page)
    comunicado = Comunicado.objects.get(slug=semilla.SLUG_COMUNICADO)
    evento = Evento.objects.get(slug=semilla.SLUG_EVENTO)
    paginas = {
        "admin-comunicado-formulario": f"/admin/comunicados/comunicado/{comunicado.pk}/change/",
        "admin-evento-formulario": f"/admin/eventos/evento/{evento.pk}/change/",
        "admin-comunicados-lista-1280": "/admin/comunicados/comunicado/",
        "admin-eventos-lista-1280": "/admin/eventos/evento/",
    }
    for nombre, url in paginas.items():
        page.goto(url)
        captura(page, nombre)
        assert ancho(page) <= 1280, f"{nombre} is {ancho(page)} px wide"
        assert desbordados(page) == [], nombre
        comprobar_accesibilidad(page, nombre)

    # The list shows every column without scrolling sideways.
    page.goto("/admin/comunicados/comunicado/")
    for columna in ("Idiomas", "Destacado"):
        cabecera = page.locator("#result_list thead th", has_text=columna).first
        caja = cabecera.bounding_box()
        assert caja and caja["x"] + caja["width"] <= 1280, columna

    # One switch for the whole release form; Spanish first.
    page.goto(paginas["admin-comunicado-formulario"])
    botones = page.locator(".selector-idioma button")
    expect(botones.first).to_have_attribute("data-idioma", "es")
    expect(botones.first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#id_titulo_es")).to_be_visible()
    expect(page.locator("#id_titulo_en")).to_be_hidden()
    page.click('.selector-idioma button[data-idioma="en"]')
    expect(page.locator("#id_titulo_en")).to_be_visible()
    expect(page.locator("#id_titulo_es")).to_be_hidden()
    expect(page.locator("#id_cifras-0-descripcion_en")).to_be_visible()
    expect(page.locator("#id_cifras-0-descripcion_es")).to_be_hidden()
    # A new figure in English mode: its English fields show, and so does the required
    # Spanish description, still empty.
    page.click("#cifras-group .add-row a")
    nueva = len(semilla.DATOS["comunicado"]["cifras"])
    expect(page.locator(f"#id_cifras-{nueva}-descripcion_en")).to_be_visible()
    expect(page.locator(f"#id_cifras-{nueva}-descripcion_es")).to_be_visible()
    expect(page.locator(f"#id_cifras-{nueva}-orden")).to_have_value(str(nueva + 1))
    captura(page, "admin-comunicado-formulario-en")
    comprobar_accesibilidad(page, "admin-comunicado-formulario-en")
    # English marks what is missing: empty the English title.
    page.fill("#id_titulo_en", "")
    # The attachments' table hides the Spanish title's column with its cells.
    expect(page.locator("#adjuntos-group th.column-titulo_es")).to_be_hidden()
    expect(page.locator('.selector-idioma button[data-idioma="en"]')).to_contain_text("faltan")
    expect(page.locator("div.field-titulo_en")).to_have_class(re.compile("falta-traduccion"))
