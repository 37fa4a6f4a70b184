"""The admin in Chromium speaks Spanish: the editor's toolbar and link dialog, Django's time
zone note; and English once the person switches to English (issue 11, item 5)."""

import re

import pytest

pytestmark = pytest.mark.e2e

CLAVE = "clave-de-prueba-larga-1"


@pytest.fixture
def madrid(navegador, live_server):
    """A page in a browser seven hours ahead of Lima, so Django shows its time zone note."""
    from .conftest import ESCRITORIO

    contexto = navegador.new_context(
        base_url=live_server.url, viewport=ESCRITORIO, locale="es-ES", timezone_id="Europe/Madrid"
    )
    contexto.set_default_timeout(15_000)
    page = contexto.new_page()
    errores = []
    page.on("pageerror", lambda error: errores.append(str(error)))
    page.errores = errores
    yield page
    contexto.close()


@pytest.fixture
def borrador(transactional_db, django_user_model):
    from cancilleria.base.models import Estado
    from tests.factories import ComunicadoFactory

    django_user_model.objects.create_superuser("jefa", password=CLAVE)
    return ComunicadoFactory(
        estado=Estado.BORRADOR,
        fecha_publicacion=None,
        cuerpo_es="<h2>Un subtítulo</h2><p>Texto para enlazar.</p>",
    )


def _entrar(page):
    page.goto("/admin/login/")
    page.fill("#id_username", "jefa")
    page.fill("#id_password", CLAVE)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_barra_del_editor_dialogo_y_nota_horaria_en_espanol_y_en_ingles(borrador, madrid, captura):
    from django.conf import settings
    from playwright.sync_api import expect

    page = madrid
    _entrar(page)
    url = f"/admin/comunicados/comunicado/{borrador.pk}/change/"
    page.goto(url)
    editor = page.locator(".prose-editor:has(#id_cuerpo_es)")
    barra = editor.locator(".prose-menubar")
    expect(barra.locator('[title="Negrita"]')).to_be_visible()
    expect(barra.locator('[title="Insertar enlace"]')).to_be_visible()
    expect(barra.locator('[data-name="heading2"]')).to_have_text("Título 2")
    assert barra.locator('[title="bold"]').count() == 0
    assert "Heading" not in barra.inner_html() and "heading 2" not in barra.inner_html()

    # The link dialog.
    editor.locator(".tiptap p").click()
    page.keyboard.press("Control+A")
    barra.locator('[title="Insertar enlace"]').click()
    dialogo = page.locator("dialog[open]")
    expect(dialogo).to_contain_text("Editar enlace")
    expect(dialogo.get_by_role("button", name="Cancelar")).to_be_visible()
    captura(page, "admin-editor-dialogo-enlace-es")
    dialogo.get_by_role("button", name="Cancelar").click()

    # A heading: the block-type button swapped in as the caret moves is translated too.
    editor.locator(".tiptap h2").click()
    expect(barra.locator('.prose-menubar__selected [title="Título 2"]')).to_be_visible()

    # Django's note under the publication date (the browser is in Madrid).
    # The visible one: an inline's hidden template row may carry its own.
    nota = page.locator(".timezonewarning:visible").first
    expect(nota).to_contain_text("Nota: escriba las horas en la zona horaria America/Lima")
    nota.scroll_into_view_if_needed()
    captura(page, "admin-nota-horaria-es")

    # The same form for a person who switched the admin to English.
    page.select_option("#idioma-admin", "en")
    page.locator(".idioma-admin button[type=submit]").click()
    page.wait_for_load_state()
    assert settings.LANGUAGE_COOKIE_NAME in {c["name"] for c in page.context.cookies()}
    page.goto(url)
    # The English tab is the one shown to an English reader: look at its editor.
    barra = page.locator(".prose-editor:has(#id_cuerpo_en) .prose-menubar")
    expect(barra.locator('[title="bold"]')).to_have_count(1)
    assert "Negrita" not in barra.inner_html()
    expect(page.locator(".timezonewarning:visible").first).to_contain_text("Note: Enter times")
    assert page.errores == []


def test_el_indice_y_la_ficha_llevan_a_las_otras_paginas(borrador, pagina, captura):
    """Way finding: index → /gestion/consulados/; the form → its preview."""
    from playwright.sync_api import expect

    _entrar(pagina)
    enlace = pagina.locator("#herramientas-prensa a", has_text="Participación de los consulados")
    expect(enlace).to_be_visible()
    captura(pagina, "admin-indice-orientacion")
    enlace.click()
    pagina.wait_for_url(re.compile(r"/gestion/consulados/$"))
    expect(pagina.locator("h1")).to_be_visible()

    pagina.goto(f"/admin/comunicados/comunicado/{borrador.pk}/change/")
    expect(pagina.locator("a.enlace-pagina-publica")).to_have_count(0)
    pagina.locator("a.enlace-vista-previa").click()
    pagina.wait_for_url(re.compile(r"vista-previa/$"))
    expect(pagina.locator("body")).to_contain_text("Vista previa")
    assert pagina.respuestas_fallidas == []
