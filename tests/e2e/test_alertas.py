"""The email alert pages in Chromium: accessible, usable without JavaScript."""

import pytest
from django.core import mail

from cancilleria.alertas.models import Suscripcion
from tests.factories import TemaFactory

from .conftest import ESCRITORIO, MOVIL

pytestmark = pytest.mark.e2e


@pytest.fixture
def trata(transactional_db):
    return TemaFactory(slug="trata-de-personas", nombre="Trata de personas")


@pytest.mark.parametrize("idioma", ["es", "en"])
@pytest.mark.parametrize("pagina", [ESCRITORIO, MOVIL], indirect=True, ids=["1280", "390"])
def test_pagina_de_suscripcion_accesible(trata, pagina, idioma, comprobar_accesibilidad, captura):
    """The subscribe page, with an error and after subscribing, passes axe."""
    prefijo = "" if idioma == "es" else "/en"
    ancho = pagina.viewport_size["width"]
    pagina.goto(f"{prefijo}/comunicados/?tema=trata-de-personas")
    enlace = "Recibir alertas por correo" if idioma == "es" else "Get email alerts"
    pagina.get_by_role("link", name=enlace).first.click()
    pagina.wait_for_url("**/alertas/?lista=comunicados&tema=trata-de-personas")
    assert pagina.get_by_text("Trata de personas").first.is_visible()
    comprobar_accesibilidad(pagina, f"alertas-{idioma}-{ancho}")
    captura(pagina, f"alertas-{idioma}-{ancho}")

    campo = pagina.get_by_label("Su correo electrónico" if idioma == "es" else "Your email address")
    campo.fill("no-es-correo")
    pagina.get_by_role("button", name="Suscribirme" if idioma == "es" else "Subscribe").click()
    pagina.locator(".campo__error").wait_for()
    assert campo.input_value() == "no-es-correo"
    comprobar_accesibilidad(pagina, f"alertas-error-{idioma}-{ancho}")
    captura(pagina, f"alertas-error-{idioma}-{ancho}")

    campo.fill("ana@example.org")
    pagina.get_by_label(
        "Un resumen diario" if idioma == "es" else "A daily digest", exact=True
    ).check()
    pagina.get_by_role("button", name="Suscribirme" if idioma == "es" else "Subscribe").click()
    pagina.get_by_role(
        "heading", name="Revise su correo" if idioma == "es" else "Check your email"
    ).wait_for()
    comprobar_accesibilidad(pagina, f"alertas-enviado-{idioma}-{ancho}")
    suscripcion = Suscripcion.objects.get()
    assert (suscripcion.frecuencia, suscripcion.idioma) == ("diaria", idioma)
    assert pagina.errores_consola == []


def test_confirmar_y_darse_de_baja_sin_javascript(trata, navegador, live_server, captura):
    """Confirm and unsubscribe are plain forms: they work with JavaScript off."""
    suscripcion = Suscripcion.objects.create(
        correo="ana@example.org", lista="comunicados", filtros="tema=trata-de-personas"
    )
    contexto = navegador.new_context(java_script_enabled=False, base_url=live_server.url)
    page = contexto.new_page()
    page.goto(f"/alertas/confirmar/{suscripcion.token}/")
    captura(page, "alertas-confirmar")
    page.get_by_role("button", name="Confirmar").click()
    page.get_by_role("heading", name="Suscripción confirmada").wait_for()
    assert Suscripcion.objects.get().confirmada_en is not None
    page.get_by_role("link", name="Darse de baja ahora").click()
    captura(page, "alertas-baja")
    page.get_by_role("button", name="Darme de baja").click()
    page.get_by_role("heading", name="Se dio de baja").wait_for()
    assert not Suscripcion.objects.exists()
    assert mail.outbox == []
    contexto.close()
