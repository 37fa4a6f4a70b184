"""The press office's path in Chromium: a writer drafts and submits, an editor schedules.

The release is hidden until its time and public after it (clock moved with time-machine,
which patches the whole process, the live server's thread included); the history shows
both people's changes.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.e2e

TITULO = "La Cancillería refuerza la protección de víctimas"
EVENTO = "Buenas prácticas para la protección de víctimas"


@pytest.fixture
def redaccion(transactional_db):
    """Load the seed (its event and topics) and one account per role."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    return {
        "redactora": crear_usuario(REDACTOR, "redactora"),
        "editor": crear_usuario(EDITOR, "editor"),
    }


def entrar(page, usuario):
    page.goto("/admin/login/")
    page.fill("#id_username", usuario)
    page.fill("#id_password", "clave-de-prueba-1")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def salir(page):
    page.click("#logout-form button")


def elegir_idioma(page, idioma):
    """Press the form's one content-language switch."""
    page.click(f'.selector-idioma button[data-idioma="{idioma}"]')


def escribir_en_pestana(page, campo, idioma, texto):
    """Switch the form to `idioma` and type into `campo`."""
    elegir_idioma(page, idioma)
    page.fill(f"#id_{campo}_{idioma}", texto)


def escribir_cuerpo(page, idioma, texto):
    elegir_idioma(page, idioma)
    editor = page.locator(f".field-cuerpo_{idioma} [contenteditable=true]").first
    if editor.count():
        editor.click()
        editor.type(texto)
    else:  # Without the rich text editor the textarea is the field.
        page.fill(f"#id_cuerpo_{idioma}", f"<p>{texto}</p>")


def elegir_autocompletado(page, campo, busqueda, opcion):
    page.click(f".field-{campo} .select2-selection")
    # Type into the search box once it is open: keys sent before it has focus are lost.
    caja = page.locator(".select2-container--open .select2-search__field")
    caja.wait_for()
    caja.press_sequentially(busqueda)
    page.locator(".select2-results__option", has_text=opcion).first.click()


def comprobar_sin_errores(page):
    assert page.errores_consola == [], "console errors (CSP?) on the way"
    assert page.respuestas_fallidas == [], "requests that failed on the way"


