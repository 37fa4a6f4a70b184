"""Trafficking safeguards in the admin: warnings before submitting or publishing a release
on a sensitive topic, their acknowledgement in the history, and the lead image's check."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cancilleria.base import services as servicios_comunes
from cancilleria.base.models import Estado
from cancilleria.directorio.models import AvisoAyuda
from comunicados import services
from comunicados.models import Comunicado
from tests.cancilleria.test_salvaguardas import CUERPO_DE_PRUEBA
from tests.factories import ComunicadoFactory, TemaFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/comunicados/comunicado/"


def url_edicion(comunicado):
    return f"{LISTA}{comunicado.pk}/change/"


@pytest.fixture
def tema_sensible():
    aviso = AvisoAyuda.objects.create(nombre="Línea 1818", texto="Llame gratis.", telefono="1818")
    return TemaFactory(slug="trata", nombre="Trata de personas", sensible=True, aviso_ayuda=aviso)


@pytest.fixture
def borrador(tema_sensible):
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, cuerpo_es=CUERPO_DE_PRUEBA
    )
    comunicado.temas.add(tema_sensible)
    return comunicado


def entrar(client, rol):
    usuario = crear_usuario(rol)
    client.force_login(usuario)
    return usuario


def formulario(client, comunicado):
    respuesta = client.get(url_edicion(comunicado))
    assert respuesta.status_code == 200
    return datos_de_formulario(respuesta.content, "comunicado_form")


def errores(respuesta, campo):
    assert respuesta.status_code == 200, "the form should come back with its errors"
    return " ".join(respuesta.context["adminform"].form.errors.get(campo, []))


def test_la_ficha_lista_las_advertencias_con_su_frase(client, borrador):
    """The change form of a sensitive release lists each warning with its sentence."""
    entrar(client, EDITOR)
    html = client.get(url_edicion(borrador)).content.decode()
    assert "Protección de víctimas" in html
    assert "«María Quispe»" in html and "«Jr. Ucayali 123»" in html
    assert "<q>La víctima, una menor de 15 años" in html


def test_publicar_sin_reconocer_se_rechaza_con_error_de_formulario(client, borrador):
    """'Publicar ahora' with unacknowledged warnings: a form error, nothing published or lost."""
    entrar(client, EDITOR)
    datos = formulario(client, borrador)
    datos.update(titulo_es=["Título cambiado"], _publicar_ahora=["1"])
    respuesta = client.post(url_edicion(borrador), datos)
    mensaje = errores(respuesta, "reconocer_advertencias")
    assert "3 advertencias" in mensaje
    assert "María Quispe" in mensaje and "Jr. Ucayali 123" in mensaje
    assert 'value="Título cambiado"' in respuesta.content.decode()
    borrador.refresh_from_db()
    assert borrador.estado == Estado.BORRADOR and borrador.titulo_es != "Título cambiado"


def test_enviar_a_revision_sin_reconocer_tambien_se_rechaza(client, borrador):
    """A writer's 'Enviar a revisión' meets the same check."""
    entrar(client, REDACTOR)
    datos = formulario(client, borrador)
    datos["_enviar_a_revision"] = ["1"]
    respuesta = client.post(url_edicion(borrador), datos)
    assert "advertencias" in errores(respuesta, "reconocer_advertencias")
    borrador.refresh_from_db()
    assert borrador.estado == Estado.BORRADOR


def test_reconocer_publica_y_queda_en_el_historial(client, borrador):
    """Ticking the acknowledgement publishes, and the history records who and when."""
    editor = entrar(client, EDITOR)
    datos = formulario(client, borrador)
    datos.update(reconocer_advertencias=["on"], _publicar_ahora=["1"])
    respuesta = client.post(url_edicion(borrador), datos)
    assert respuesta.status_code == 302
    borrador.refresh_from_db()
    assert borrador.es_publico
    assert borrador.advertencias_reconocidas_por == editor
    assert borrador.advertencias_reconocidas_en is not None
    version = borrador.history.filter(
        history_change_reason__startswith="Advertencias de identificación reconocidas"
    ).get()
    assert version.history_user == editor
    assert version.advertencias_reconocidas_por_id == editor.pk
    html = client.get(url_edicion(borrador)).content.decode()
    assert "Reconocidas por editor_de_prensa" in html


