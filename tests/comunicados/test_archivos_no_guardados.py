"""A chosen file lost because of another error is named next to its field (issue 11, item 4)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.comunicados.test_imagenes import imagen
from tests.factories import ComunicadoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def url(client):
    client.force_login(crear_usuario(REDACTOR))
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    return f"/admin/comunicados/comunicado/{borrador.pk}/change/"


def _datos(client, url, **cambios):
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos.update(texto_alternativo_es=["Foto del seminario"])
    datos.update(cambios)
    return datos


def test_la_imagen_elegida_se_pide_otra_vez_si_otro_campo_falla(client, url):
    datos = _datos(client, url, titulo_es=[""], imagen=SimpleUploadedFile("foto.png", imagen()))
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    errores = respuesta.context["adminform"].form.errors
    assert "titulo_es" in errores
    assert "«foto.png»" in errores["imagen"][0] and "otra vez" in errores["imagen"][0]
    assert "«foto.png»" in respuesta.content.decode()


def test_el_adjunto_elegido_se_pide_otra_vez_si_el_formulario_principal_falla(client, url):
    pk = url.split("/")[-3]
    datos = _datos(
        client,
        url,
        titulo_es=[""],
        **{
            "adjuntos-TOTAL_FORMS": ["1"],
            "adjuntos-0-id": [""],
            "adjuntos-0-comunicado": [pk],
            "adjuntos-0-titulo_es": ["Informe"],
            "adjuntos-0-orden": ["0"],
            "adjuntos-0-archivo": SimpleUploadedFile("informe.pdf", PDF),
        },
    )
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    (adjuntos,) = [
        i for i in respuesta.context["inline_admin_formsets"] if i.formset.prefix == "adjuntos"
    ]
    assert "«informe.pdf»" in adjuntos.formset.forms[0].errors["archivo"][0]


def test_sin_otros_errores_la_imagen_se_guarda_y_no_hay_aviso(client, url):
    datos = _datos(client, url, imagen=SimpleUploadedFile("foto.png", imagen()))
    assert client.post(url, datos).status_code == 302
    assert Comunicado.objects.get().imagen
