"""The event form as a desk: speakers' posts on the event's day, this form's own sessions."""

import html
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from eventos.admin import cargo_en_fecha
from eventos.models import Evento, Participacion
from tests.factories import CargoFactory, EventoFactory, PersonaFactory, SesionFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/eventos/evento/"
URL_CARGO = LISTA + "cargo-en-fecha/"
URL_SESIONES = LISTA + "sesiones-del-evento/"


@pytest.fixture
def persona_con_dos_cargos():
    persona = PersonaFactory(nombre="Jorge Baca")
    antiguo = CargoFactory(
        persona=persona, titulo_es="oficial", desde=date(2015, 1, 1), hasta=date(2019, 12, 31)
    )
    actual = CargoFactory(persona=persona, titulo_es="jefe de misión", desde=date(2020, 1, 1))
    return persona, antiguo, actual


def test_el_cargo_que_tenia_ese_dia(persona_con_dos_cargos):
    persona, antiguo, actual = persona_con_dos_cargos
    assert cargo_en_fecha({"persona": str(persona.pk), "fecha": "2018-05-01"})["id"] == antiguo.pk
    # The admin's date box writes dd/mm/yyyy.
    assert cargo_en_fecha({"persona": str(persona.pk), "fecha": "21/09/2022"})["id"] == actual.pk
    evento = EventoFactory(inicio=timezone.make_aware(timezone.datetime(2016, 3, 1, 9)))
    assert (
        cargo_en_fecha({"persona": str(persona.pk), "evento": str(evento.pk)})["id"] == antiguo.pk
    )
    # Before any post: the latest one, for the person to correct.
    assert cargo_en_fecha({"persona": str(persona.pk), "fecha": "2001-01-01"})["id"] == actual.pk
    assert cargo_en_fecha({"persona": "x"}) is None
    assert cargo_en_fecha({"persona": str(persona.pk), "fecha": "31/02/2022"})["id"] == actual.pk


def test_la_vista_del_cargo(client, persona_con_dos_cargos, django_assert_num_queries):
    persona, antiguo, _actual = persona_con_dos_cargos
    assert client.get(URL_CARGO, {"persona": persona.pk}).status_code == 302
    client.force_login(crear_usuario(REDACTOR))
    client.get(URL_CARGO)  # warm the session and permissions caches
    with django_assert_num_queries(5):
        respuesta = client.get(URL_CARGO, {"persona": persona.pk, "fecha": "2018-05-01"})
    assert json.loads(respuesta.content)["cargo"] == {"id": antiguo.pk, "texto": str(antiguo)}
    assert json.loads(client.get(URL_CARGO, {"persona": "nada"}).content) == {"cargo": None}


def test_sesiones_de_un_evento(client):
    evento = EventoFactory()
    propia = SesionFactory(evento=evento, titulo_es="Inauguración", orden=1)
    SesionFactory(titulo_es="Inauguración de otro evento")
    client.force_login(crear_usuario(PERSONAL))
    assert client.get(URL_SESIONES, {"evento": evento.pk}).status_code in {200, 403}
    client.force_login(crear_usuario(REDACTOR))
    respuesta = client.get(URL_SESIONES, {"evento": evento.pk})
    assert json.loads(respuesta.content) == {
        "sesiones": [{"id": propia.pk, "texto": "Inauguración"}]
    }
    assert json.loads(client.get(URL_SESIONES, {"evento": "x"}).content) == {"sesiones": []}


def _gestion(datos, prefijo, filas):
    datos[f"{prefijo}-TOTAL_FORMS"] = [str(len(filas))]
    for n, fila in enumerate(filas):
        for campo, valor in fila.items():
            datos[f"{prefijo}-{n}-{campo}"] = [str(valor)]


