"""Withdrawn pages, the 410 page and shared previews in Chromium: axe finds no serious or
critical violation, in Spanish and English, at desktop and phone widths; screenshots kept."""

import re

import pytest
from django.core.management import call_command

from cancilleria.base import services as servicios_comunes
from cancilleria.base.models import Estado
from comunicados import services
from comunicados.models import Comunicado
from tests.usuarios import EDITOR, crear_usuario

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

SLUG = "buenas-practicas-proteccion-victimas-trata-de-personas"


@pytest.fixture
def sitio(transactional_db):
    call_command("cargar_demo", "--comunicados", "6", "--eventos", "3", verbosity=0)
    editor = crear_usuario(EDITOR)
    seed = Comunicado.objects.get(slug=SLUG)
    otros = list(Comunicado.objects.publicados().exclude(pk=seed.pk)[:2])
    services.retirar(
        comunicado=seed,
        usuario=editor,
        motivos={
            "es": "Las cifras del INEI se actualizaron; consulte la versión corregida.",
            "en": "The INEI figures were updated; see the corrected version.",
        },
        reemplazo=otros[0],
    )
    services.despublicar(comunicado=otros[1], usuario=editor)
    borrador = Comunicado.objects.create(
        titulo_es="Borrador para la revisión de la OIM",
        slug="borrador-revision-oim",
        estado=Estado.BORRADOR,
        resumen_es="Texto aún no publicado, compartido para revisión.",
    )
    enlace = servicios_comunes.crear_enlace_vista_previa(objeto=borrador, usuario=editor)
    return {
        "retirado": f"/comunicados/{SLUG}/",
        "410": f"/comunicados/{otros[1].slug}/",
        "vista-previa": enlace.get_absolute_url(),
        "reemplazo": otros[0].get_absolute_url(),
    }


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_retirado_410_y_vista_previa_accesibles(
    sitio, pagina, idioma, comprobar_accesibilidad, captura
):
    """The withdrawn page shows its notice first; 410 and preview pages pass axe too."""
    ancho = pagina.viewport_size["width"]
    esperados = {"retirado": 200, "410": 410, "vista-previa": 200}
    for nombre, estado in esperados.items():
        url = sitio[nombre] if idioma == "es" else "/en" + sitio[nombre]
        respuesta = pagina.goto(url)
        assert respuesta.status == estado, (url, respuesta.status)
        assert pagina.locator("html").get_attribute("lang") == idioma
        comprobar_accesibilidad(pagina, f"retiro-{nombre}-{idioma}-{ancho}")
        desborde = pagina.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert desborde <= 0, f"{url} scrolls sideways by {desborde}px at {ancho}px"
        captura(pagina, f"retiro-{nombre}-{idioma}-{ancho}")
    # The notice is on the first screen, above the title, with a working replacement link.
    pagina.goto(sitio["retirado"] if idioma == "es" else "/en" + sitio["retirado"])
    aviso = pagina.locator(".aviso-retiro")
    caja = aviso.bounding_box()
    assert caja is not None and caja["y"] < pagina.viewport_size["height"]
    assert caja["y"] < pagina.locator("h1").bounding_box()["y"]
    texto = aviso.inner_text()
    assert ("INEI figures" if idioma == "en" else "cifras del INEI") in texto
    aviso.get_by_role("link").click()
    pagina.wait_for_url("**" + sitio["reemplazo"])


def test_el_editor_retira_comparte_y_revoca(sitio, pagina, navegador, live_server, captura):
    """In the admin: the reason is required, the replacement is picked, a preview link is
    created, opened by someone without an account, and revoked."""
    from playwright.sync_api import expect

    from .test_redaccion import comprobar_sin_errores, elegir_autocompletado, entrar

    crear_usuario(EDITOR, "editor")
    otro, reemplazo = Comunicado.objects.publicados().exclude(slug=SLUG)[:2]
    borrador = Comunicado.objects.get(slug="borrador-revision-oim")
    entrar(pagina, "editor")

    pagina.goto(f"/admin/comunicados/comunicado/{otro.pk}/change/")
    pagina.get_by_role("link", name="Retirar…").click()
    pagina.get_by_role("button", name="Retirar del sitio").click()
    # The form comes back from the server with its errors: wait for it (a busy machine
    # answered after an immediate check had already looked at the page being left).
    expect(pagina.locator(".errornote")).to_be_visible()
    expect(pagina.locator(".field-motivo_es .errorlist")).to_be_visible()
    pagina.fill("#id_motivo_es", "Se publicó una versión corregida.")
    pagina.fill("#id_motivo_en", "A corrected version was published.")
    # Whole words: the admin's full-text search (PostgreSQL) matches words, not prefixes.
    palabras = " ".join(reemplazo.titulo.split()[1:8])
    elegir_autocompletado(pagina, "reemplazo", palabras, reemplazo.titulo)
    captura(pagina, "retiro-admin-formulario")
    pagina.get_by_role("button", name="Retirar del sitio").click()
    pagina.wait_for_url(re.compile(r"/change/$"))
    assert "Se publicó una versión corregida." in pagina.locator(".flujo-publicacion").inner_text()
    captura(pagina, "retiro-admin-panel")
    otro.refresh_from_db()
    assert otro.esta_retirado_en_su_url and otro.reemplazado_por_id == reemplazo.pk

    pagina.goto(f"/admin/comunicados/comunicado/{borrador.pk}/change/")
    filas_antes = pagina.locator(".enlaces-vista-previa__tabla tbody tr").count()
    pagina.get_by_role("button", name="Crear enlace de vista previa").click()
    pagina.wait_for_url(re.compile(r"/change/#enlaces-vista-previa$"))
    filas = pagina.locator(".enlaces-vista-previa__tabla tbody tr")
    assert filas.count() == filas_antes + 1
    assert "editor" in filas.first.inner_text()
    url = filas.first.locator("input").input_value()
    captura(pagina, "vista-previa-admin-enlaces")

    anonimo = navegador.new_context(base_url=live_server.url)
    visitante = anonimo.new_page()
    assert visitante.goto(url).status == 200
    assert visitante.locator(".aviso-vista-previa").is_visible()
    filas.first.get_by_role("button", name="Revocar").click()
    pagina.wait_for_url(re.compile(r"#enlaces-vista-previa$"))
    assert "revocado" in pagina.locator(".enlaces-vista-previa__tabla tbody tr").first.inner_text()
    assert visitante.goto(url).status == 410
    captura(visitante, "vista-previa-revocada")
    anonimo.close()
    comprobar_sin_errores(pagina)
