"""A javascript:/data: link is a field error naming it, not a silent href="" (issue 11, item 4)."""

import pytest
from django.core.exceptions import ValidationError

from cancilleria.base.html import enlaces_no_permitidos
from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.factories import ComunicadoFactory, EventoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

PROTOCOLOS = ("http", "https", "mailto")
# What a link dialog or a paste can produce; each must be refused by name.
RECHAZADOS = [
    ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "JaVaScRiPt:alert(1)"),
    ('<a href=" javascript:alert(1)">x</a>', " javascript:alert(1)"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "jav\tascript:alert(1)"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:text/html;base64,PHNjcmlwdD4="),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:msgbox(1)"),
]
ACEPTADOS = [
    '<a href="https://www.gob.pe/rree">x</a>',
    '<a href="http://example.org">x</a>',
    '<a href="mailto:prensa@rree.gob.pe">x</a>',
    '<a href="/comunicados/">x</a>',
    '<a href="#nota">x</a>',
    '<a href="comunicados/uno">x</a>',
    "<p>Texto sin enlaces: javascript: no es un enlace aquí.</p>",
]


@pytest.mark.parametrize(("html", "enlace"), RECHAZADOS)
def test_enlaces_no_permitidos(html, enlace):
    assert enlaces_no_permitidos(html, PROTOCOLOS) == [enlace]


@pytest.mark.parametrize("html", ACEPTADOS)
def test_enlaces_permitidos(html):
    assert enlaces_no_permitidos(html, PROTOCOLOS) == []


def test_el_modelo_rechaza_el_enlace_en_cada_idioma():
    comunicado = ComunicadoFactory.build(
        cuerpo_es="<p>Bien</p>", cuerpo_en='<p><a href="javascript:void(0)">Mal</a></p>'
    )
    with pytest.raises(ValidationError) as error:
        comunicado.full_clean(exclude=["slug"])
    assert "javascript:void(0)" in error.value.message_dict["cuerpo_en"][0]


def test_el_texto_breve_de_un_evento_tambien():
    evento = EventoFactory.build(descripcion_es='<a href="data:text/html,hola">x</a>')
    with pytest.raises(ValidationError) as error:
        evento.full_clean(exclude=["slug", "organizador"])
    assert "data:text/html,hola" in str(error.value.message_dict)


def test_el_admin_muestra_el_enlace_y_conserva_lo_escrito(client):
    client.force_login(crear_usuario(REDACTOR))
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["cuerpo_es"] = ['<p>Lea <a href="javascript:alert(1)">el informe</a>.</p>']
    datos["titulo_es"] = ["Título que no se pierde"]
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    errores = respuesta.context["adminform"].form.errors
    assert "«javascript:alert(1)»" in errores["cuerpo_es"][0]
    assert "Título que no se pierde" in respuesta.content.decode()
    comunicado.refresh_from_db()
    assert "javascript" not in comunicado.cuerpo_es
    assert comunicado.titulo_es != "Título que no se pierde"


def test_un_enlace_valido_se_guarda_con_su_href(client):
    client.force_login(crear_usuario(REDACTOR))
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["cuerpo_es"] = ['<p><a href="https://www.gob.pe/rree">Cancillería</a></p>']
    assert client.post(url, datos).status_code == 302
    assert 'href="https://www.gob.pe/rree"' in Comunicado.objects.get(pk=comunicado.pk).cuerpo_es
