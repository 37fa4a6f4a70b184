"""Official numbers: a duplicate is a field error, not a 500; gaps are shown (issue 11, item 4)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados import services
from comunicados.models import Comunicado
from comunicados.numeracion import estado_de_series, nota_de_series, siguiente_libre
from tests.factories import ComunicadoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/comunicados/comunicado/"
NOTA = Comunicado.Tipo.NOTA_DE_PRENSA


def _formulario(client, url):
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    return datos_de_formulario(respuesta.content, "comunicado_form")


@pytest.fixture
def serie():
    """Press notes 1, 2, 5 and 7 of this year; the 7th is "Nota siete"."""
    ahora = timezone.now()
    for numero in (1, 2, 5):
        ComunicadoFactory(tipo=NOTA, numero=numero, fecha_publicacion=ahora)
    return ComunicadoFactory(tipo=NOTA, numero=7, fecha_publicacion=ahora, titulo="Nota siete")


@pytest.fixture
def borrador():
    return ComunicadoFactory(
        tipo=NOTA, numero=None, estado=Estado.BORRADOR, fecha_publicacion=None, titulo="Nuevo"
    )


def _assert_error_de_numero(respuesta):
    assert respuesta.status_code == 200
    errores = respuesta.context["adminform"].form.errors
    assert "numero" in errores, errores
    mensaje = errores["numero"][0]
    assert "Nota siete" in mensaje and "N.° 007-" in mensaje
    assert "siguiente libre de esa serie es el 8" in mensaje
    return respuesta.content.decode()


def test_guardar_con_numero_repetido_da_error_en_el_campo(client, serie):
    client.force_login(crear_usuario(EDITOR))
    datos = _formulario(client, LISTA + "add/")
    datos.update(
        titulo_es=["Texto que no se pierde"],
        slug=["repetido"],
        tipo=[NOTA],
        numero=["7"],
        fecha_publicacion_0=[timezone.localdate().isoformat()],
        fecha_publicacion_1=["09:00:00"],
    )
    html = _assert_error_de_numero(client.post(LISTA + "add/", datos))
    assert "Texto que no se pierde" in html
    assert not Comunicado.objects.filter(slug="repetido").exists()


def test_guardar_un_borrador_con_numero_repetido_del_mismo_anio(client, serie):
    """A redactor's draft has no date yet: the number is free until it gets one."""
    client.force_login(crear_usuario(REDACTOR))
    datos = _formulario(client, LISTA + "add/")
    datos.update(titulo_es=["Borrador"], slug=["borrador-7"], tipo=[NOTA], numero=["7"])
    assert client.post(LISTA + "add/", datos).status_code == 302


def test_publicar_ahora_con_numero_repetido_da_error_en_el_campo(client, serie, borrador):
    client.force_login(crear_usuario(EDITOR))
    url = f"{LISTA}{borrador.pk}/change/"
    datos = _formulario(client, url)
    datos.update(numero=["7"], titulo_es=["Cambio que no se pierde"], _publicar_ahora=["1"])
    html = _assert_error_de_numero(client.post(url, datos))
    assert "Cambio que no se pierde" in html
    borrador.refresh_from_db()
    assert (borrador.estado, borrador.numero) == (Estado.BORRADOR, None)


def test_programar_con_numero_repetido_da_error_en_el_campo(client, serie, borrador):
    client.force_login(crear_usuario(EDITOR))
    url = f"{LISTA}{borrador.pk}/change/"
    datos = _formulario(client, url)
    # Later this year (or early next: then the number is free and the save goes through).
    manana = timezone.localtime() + timedelta(hours=1)
    datos.update(
        numero=["7"],
        _programar=["1"],
        fecha_publicacion_0=[manana.date().isoformat()],
        fecha_publicacion_1=[manana.strftime("%H:%M:%S")],
    )
    respuesta = client.post(url, datos)
    if manana.year == timezone.localtime().year:
        _assert_error_de_numero(respuesta)


def test_el_servicio_de_publicar_rechaza_el_numero_repetido_sin_integrityerror(serie):
    """Bulk actions and commands go through the service: a ValidationError, never a 500."""
    repetido = ComunicadoFactory(
        tipo=NOTA, numero=7, estado=Estado.BORRADOR, fecha_publicacion=None, titulo="Otro"
    )
    with pytest.raises(ValidationError) as error:
        services.publicar(comunicado=repetido, usuario=crear_usuario(EDITOR))
    assert "Nota siete" in error.value.messages[0]
    repetido.refresh_from_db()
    assert repetido.estado == Estado.BORRADOR


def test_publicar_en_bloque_con_numero_repetido_avisa(client, serie):
    repetido = ComunicadoFactory(
        tipo=NOTA, numero=5, estado=Estado.BORRADOR, fecha_publicacion=None, titulo="Otro"
    )
    client.force_login(crear_usuario(EDITOR))
    respuesta = client.post(
        LISTA,
        {"action": "publicar_seleccionados", "_selected_action": [repetido.pk]},
        follow=True,
    )
    assert respuesta.status_code == 200
    assert "El número 5 de nota de prensa" in respuesta.content.decode()
    repetido.refresh_from_db()
    assert repetido.estado == Estado.BORRADOR


def test_otro_tipo_u_otro_anio_no_choca(serie):
    ComunicadoFactory(tipo=Comunicado.Tipo.COMUNICADO, numero=7).full_clean()
    el_anio_pasado = timezone.now() - timedelta(days=400)
    ComunicadoFactory(tipo=NOTA, numero=7, fecha_publicacion=el_anio_pasado).full_clean()


def test_siguiente_libre_y_huecos_de_la_serie(serie):
    anio = timezone.localtime().year
    assert siguiente_libre(Comunicado, NOTA, anio) == 8
    assert siguiente_libre(Comunicado, Comunicado.Tipo.COMUNICADO, anio) == 1
    assert estado_de_series(Comunicado, anio) == [("nota de prensa", 7, [3, 4, 6])]
    nota = nota_de_series(Comunicado, anio)
    assert "nota de prensa: último 7, siguiente 8 (sin usar: 3, 4, 6)" in nota


def test_el_formulario_muestra_la_serie_y_sus_huecos(client, serie):
    client.force_login(crear_usuario(EDITOR))
    html = client.get(LISTA + "add/").content.decode()
    assert "sin usar: 3, 4, 6" in html
    assert "siguiente 8" in html
    # And the change list, where editors number the next release.
    assert "sin usar: 3, 4, 6" in client.get(LISTA).content.decode()
