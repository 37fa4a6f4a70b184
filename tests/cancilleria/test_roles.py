import pytest
from django.contrib.auth.models import Group, Permission

from tests.formularios import datos_de_formulario
from tests.usuarios import ADMINISTRADOR, EDITOR, PERSONAL, REDACTOR, ROLES, crear_usuario

pytestmark = pytest.mark.django_db


def codenames(rol):
    return set(
        Group.objects.get(name=rol).permissions.values_list("content_type__app_label", "codename")
    )


def test_la_migracion_crea_los_cuatro_roles():
    """The data migration leaves the four press-office groups in place."""
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_el_redactor_escribe_pero_no_publica_ni_borra():
    """A writer adds and changes releases and events, never publishes or deletes them."""
    permisos = codenames(REDACTOR)
    assert ("comunicados", "add_comunicado") in permisos
    assert ("eventos", "change_evento") in permisos
    assert ("comunicados", "publicar_comunicado") not in permisos
    assert ("comunicados", "delete_comunicado") not in permisos


def test_el_editor_publica_comunicados_y_eventos():
    """A press editor holds both publishing permissions."""
    permisos = codenames(EDITOR)
    assert {("comunicados", "publicar_comunicado"), ("eventos", "publicar_evento")} <= permisos


def test_el_personal_solo_ve():
    """Staff only view (events, consulates, releases) and read the consulates' record."""
    permisos = codenames(PERSONAL)
    assert {
        ("eventos", "view_evento"),
        ("cancilleria", "view_consulado"),
        ("comunicados", "view_comunicado"),
        ("eventos", "ver_participacion_consular"),
    } <= permisos
    assert all(c.startswith(("view_", "ver_")) for _app, c in permisos)


def test_el_administrador_lo_tiene_todo():
    """The Administrador group holds every permission."""
    assert Group.objects.get(name=ADMINISTRADOR).permissions.count() == Permission.objects.count()


def test_el_admin_habla_espanol_aunque_el_navegador_pida_ingles(client):
    """The admin is in Spanish by default, whatever the browser's Accept-Language says."""
    client.force_login(crear_usuario(EDITOR))
    respuesta = client.get("/admin/", headers={"accept-language": "en"})
    assert respuesta["Content-Language"] == "es"
    assert "Cerrar sesión" in respuesta.content.decode()


def test_el_personal_puede_pasar_el_admin_a_ingles(client):
    """The header's language switch (set_language, with CSRF) turns the admin to English."""
    client.force_login(crear_usuario(EDITOR))
    html = client.get("/admin/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    respuesta = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert respuesta.status_code == 302
    respuesta = client.get("/admin/")
    assert respuesta["Content-Language"] == "en"
    assert "Log out" in respuesta.content.decode()
    # The public site keeps its own rule: Spanish at /, English at /en/.
    assert client.get("/")["Content-Language"] == "es"


def test_un_idioma_desconocido_en_la_cookie_deja_el_espanol(client, settings):
    """A forged language cookie falls back to Spanish, never an error."""
    client.force_login(crear_usuario(EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/admin/")["Content-Language"] == "es"


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR])
def test_redactor_y_editor_anaden_consulados_personas_y_organizaciones(client, rol):
    """Issue 11: a missing office no longer needs an Administrador."""
    from cancilleria.directorio.models import Consulado

    permisos = codenames(rol)
    for modelo in ("consulado", "persona", "organizacion"):
        assert {("cancilleria", f"add_{modelo}"), ("cancilleria", f"change_{modelo}")} <= permisos
    assert ("cancilleria", "delete_consulado") not in permisos

    client.force_login(crear_usuario(rol))
    url = "/admin/cancilleria/consulado/add/"
    pagina = client.get(url)
    assert pagina.status_code == 200
    datos = datos_de_formulario(pagina.content, "consulado_form")
    datos.update(
        nombre_es=["Consulado General del Perú en Milán"],
        slug=["milan"],
        pais=["IT"],
        ciudad=["Milán"],
        tipo=["consulado_general"],
    )
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    assert Consulado.objects.get(slug="milan").ciudad == "Milán"
    for modelo in ("persona", "organizacion"):
        assert client.get(f"/admin/cancilleria/{modelo}/add/").status_code == 200


def test_el_personal_no_anade_consulados(client):
    client.force_login(crear_usuario(PERSONAL))
    assert client.get("/admin/cancilleria/consulado/add/").status_code == 403
