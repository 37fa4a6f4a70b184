"""Events in the admin: the same roles and workflow as releases, through real POSTs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import (
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionConsularFactory,
)
from tests.formularios import datos_de_formulario
from tests.usuarios import ADMINISTRADOR, EDITOR, PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/eventos/evento/"
PUEDEN_EDITAR = {REDACTOR, EDITOR, ADMINISTRADOR}
PUEDEN_PUBLICAR = {EDITOR, ADMINISTRADOR}
ROLES = [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR]


def url_edicion(evento):
    return f"{LISTA}{evento.pk}/change/"


def formulario(client, url):
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    return datos_de_formulario(respuesta.content, "evento_form")


def instantanea(evento):
    evento.refresh_from_db()
    return (evento.estado, evento.fecha_publicacion, evento.nombre_es)


@pytest.fixture
def borrador():
    return EventoFactory(estado=Estado.BORRADOR, fecha_publicacion=None, nombre_es="Seminario")


@pytest.fixture
def publicado():
    return EventoFactory(nombre_es="Seminario publicado")


def entrar(client, rol):
    client.force_login(crear_usuario(rol))


@pytest.mark.parametrize("rol", ROLES)
def test_ver(client, rol, publicado):
    """Every role opens the event list and form."""
    entrar(client, rol)
    assert client.get(LISTA).status_code == 200
    assert client.get(url_edicion(publicado)).status_code == 200


@pytest.mark.parametrize("rol", ROLES)
def test_crear(client, rol):
    """Writers, editors and admins create event drafts; read-only staff get 403."""
    entrar(client, rol)
    alta = LISTA + "add/"
    if rol not in PUEDEN_EDITAR:
        assert client.get(alta).status_code == 403
        return
    datos = datos_de_formulario(client.get(alta).content, "evento_form")
    inicio = timezone.localtime(timezone.now() + timedelta(days=5))
    datos.update(
        nombre_es=["Taller nuevo"],
        slug=["taller-nuevo"],
        inicio_0=[inicio.strftime("%Y-%m-%d")],
        inicio_1=["09:00:00"],
    )
    respuesta = client.post(alta, datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    assert Evento.objects.get(slug="taller-nuevo").estado == Estado.BORRADOR


@pytest.mark.parametrize("rol", ROLES)
def test_editar(client, rol, borrador):
    """Everyone but read-only staff edits a draft event."""
    entrar(client, rol)
    url = url_edicion(borrador)
    datos = formulario(client, url)
    datos["nombre_es"] = ["Seminario corregido"]
    respuesta = client.post(url, datos)
    if rol in PUEDEN_EDITAR:
        assert respuesta.status_code == 302
        assert instantanea(borrador)[2] == "Seminario corregido"
    else:
        assert respuesta.status_code == 403
        assert instantanea(borrador)[2] == "Seminario"


@pytest.mark.parametrize(
    ("boton", "fixture", "quien", "esperado"),
    [
        ("_enviar_a_revision", "borrador", PUEDEN_EDITAR, Estado.EN_REVISION),
        ("_publicar_ahora", "borrador", PUEDEN_PUBLICAR, Estado.PUBLICADO),
        ("_programar", "borrador", PUEDEN_PUBLICAR, Estado.PUBLICADO),
    ],
)
@pytest.mark.parametrize("rol", ROLES)
def test_botones_del_flujo(client, request, rol, boton, fixture, quien, esperado):
    """Submit, publish, schedule and withdraw buttons obey the role; refusals are 403."""
    evento = request.getfixturevalue(fixture)
    entrar(client, rol)
    url = url_edicion(evento)
    datos = formulario(client, url)
    if boton == "_programar":
        fecha = timezone.localtime(timezone.now() + timedelta(days=3))
        datos["fecha_publicacion_0"] = [fecha.strftime("%Y-%m-%d")]
        datos["fecha_publicacion_1"] = [fecha.strftime("%H:%M:%S")]
    datos[boton] = ["1"]
    antes = instantanea(evento)
    respuesta = client.post(url, datos)
    if rol in quien:
        assert respuesta.status_code == 302
        assert instantanea(evento)[0] == esperado
        if boton == "_programar":
            assert evento.esta_programado
    else:
        assert respuesta.status_code == 403
        assert instantanea(evento) == antes


@pytest.mark.parametrize("rol", ROLES)
def test_borrar(client, rol, borrador):
    """Only the Administrador role deletes events."""
    entrar(client, rol)
    respuesta = client.post(f"{LISTA}{borrador.pk}/delete/", {"post": "yes"})
    existe = Evento.objects.filter(pk=borrador.pk).exists()
    if rol == ADMINISTRADOR:
        assert respuesta.status_code == 302
        assert not existe
    else:
        assert respuesta.status_code == 403
        assert existe


@pytest.mark.parametrize("rol", ROLES)
def test_publicar_en_bloque(client, rol, borrador):
    """Bulk publishing events is for editors only."""
    entrar(client, rol)
    respuesta = client.post(
        LISTA, {"action": "publicar_seleccionados", "_selected_action": [str(borrador.pk)]}
    )
    borrador.refresh_from_db()
    if rol in PUEDEN_PUBLICAR:
        assert borrador.es_publico
    else:
        assert respuesta.status_code == 403
        assert borrador.estado == Estado.BORRADOR


def test_vista_previa_de_un_evento_sin_publicar(client, borrador):
    """Staff preview an unpublished event with the banner; anonymous visitors get 404."""
    url = f"/eventos/{borrador.slug}/vista-previa/"
    assert client.get(url).status_code == 404
    entrar(client, PERSONAL)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert "Vista previa: este contenido no es público." in respuesta.content.decode()
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"


def test_filtros_de_la_lista(client):
    """The event list filters by consulate and organiser, with facet counts."""
    consulado = ConsuladoFactory(nombre_es="Consulado en Madrid")
    organizador = OrganizacionFactory(nombre_es="OIM")
    con = EventoFactory(organizador=organizador)
    ParticipacionConsularFactory(evento=con, consulado=consulado)
    EventoFactory()
    entrar(client, EDITOR)
    respuesta = client.get(LISTA, {"consulados__id__exact": consulado.pk})
    assert list(respuesta.context["cl"].result_list) == [con]
    respuesta = client.get(LISTA, {"organizador__id__exact": organizador.pk})
    assert list(respuesta.context["cl"].result_list) == [con]
    assert "Consulado en Madrid" in respuesta.content.decode()


def _lista_con(n):
    Evento.objects.all().delete()
    for _ in range(n):
        evento = EventoFactory(organizador=OrganizacionFactory())
        ParticipacionConsularFactory(evento=evento)
    return LISTA


def test_la_lista_no_crece_en_consultas_con_las_filas(client):
    """The event change list runs the same number of queries with 3 rows as with 30."""
    entrar(client, EDITOR)
    presupuesto_constante(client, _lista_con)