def test_redactora_envia_editor_programa_y_se_publica_a_su_hora(
    redaccion, pagina, navegador, live_server, comprobar_accesibilidad, captura
):
    """Writer drafts in two languages and submits; editor schedules; public only when due."""
    from playwright.sync_api import expect

    page = pagina
    # -- the writer ----------------------------------------------------------------------
    entrar(page, "redactora")
    page.goto("/admin/comunicados/comunicado/add/")
    # Typed key by key, as a person does: the slug fills itself from the Spanish title.
    page.locator("#id_titulo_es").press_sequentially(TITULO)
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"^la-cancilleria-refuerza"))
    escribir_en_pestana(page, "titulo", "en", "The Foreign Ministry steps up victim protection")
    escribir_en_pestana(page, "resumen", "es", "Resumen en español.")
    escribir_en_pestana(page, "resumen", "en", "Summary in English.")
    escribir_cuerpo(page, "es", "Texto del comunicado en español.")
    escribir_cuerpo(page, "en", "Release text in English.")
    elegir_autocompletado(page, "temas", "trata", "Trata de personas")
    elegir_autocompletado(page, "evento", "Buenas", EVENTO)
    # A writer has no publishing buttons, only "Enviar a revisión".
    expect(page.locator('button[name="_publicar_ahora"]')).to_have_count(0)
    elegir_idioma(page, "en")
    captura(page, "redaccion-formulario-redactora-pestana-en")
    page.click('button[name="_enviar_a_revision"]')
    expect(page.locator(".messagelist")).to_contain_text("se envió a revisión")
    expect(page.locator(".flujo-publicacion__estado")).to_contain_text("En revisión")
    # The change form's widgets (language tabs, select2, editor) are checked by their own tests.

    comunicado = Comunicado.objects.get(titulo_es=TITULO)
    slug = comunicado.slug
    assert comunicado.estado == Estado.EN_REVISION
    assert comunicado.titulo_en == "The Foreign Ministry steps up victim protection"
    assert comunicado.temas.filter(slug="trata-de-personas").exists()
    assert comunicado.evento.nombre_es.startswith(EVENTO)

    # Staff preview: public template, banner, still not public.
    page.click("a.viewsitelink")
    expect(page.locator(".aviso-vista-previa")).to_contain_text("Vista previa")
    comprobar_accesibilidad(page, "vista-previa-comunicado")
    captura(page, "redaccion-vista-previa")
    page.go_back()
    salir(page)

    # -- the editor ------------------------------------------------------------------------
    entrar(page, "editor")
    page.goto("/admin/comunicados/comunicado/?estado=en_revision")
    page.get_by_role("link", name=TITULO).click()
    # The editor corrects the English title while reviewing.
    escribir_en_pestana(page, "titulo", "en", "The Foreign Ministry strengthens victim protection")
    cuando = timezone.localtime(timezone.now() + timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    page.fill("#id_fecha_publicacion_0", cuando.strftime("%d/%m/%Y"))
    page.fill("#id_fecha_publicacion_1", cuando.strftime("%H:%M:%S"))
    captura(page, "redaccion-formulario-editor")
    page.click('button[name="_programar"]')
    expect(page.locator(".messagelist")).to_contain_text("se publicará")
    expect(page.locator(".flujo-publicacion__estado")).to_contain_text("Programado")

    page.goto("/admin/comunicados/comunicado/")
    expect(page.locator("tr", has_text="refuerza").locator(".estado")).to_have_text("Programado")
    comprobar_accesibilidad(page, "admin-comunicados-lista")
    captura(page, "redaccion-lista-programado")

    # -- the public, before and after its time -----------------------------------------------
    publico = navegador.new_context(base_url=live_server.url)
    visitante = publico.new_page()
    assert visitante.goto(f"/comunicados/{slug}/").status == 404
    assert slug not in visitante.goto("/comunicados/").text()
    with time_machine.travel(cuando + timedelta(minutes=1), tick=True):
        # A fresh browser: Chromium's clock did not travel, and it may keep the 404 for its
        # max-age (which, in real time, ends before the publication).
        publico.close()
        publico = navegador.new_context(base_url=live_server.url)
        visitante = publico.new_page()
        respuesta = visitante.goto(f"/comunicados/{slug}/")
        assert respuesta.status == 200
        expect(visitante.get_by_role("heading", level=1)).to_have_text(TITULO)
        assert visitante.goto(f"/en/comunicados/{slug}/").status == 200
        expect(visitante.get_by_role("heading", level=1)).to_have_text(
            "The Foreign Ministry strengthens victim protection"
        )
    publico.close()

    # -- the history: both people, per field and language ------------------------------------
    page.goto(f"/admin/comunicados/comunicado/{comunicado.pk}/history/")
    historial = page.locator("#change-history")
    expect(historial).to_contain_text("redactora")
    expect(historial).to_contain_text("editor")
    expect(historial).to_contain_text("Enviado a revisión")
    expect(historial).to_contain_text("Programado para")
    cambio_en = historial.locator("li", has_text="Título [en]")
    expect(cambio_en).to_contain_text("steps up")
    expect(cambio_en).to_contain_text("strengthens")
    comprobar_accesibilidad(page, "admin-comunicado-historial")
    captura(page, "redaccion-historial")
    comprobar_sin_errores(page)


def test_el_admin_cambia_a_ingles_desde_la_cabecera(redaccion, pagina, comprobar_accesibilidad):
    """The header's language switch works without JavaScript tricks and keeps the page."""
    from playwright.sync_api import expect

    entrar(pagina, "editor")
    pagina.goto("/admin/comunicados/comunicado/")
    expect(pagina.locator("#user-tools")).to_contain_text("Cerrar sesión")
    pagina.select_option("#idioma-admin", "en")
    pagina.click(".idioma-admin button")
    expect(pagina).to_have_url(re.compile(r"/admin/comunicados/comunicado/$"))
    expect(pagina.locator("#user-tools")).to_contain_text("Log out")
    comprobar_accesibilidad(pagina, "admin-ingles")
    comprobar_sin_errores(pagina)
