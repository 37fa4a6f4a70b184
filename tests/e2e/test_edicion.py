"""The press office's editing tools in Chromium, under the site's strict CSP: language
tabs, the rich-text editor, the slug, the consulates box, and a hostile body made harmless."""

import re
import time

import pytest
from django.core.management import call_command

from tests.comunicados.test_texto_enriquecido import CUERPO_HOSTIL

pytestmark = pytest.mark.e2e

CLAVE = "clave-de-prueba-larga-1"
SLUG = "buenas-practicas-proteccion-victimas-trata-de-personas"


@pytest.fixture
def semilla(transactional_db, django_user_model):
    """Load the seed release and its event (39 consulates) and an admin account."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    django_user_model.objects.create_superuser("jefa", password=CLAVE)


def entrar(page):
    page.goto("/admin/login/")
    page.fill("#id_username", "jefa")
    page.fill("#id_password", CLAVE)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def sin_errores(page):
    assert page.errores_consola == [], "console errors (CSP violations included)"
    assert page.respuestas_fallidas == []


# What this work adds to the change forms. Django's own select2 autocompletes and
# modeltranslation's jQuery UI tab strips have known axe findings of their own (listed
# in the JSON written next to the screenshots); these parts must have none.
NUESTRO = (".prose-editor", ".tiptap", "#id_consulados", "#id_imagen", ".field-idiomas")


def accesibilidad_de_lo_nuestro(page, nombre):
    """Run axe-core on the page; fail on serious/critical findings in our components."""
    import json

    from axe_playwright_python.sync_playwright import Axe

    from .conftest import IMPACTOS_BLOQUEANTES, carpeta_artefactos

    violaciones = Axe().run(page).response["violations"]
    (carpeta_artefactos() / f"axe-{nombre}.json").write_text(
        json.dumps(violaciones, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    graves = [
        (v["id"], " ".join(map(str, nodo["target"])))
        for v in violaciones
        if v.get("impact") in IMPACTOS_BLOQUEANTES
        for nodo in v["nodes"]
        if any(parte in " ".join(map(str, nodo["target"])) for parte in NUESTRO)
    ]
    assert graves == [], graves


def idioma(page, codigo):
    """Press the form's one content-language switch."""
    page.click(f'.selector-idioma button[data-idioma="{codigo}"]')


def test_ficha_del_comunicado_con_pestanas_y_editor(semilla, pagina, captura):
    """The release form's one language switch shows a working editor per language, no CSP error."""
    from playwright.sync_api import expect

    from comunicados.models import Comunicado

    entrar(pagina)
    comunicado = Comunicado.objects.get(slug=SLUG)
    pagina.goto(f"/admin/comunicados/comunicado/{comunicado.pk}/change/")

    cuerpo = pagina.locator(".field-cuerpo_es")
    expect(pagina.locator('.selector-idioma button[data-idioma="es"]')).to_be_visible()
    expect(pagina.locator('.selector-idioma button[data-idioma="en"]')).to_be_visible()
    editor_es = pagina.locator(".prose-editor:has(#id_cuerpo_es) .tiptap")
    editor_en = pagina.locator(".prose-editor:has(#id_cuerpo_en) .tiptap")
    expect(editor_es).to_be_visible()
    expect(editor_es).to_contain_text("Más de 200 funcionarios")
    expect(editor_en).to_be_hidden()
    expect(pagina.locator(".field-idiomas")).to_contain_text("es ✔ / en ✔")
    accesibilidad_de_lo_nuestro(pagina, "admin-comunicado-ficha")
    cuerpo.scroll_into_view_if_needed()
    captura(pagina, "admin-comunicado-pestanas-es")

    idioma(pagina, "en")
    expect(editor_en).to_be_visible()
    expect(editor_en).to_contain_text("More than 200")
    expect(editor_es).to_be_hidden()
    captura(pagina, "admin-comunicado-pestanas-en")

    # The English editor writes back into its own field, nothing else.
    editor_en.click()
    expect(editor_en).to_be_focused()
    # Put the caret at the very end through the DOM selection (ProseMirror follows it):
    # Control+End raced the click's own caret placement on a loaded machine. The page's
    # own timer runs first: ProseMirror syncs a click's caret on a timer of its own (50 ms
    # after mouseup), which once moved the caret back after ours was set.
    editor_en.evaluate(
        """async el => {
            await new Promise(listo => setTimeout(listo, 200));
            const rango = document.createRange();
            rango.selectNodeContents(el);
            rango.collapse(false);
            const seleccion = window.getSelection();
            seleccion.removeAllRanges();
            seleccion.addRange(rango);
            await new Promise(listo => requestAnimationFrame(() => requestAnimationFrame(listo)));
        }"""
    )
    pagina.keyboard.type(" Added in the browser.")
    expect(editor_en).to_contain_text("Added in the browser.")
    expect(pagina.locator("#id_cuerpo_en")).to_have_value(
        re.compile(r"Added in the browser\.</p>$")
    )
    pagina.locator("input[name=_continue]").click()
    expect(pagina.locator(".messagelist .success")).to_be_visible()
    comunicado.refresh_from_db()
    assert comunicado.cuerpo_en.endswith("Added in the browser.</p>")
    assert "Added" not in comunicado.cuerpo_es
    sin_errores(pagina)