def test_un_texto_nuevo_con_otras_advertencias_pide_reconocer_otra_vez(client, borrador):
    """An acknowledgement covers the warnings seen; a new identifying detail needs a new one."""
    entrar(client, EDITOR)
    datos = formulario(client, borrador)
    datos.update(reconocer_advertencias=["on"], _enviar_a_revision=["1"])
    assert client.post(url_edicion(borrador), datos).status_code == 302
    datos = formulario(client, borrador)
    datos.update(resumen_es=["Su DNI 45678912 fue retenido."], _publicar_ahora=["1"])
    respuesta = client.post(url_edicion(borrador), datos)
    assert "DNI 45678912" in errores(respuesta, "reconocer_advertencias")


def test_corregir_el_texto_basta_sin_reconocer(client, borrador):
    """Removing the identifying details is the other way: no warnings, it publishes."""
    entrar(client, EDITOR)
    datos = formulario(client, borrador)
    datos.update(cuerpo_es=["<p>Una víctima fue rescatada.</p>"], _publicar_ahora=["1"])
    assert client.post(url_edicion(borrador), datos).status_code == 302
    borrador.refresh_from_db()
    assert borrador.es_publico and borrador.advertencias_reconocidas_por is None


def test_fuera_de_temas_sensibles_no_se_pide_nada(client, borrador, tema_sensible):
    """The same text on a topic that is not sensitive publishes without any check."""
    borrador.temas.remove(tema_sensible)
    entrar(client, EDITOR)
    datos = formulario(client, borrador)
    datos["_publicar_ahora"] = ["1"]
    assert client.post(url_edicion(borrador), datos).status_code == 302
    borrador.refresh_from_db()
    assert borrador.es_publico


def test_el_servicio_y_la_accion_en_bloque_tambien_lo_exigen(client, borrador):
    """Publishing outside the form (bulk action, the service) is refused too, not a 500."""
    from django.core.exceptions import ValidationError

    editor = entrar(client, EDITOR)
    with pytest.raises(ValidationError) as error:
        services.publicar(comunicado=borrador, usuario=editor)
    assert error.value.error_list[0].code == "advertencias_sin_reconocer"
    respuesta = client.post(
        LISTA,
        {"action": "publicar_seleccionados", "_selected_action": [str(borrador.pk)]},
        follow=True,
    )
    assert respuesta.status_code == 200
    assert "advertencias" in respuesta.content.decode()
    borrador.refresh_from_db()
    assert borrador.estado == Estado.BORRADOR
    assert servicios_comunes.puede_publicar(editor, Comunicado)


def _png():
    salida = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(salida, format="PNG")
    return salida.getvalue()


def test_la_imagen_principal_pide_confirmar_que_nadie_es_identificable(client, tema_sensible):
    """A lead image on a sensitive release needs the no-victim confirmation to publish."""
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    comunicado.temas.add(tema_sensible)
    entrar(client, EDITOR)
    datos = formulario(client, comunicado)
    datos.update(
        texto_alternativo_es=["Funcionarios en el seminario"],
        imagen=SimpleUploadedFile("foto.png", _png()),
        _publicar_ahora=["1"],
    )
    respuesta = client.post(url_edicion(comunicado), datos)
    assert "confirme que la imagen" in errores(respuesta, "confirmar_imagen")
    comunicado.refresh_from_db()
    assert comunicado.estado == Estado.BORRADOR
    datos["imagen"] = SimpleUploadedFile("foto.png", _png())
    datos["confirmar_imagen"] = ["on"]
    assert client.post(url_edicion(comunicado), datos).status_code == 302
    comunicado.refresh_from_db()
    assert comunicado.es_publico and comunicado.imagen_confirmada_en is not None


def test_los_eventos_de_temas_sensibles_tambien_se_revisan(client, tema_sensible):
    """An event on a sensitive topic meets the same check in its own admin form."""
    from tests.factories import EventoFactory

    evento = EventoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, descripcion_es=CUERPO_DE_PRUEBA
    )
    evento.temas.add(tema_sensible)
    entrar(client, EDITOR)
    url = f"/admin/eventos/evento/{evento.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "evento_form")
    datos["_publicar_ahora"] = ["1"]
    respuesta = client.post(url, datos)
    assert "María Quispe" in errores(respuesta, "reconocer_advertencias")
    datos["reconocer_advertencias"] = ["on"]
    assert client.post(url, datos).status_code == 302
    evento.refresh_from_db()
    assert evento.es_publico