def test_un_ponente_en_una_sesion_anadida_en_el_mismo_formulario(client):
    """A speaker row names a session row of the same, unsaved form: one save links them."""
    client.force_login(crear_usuario(REDACTOR))
    baca = PersonaFactory(nombre="Jorge Baca")
    cargo = CargoFactory(persona=baca)
    otra = SesionFactory(titulo_es="Inauguración")  # another event's: never offered
    alta = LISTA + "add/"
    pagina = client.get(alta).content.decode()
    assert otra.titulo_es not in pagina.split('id="participaciones-group"')[1]
    datos = datos_de_formulario(pagina, "evento_form")
    inicio = timezone.localtime(timezone.now() + timedelta(days=5))
    datos.update(
        nombre_es=["Seminario"],
        slug=["seminario"],
        inicio_0=[inicio.strftime("%Y-%m-%d")],
        inicio_1=["09:00:00"],
    )
    _gestion(
        datos,
        "sesiones",
        [
            {"orden": 1, "tipo": "inauguracion", "titulo_es": "Apertura"},
            {"orden": 2, "tipo": "mesa_de_trabajo", "titulo_es": "Mesa 1"},
        ],
    )
    _gestion(
        datos,
        "participaciones",
        [
            {
                "persona": baca.pk,
                "cargo": cargo.pk,
                "rol": "ponente",
                "sesion_ref": "nueva:sesiones-1",
                "orden": 1,
            }
        ],
    )
    respuesta = client.post(alta, datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    evento = Evento.objects.get(slug="seminario")
    participacion = Participacion.objects.get(evento=evento)
    assert participacion.sesion.titulo_es == "Mesa 1"
    assert participacion.sesion.evento == evento

    # Saved: the session is offered by its id, and keeps its choice on the next save.
    url = f"{LISTA}{evento.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "evento_form")
    assert datos["participaciones-0-sesion_ref"] == [str(participacion.sesion_id)]
    assert client.post(url, datos).status_code == 302
    participacion.refresh_from_db()
    assert participacion.sesion.titulo_es == "Mesa 1"


def test_una_sesion_ajena_no_se_acepta(client):
    client.force_login(crear_usuario(REDACTOR))
    evento = EventoFactory(estado="borrador", fecha_publicacion=None)
    ajena = SesionFactory(titulo_es="Ajena")
    baca = PersonaFactory()
    url = f"{LISTA}{evento.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "evento_form")
    _gestion(
        datos,
        "participaciones",
        [{"persona": baca.pk, "rol": "ponente", "sesion_ref": ajena.pk, "orden": 1}],
    )
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200  # the form comes back with the error
    assert not Participacion.objects.filter(evento=evento).exists()


@pytest.fixture
def consulados_de_la_semilla():
    from django.core.management import call_command

    from comunicados.models import Comunicado

    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    Comunicado.objects.all().delete()
    Evento.objects.all().delete()


def _evento_nuevo(client, texto):
    alta = LISTA + "add/"
    datos = datos_de_formulario(client.get(alta).content, "evento_form")
    inicio = timezone.localtime(timezone.now() + timedelta(days=5))
    datos.update(
        nombre_es=["Seminario"],
        slug=["seminario"],
        inicio_0=[inicio.strftime("%Y-%m-%d")],
        inicio_1=["09:00:00"],
        consulados_texto=[texto],
    )
    return client.post(alta, datos)


def test_la_lista_pegada_del_comunicado_da_sus_39_oficinas(client, consulados_de_la_semilla):
    from cancilleria.sitio.demo import semilla

    client.force_login(crear_usuario(REDACTOR))
    respuesta = _evento_nuevo(client, semilla.LISTA_CONSULADOS_ES)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    evento = Evento.objects.get(slug="seminario")
    # 40 names, France twice: 39 offices, once each.
    assert evento.consulados.count() == 39
    assert set(evento.consulados.values_list("slug", flat=True)) == {
        c.slug for c in semilla.CONSULADOS
    }


def test_un_nombre_desconocido_se_muestra_y_nada_se_pierde(client, consulados_de_la_semilla):
    client.force_login(crear_usuario(REDACTOR))
    texto = "Francia, Atlántida y Chile"
    respuesta = _evento_nuevo(client, texto)
    assert respuesta.status_code == 200
    pagina = html.unescape(respuesta.content.decode())
    assert "No se reconocen: Atlántida." in pagina
    # What was typed comes back in the box.
    assert texto in pagina
    assert not Evento.objects.exists()


def test_una_region_entera_en_una_accion(client, consulados_de_la_semilla):
    from cancilleria.directorio.models import Consulado

    client.force_login(crear_usuario(REDACTOR))
    alta = LISTA + "add/"
    datos = datos_de_formulario(client.get(alta).content, "evento_form")
    inicio = timezone.localtime(timezone.now() + timedelta(days=5))
    datos.update(
        nombre_es=["Seminario"],
        slug=["seminario"],
        inicio_0=[inicio.strftime("%Y-%m-%d")],
        inicio_1=["09:00:00"],
        consulados_region=["europa"],
        consulados_texto=["Japón"],
    )
    respuesta = client.post(alta, datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    europa = set(Consulado.objects.filter(region="europa").values_list("slug", flat=True))
    assert len(europa) > 5
    evento = Evento.objects.get(slug="seminario")
    assert set(evento.consulados.values_list("slug", flat=True)) == europa | {"japon"}


def test_quien_puede_anadir_consulados_tiene_el_mas_en_el_formulario(client, django_user_model):
    """The event form's consulate box has a "+" for whoever may add a consulate, no one else."""
    client.force_login(crear_usuario(REDACTOR))
    formulario = client.get("/admin/eventos/evento/add/").content.decode()
    assert 'id="add_id_consulados"' in formulario
    assert "/admin/cancilleria/consulado/add/" in formulario
    # The same form, for a staff member without that permission (a view-only login).
    sin_permiso = django_user_model.objects.create_user("solo", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    sin_permiso.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_evento", "change_evento", "view_evento"])
    )
    client.force_login(sin_permiso)
    formulario = client.get("/admin/eventos/evento/add/").content.decode()
    assert "id_consulados" in formulario and 'id="add_id_consulados"' not in formulario
