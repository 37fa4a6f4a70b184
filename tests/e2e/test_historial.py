"""The change history in Chromium: word-level diffs people can read, and revert."""

import re

import pytest

pytestmark = pytest.mark.e2e

CLAVE = "clave-de-prueba-larga-1"


@pytest.fixture
def editado(transactional_db, django_user_model):
    """A release edited twice by an editor: a title word and a body sentence changed."""
    from cancilleria.base.models import Estado
    from tests.factories import ComunicadoFactory

    jefa = django_user_model.objects.create_superuser("jefa", password=CLAVE)
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR,
        fecha_publicacion=None,
        titulo_es="Seminario sobre buenas prácticas para la protección de víctimas de trata",
        titulo_en="Seminar on good practices to protect victims of trafficking",
        cuerpo_es=(
            "<p>Lima. Más de 200 funcionarios y personal de la Cancillería y de las oficinas "
            "consulares se reunieron para participar del seminario internacional.</p>"
            "<p>Durante 2021 se reportaron más de 1,100 casos de trata de personas.</p>"
        ),
    )
    comunicado.titulo_es = (
        "Seminario internacional sobre buenas prácticas para la protección de víctimas"
    )
    comunicado.cuerpo_es = comunicado.cuerpo_es.replace("200", "250").replace(
        "1,100 casos", "1,150 casos"
    )
    comunicado.titulo_en = "International seminar on good practices to protect victims"
    comunicado._history_user = jefa
    comunicado.save()
    return comunicado


def test_historial_con_diferencias_por_palabra(editado, pagina, captura, comprobar_accesibilidad):
    from playwright.sync_api import expect

    pagina.goto("/admin/login/")
    pagina.fill("#id_username", "jefa")
    pagina.fill("#id_password", CLAVE)
    pagina.locator("#login-form [type=submit]").click()
    pagina.wait_for_url(re.compile(r"/admin/$"))
    pagina.goto(f"/admin/comunicados/comunicado/{editado.pk}/history/")

    cambios = pagina.locator("#change-history tbody tr").first
    expect(cambios).to_contain_text("Título [es]:")
    expect(cambios).to_contain_text("Título [en]:")
    expect(cambios).to_contain_text("Cuerpo [es]:")
    expect(cambios.locator("ins", has_text="internacional").first).to_be_visible()
    expect(cambios.locator("del", has_text="200")).to_be_visible()
    expect(cambios.locator("ins", has_text="250")).to_be_visible()
    expect(cambios.locator("del", has_text="de trata")).to_be_visible()
    assert "chars]" not in cambios.inner_text()
    captura(pagina, "admin-historial-diferencias")
    comprobar_accesibilidad(pagina, "admin-historial")

    # Revert to the first version, from its page.
    pagina.locator("#change-history tbody tr").last.locator("a").first.click()
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator(".messagelist .success")).to_be_visible()
    editado.refresh_from_db()
    assert editado.titulo_es.startswith("Seminario sobre buenas")
    assert "200 funcionarios" in editado.cuerpo_es
