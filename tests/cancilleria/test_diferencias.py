"""Word-level diffs in the change history (issue 11, item 6)."""

import re

import pytest

from cancilleria.base.diferencias import CONTEXTO, diferencia_por_palabras, texto_de_html
from cancilleria.base.models import Estado
from tests.factories import ComunicadoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, PERSONAL, REDACTOR, crear_usuario


def test_marca_palabras_quitadas_y_puestas():
    html = diferencia_por_palabras(
        "Seminario sobre trata en Lima", "Seminario internacional sobre trata en Cusco"
    )
    assert html == (
        "Seminario<ins> internacional</ins> sobre trata en <del>Lima</del><ins>Cusco</ins>"
    )


def test_escapa_el_texto():
    html = diferencia_por_palabras("<b>a</b>", "<script>x</script>")
    assert set(re.findall(r"<(\w+)", html)) <= {"del", "ins"}
    assert "&lt;" in html


def test_acorta_lo_que_no_cambio():
    largo = " ".join(f"palabra{n}" for n in range(200))
    html = diferencia_por_palabras(largo + " fin", largo + " final")
    assert "<del>fin</del><ins>final</ins>" in html
    assert "palabra0 " not in html and "palabra199" in html
    assert 'class="diff-omitido"' in html
    assert len(html) < 40 * CONTEXTO


def test_texto_de_html_separa_parrafos():
    assert texto_de_html("<p>Uno &amp; dos</p><p>tres</p>") == "Uno & dos\ntres"


@pytest.mark.django_db
def test_la_pagina_de_historial_marca_las_palabras_por_campo_e_idioma(client):
    """Not "Semin[41 chars]…": the changed words, marked, under "Título [es]"."""
    titulo = "Seminario internacional sobre buenas prácticas para la protección de víctimas"
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR,
        fecha_publicacion=None,
        titulo_es=titulo,
        cuerpo_en="<p>More than 200 officials met.</p>",
    )
    client.force_login(crear_usuario(REDACTOR))
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["titulo_es"] = [titulo.replace("buenas prácticas", "mejores prácticas")]
    datos["cuerpo_en"] = ["<p>More than 250 officials met in Lima.</p>"]
    assert client.post(url, datos).status_code == 302
    html = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/history/").content.decode()
    assert "chars]" not in html
    assert "<strong>Título [es]:</strong>" in html
    assert "<del>buenas</del><ins>mejores</ins> prácticas" in html
    assert "<strong>Cuerpo [en]:</strong>" in html
    assert "<del>200</del><ins>250</ins>" in html
    assert "<ins> in Lima</ins>" in html
    assert "&lt;p&gt;" not in html


@pytest.mark.django_db
def test_quien_solo_ve_no_puede_revertir(client):
    """simple-history lets view-only staff post the revert form; we answer 403."""
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None, titulo_en="A")
    version = comunicado.history.first()
    comunicado.titulo_en = "B"
    comunicado.save()
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/history/{version.history_id}/"
    client.force_login(crear_usuario(EDITOR, "editora"))
    datos = datos_de_formulario(client.get(url).content, "historicalcomunicado_form")
    client.force_login(crear_usuario(PERSONAL))
    assert client.post(url, datos).status_code == 403
    comunicado.refresh_from_db()
    assert comunicado.titulo_en == "B"
