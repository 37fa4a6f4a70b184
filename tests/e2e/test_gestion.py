"""Staff journey in Chromium: log in, compare two consulates over a date range, export CSV."""

import csv
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from tests.factories import EventoFactory

pytestmark = pytest.mark.e2e

LIMA = ZoneInfo("America/Lima")
CLAVE = "clave-de-prueba-larga-1"
SEMINARIO = "Buenas prácticas para la protección de víctimas de trata de personas"


@pytest.fixture
def datos(transactional_db, django_user_model):
    """Load the seed plus two events around it, and a staff user with the permission."""
    from cancilleria.directorio.models import Consulado

    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    japon, francia = Consulado.objects.get(slug="japon"), Consulado.objects.get(slug="francia")
    EventoFactory(
        nombre="Reunión consular en Tokio", inicio=datetime(2022, 3, 8, 10, tzinfo=LIMA)
    ).consulados.add(japon)
    EventoFactory(
        nombre="Taller fuera de rango", inicio=datetime(2023, 5, 2, 10, tzinfo=LIMA)
    ).consulados.add(francia)
    usuario = django_user_model.objects.create_user("analista", password=CLAVE, is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="ver_participacion_consular"))
    return usuario


def test_personal_filtra_dos_consulados_y_exporta_csv(
    datos, pagina, comprobar_accesibilidad, captura, tmp_path
):
    """Staff log in, pick two consulates and 2022, see both events once each, download the CSV."""
    from playwright.sync_api import expect

    pagina.goto("/gestion/consulados/")
    expect(pagina).to_have_url(re.compile(r"/admin/login/\?next=/gestion/consulados/"))
    pagina.fill("#id_username", "analista")
    pagina.fill("#id_password", CLAVE)
    pagina.locator("#login-form [type=submit]").click()
    expect(pagina).to_have_url(re.compile(r"/gestion/consulados/$"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Participación de los consulados en eventos"
    )
    comprobar_accesibilidad(pagina, "gestion-consulados")
    captura(pagina, "gestion-consulados")

    selector = pagina.get_by_label("Consulados", exact=True)
    selector.select_option(["francia", "japon"])
    pagina.get_by_label("Desde", exact=True).fill("2022-01-01")
    pagina.get_by_label("Hasta", exact=True).fill("2022-12-31")
    pagina.get_by_role("button", name="Aplicar filtros").click()

    expect(pagina).to_have_url(re.compile(r"consulado=francia&consulado=japon"))
    tabla = pagina.locator("table:has(caption#titulo-eventos) tbody tr")
    expect(tabla).to_have_count(2)
    expect(tabla.filter(has_text=SEMINARIO)).to_have_count(1)
    expect(pagina.get_by_text("Taller fuera de rango")).to_have_count(0)
    resumen = pagina.locator("table:has(caption#resumen) tbody tr")
    expect(resumen).to_have_count(2)
    # The seed office serving Japan is the one in Tokyo.
    expect(resumen.first).to_contain_text("Tokio")
    expect(resumen.first.locator("td.tabla__numero")).to_have_text("2")
    expect(pagina.locator("svg.grafico__svg[role=img]")).to_be_visible()
    comprobar_accesibilidad(pagina, "gestion-consulados-filtrado")
    captura(pagina, "gestion-consulados-filtrado")

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=re.compile(r"^CSV")).click()
    archivo = tmp_path / descarga.value.suggested_filename
    descarga.value.save_as(archivo)
    assert re.fullmatch(r"participacion-consular-\d{4}-\d{2}-\d{2}\.csv", archivo.name)
    assert archivo.read_bytes().startswith(b"\xef\xbb\xbf")
    with archivo.open(encoding="utf-8-sig", newline="") as f:
        filas = list(csv.reader(f, delimiter=";"))
    assert filas[0][2] == "Evento"
    nombres = [f[2] for f in filas[1:]]
    assert len(nombres) == 2 and "Reunión consular en Tokio" in nombres
    assert sum(n.startswith(SEMINARIO) for n in nombres) == 1

    # The consulate's own page, from the summary.
    resumen.first.get_by_role("link").click()
    expect(pagina).to_have_url(re.compile(r"/gestion/consulados/japon/$"))
    expect(pagina.locator("svg.grafico__svg")).to_be_visible()
    comprobar_accesibilidad(pagina, "gestion-consulado")
    captura(pagina, "gestion-consulado")

    assert pagina.errores_consola == [], "console errors (CSP?) on the way"
    assert pagina.respuestas_fallidas == [], "requests that failed on the way"