def test_slug_y_editor_en_un_comunicado_nuevo(semilla, pagina, captura):
    """Typing the Spanish title fills the slug; bold text typed in the editor is saved as HTML."""
    from playwright.sync_api import expect

    from comunicados.models import Comunicado

    entrar(pagina)
    pagina.goto("/admin/comunicados/comunicado/add/")
    # Typed key by key: the admin fills the slug on keyup, as for a person typing.
    pagina.locator("#id_titulo_es").press_sequentially("Cancillería recibe a la OIM en Lima")
    expect(pagina.locator("#id_slug")).to_have_value("cancilleria-recibe-a-la-oim-en-lima")

    editor = pagina.locator(".prose-editor:has(#id_cuerpo_es) .tiptap")
    editor.click()
    expect(editor).to_be_focused()
    pagina.keyboard.type("Primer párrafo. ")
    pagina.keyboard.press("Control+b")
    pagina.keyboard.type("Importante")
    pagina.keyboard.press("Control+b")
    captura(pagina, "admin-comunicado-nuevo-editor")
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator(".messagelist .success")).to_be_visible()
    nuevo = Comunicado.objects.get(slug="cancilleria-recibe-a-la-oim-en-lima")
    assert nuevo.cuerpo_es == "<p>Primer párrafo. <strong>Importante</strong></p>"
    sin_errores(pagina)


def test_consulados_del_evento_en_segundos(semilla, pagina, captura):
    """The seed's 39 consulates come off and back on with a filter and two clicks."""
    from playwright.sync_api import expect

    from cancilleria.directorio.models import Consulado
    from eventos.models import Evento

    entrar(pagina)
    evento = Evento.objects.get(comunicados__slug=SLUG)
    assert evento.consulados.count() == 39
    pagina.goto(f"/admin/eventos/evento/{evento.pk}/change/")
    elegidos = pagina.locator("#id_consulados_to option")
    expect(elegidos).to_have_count(39)
    expect(pagina.locator("#id_consulados_to optgroup[label='Europa']")).to_be_visible()
    accesibilidad_de_lo_nuestro(pagina, "admin-evento-ficha")
    pagina.locator("#id_consulados_to").scroll_into_view_if_needed()
    captura(pagina, "admin-evento-consulados")

    inicio = time.monotonic()
    pagina.locator("#id_consulados_remove_all").click()
    expect(elegidos).to_have_count(0)
    pagina.locator("#id_consulados_input").press_sequentially("Japón")
    pagina.locator("#id_consulados_add_all").click()
    expect(elegidos).to_have_count(1)
    pagina.locator("input[name=_continue]").click()
    expect(pagina.locator(".messagelist .success")).to_be_visible()
    assert [c.slug for c in evento.consulados.all()] == ["japon"]
    # The reloaded form shows what was saved (once the admin's script has built the box).
    expect(elegidos).to_have_count(1)

    pagina.locator("#id_consulados_input").fill("")
    pagina.locator("#id_consulados_input").press("Backspace")
    pagina.locator("#id_consulados_add_all").click()
    expect(elegidos).to_have_count(39)
    pagina.locator("input[name=_continue]").click()
    expect(pagina.locator(".messagelist .success")).to_be_visible()
    assert evento.consulados.count() == Consulado.objects.count() >= 39
    assert time.monotonic() - inicio < 30, "two saves of the whole list take seconds"
    sin_errores(pagina)


def test_cuerpo_hostil_no_ejecuta_nada_en_la_pagina_publica(
    semilla, pagina, captura, comprobar_accesibilidad
):
    """A release whose stored body is an XSS corpus runs no script and trips no CSP report."""
    from playwright.sync_api import expect

    from comunicados.models import Comunicado

    comunicado = Comunicado.objects.get(slug=SLUG)
    # Around save(): the template's own sanitising is what is under test here.
    Comunicado.objects.filter(pk=comunicado.pk).update(cuerpo_es=CUERPO_HOSTIL)
    dialogos = []
    pagina.on("dialog", lambda dialogo: (dialogos.append(dialogo.message), dialogo.dismiss()))
    respuesta = pagina.goto(f"/comunicados/{SLUG}/")
    assert respuesta.ok
    expect(pagina.locator(".comunicado__cuerpo")).to_contain_text("Texto visible 1")
    pagina.locator(".comunicado__cuerpo a").first.hover()
    pagina.wait_for_timeout(300)
    assert dialogos == []
    assert pagina.evaluate("window.__xss") is None
    cuerpo = pagina.locator(".comunicado__cuerpo")
    assert cuerpo.locator("script, iframe, object, embed, svg, math, form, style, img").count() == 0
    assert cuerpo.locator("[onclick], [onerror], [onload], [style]").count() == 0
    hrefs = cuerpo.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
    assert all(h.startswith(("http://", "https://", "mailto:")) for h in hrefs), hrefs
    # Nothing executable reached the DOM, so the CSP never had to block anything.
    sin_errores(pagina)
    captura(pagina, "comunicado-cuerpo-hostil")
    comprobar_accesibilidad(pagina, "comunicado-cuerpo-hostil")
