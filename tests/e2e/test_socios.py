"""Issue 14 in Chromium: the release with the helpline notice, co-signatories and partner
coverage, the event page with working-table outcomes, and the staff's commitments list —
axe-core finds no serious or critical violation, nothing overflows, screenshots are kept."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e

CLAVE = "clave-de-prueba-larga-1"


@pytest.fixture
def seed(transactional_db):
    """The seed (notice, coverage, outcomes from the demo) plus two co-signatories."""
    from cancilleria.directorio.models import Organizacion
    from cancilleria.sitio.demo.semilla import SLUG_COMUNICADO
    from comunicados.models import Cofirmante, Comunicado

    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    comunicado = Comunicado.objects.get(slug=SLUG_COMUNICADO)
    for orden, slug in enumerate(["embajada-estados-unidos-peru", "oim"], start=1):
        Cofirmante.objects.create(
            comunicado=comunicado, organizacion=Organizacion.objects.get(slug=slug), orden=orden
        )
    return comunicado


def _sin_desborde(pagina):
    desborde = pagina.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert desborde <= 0, f"{pagina.url} scrolls sideways by {desborde}px"


@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_comunicado_y_evento_de_la_semilla_accesibles(
    seed, pagina, comprobar_accesibilidad, captura
):
    """Notice, co-signatories, coverage and outcomes pass axe in es and en and fit the screen."""
    from playwright.sync_api import expect

    ancho = pagina.viewport_size["width"]
    for idioma in ("es", "en"):
        prefijo = "" if idioma == "es" else "/en"
        pagina.goto(prefijo + seed.get_absolute_url())
        aviso = pagina.locator(".aviso-ayuda")
        expect(aviso.get_by_role("link", name="1818")).to_have_attribute("href", "tel:1818")
        expect(pagina.locator(".cofirmantes__lista li")).to_have_count(2)
        expect(pagina.locator(".cobertura a[rel='noopener external']")).to_have_count(2)
        comprobar_accesibilidad(pagina, f"socios-comunicado-{idioma}-{ancho}")
        _sin_desborde(pagina)
        captura(pagina, f"socios-comunicado-{idioma}-{ancho}")

        pagina.goto(prefijo + seed.evento.get_absolute_url())
        expect(pagina.locator(".resultados-sesion")).to_have_count(3)
        expect(pagina.locator(".resultado__vencido")).to_have_count(1)
        pagina.locator(".resultado__seguimiento summary").first.click()
        comprobar_accesibilidad(pagina, f"socios-evento-{idioma}-{ancho}")
        _sin_desborde(pagina)
        captura(pagina, f"socios-evento-{idioma}-{ancho}")
    assert not pagina.errores_consola, pagina.errores_consola
    assert not pagina.respuestas_fallidas, pagina.respuestas_fallidas


def test_personal_ve_los_compromisos_vencidos(seed, pagina, comprobar_accesibilidad, captura):
    """Staff log in to the open commitments, see the overdue one marked, filter to it."""
    from django.contrib.auth.models import User
    from playwright.sync_api import expect

    usuario = User.objects.create_user("analista", password=CLAVE, is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="ver_participacion_consular"))
    pagina.goto("/gestion/compromisos/")
    pagina.fill("#id_username", "analista")
    pagina.fill("#id_password", CLAVE)
    pagina.locator("#login-form [type=submit]").click()
    expect(pagina).to_have_url(re.compile(r"/gestion/compromisos/$"))
    expect(pagina.locator("tr.compromiso-vencido")).to_have_count(1)
    comprobar_accesibilidad(pagina, "socios-compromisos")
    captura(pagina, "socios-compromisos")
    pagina.get_by_label("Plazo").select_option("si")
    pagina.get_by_role("button", name="Aplicar filtros").click()
    expect(pagina.locator("tbody tr")).to_have_count(1)


def test_el_editor_ve_las_advertencias_y_las_reconoce(seed, pagina, captura):
    """In the admin, 'Publicar ahora' on a sensitive draft naming a minor lists the warnings;
    ticking the acknowledgement publishes it."""
    from django.contrib.auth.models import User
    from playwright.sync_api import expect

    from cancilleria.base.models import Estado
    from tests.cancilleria.test_salvaguardas import CUERPO_DE_PRUEBA
    from tests.usuarios import EDITOR, asegurar_roles

    asegurar_roles()
    from django.contrib.auth.models import Group

    editor = User.objects.create_user("editora", password=CLAVE, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    type(seed).objects.filter(pk=seed.pk).update(
        estado=Estado.BORRADOR, fecha_publicacion=None, cuerpo_es=CUERPO_DE_PRUEBA
    )
    pagina.goto(f"/admin/comunicados/comunicado/{seed.pk}/change/")
    pagina.fill("#id_username", "editora")
    pagina.fill("#id_password", CLAVE)
    pagina.locator("#login-form [type=submit]").click()
    pagina.get_by_role("button", name="Publicar ahora").click()
    errores = pagina.locator(".field-reconocer_advertencias .errorlist")
    expect(errores).to_contain_text("María Quispe")
    expect(errores).to_contain_text("Jr. Ucayali 123")
    errores.scroll_into_view_if_needed()
    captura(pagina, "socios-admin-advertencias")
    pagina.get_by_label("He revisado estas advertencias").check()
    pagina.get_by_role("button", name="Publicar ahora").click()
    expect(pagina.locator(".messagelist")).to_contain_text("está publicado")
