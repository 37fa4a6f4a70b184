"""'Retirar' and 'Despublicar' in the admin, and renames recorded for 301s, through real POSTs."""

import pytest

from cancilleria.base.models import Estado, SlugAnterior
from comunicados import services
from tests.factories import ComunicadoFactory, EventoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/comunicados/comunicado/"


@pytest.fixture
def editor(client):
    usuario = crear_usuario(EDITOR)
    client.force_login(usuario)
    return usuario


@pytest.fixture
def publicado():
    return ComunicadoFactory(titulo_es="Publicado", slug="publicado")


def test_la_pagina_de_retiro_pide_motivo_y_reemplazo(client, editor, publicado):
    """The withdraw page has a reason per language and a replacement picker."""
    respuesta = client.get(f"{LISTA}{publicado.pk}/retirar/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert 'name="motivo_es"' in html
    assert 'name="motivo_en"' in html
    assert 'name="reemplazo"' in html
    assert "admin-autocomplete" in html


def test_retirar_sin_motivo_da_error_de_formulario(client, editor, publicado):
    """No reason: the form says so (200, not a 500), keeps what was typed, changes nothing."""
    respuesta = client.post(
        f"{LISTA}{publicado.pk}/retirar/", {"motivo_es": "", "motivo_en": "English kept"}
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Este campo es obligatorio" in html
    assert "English kept" in html
    publicado.refresh_from_db()
    assert publicado.estado == Estado.PUBLICADO


def test_un_reemplazo_no_publico_da_error(client, editor, publicado):
    """A draft as replacement is refused by the form, not by a crash."""
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    respuesta = client.post(
        f"{LISTA}{publicado.pk}/retirar/", {"motivo_es": "Motivo", "reemplazo": borrador.pk}
    )
    assert respuesta.status_code == 200
    assert "errorlist" in respuesta.content.decode()
    publicado.refresh_from_db()
    assert publicado.estado == Estado.PUBLICADO


def test_retirar_desde_el_admin(client, editor, publicado):
    """A valid withdrawal saves reason and replacement; the change form then shows them."""
    reemplazo = ComunicadoFactory(titulo_es="Nueva versión")
    respuesta = client.post(
        f"{LISTA}{publicado.pk}/retirar/",
        {"motivo_es": "Se corrigió.", "motivo_en": "Corrected.", "reemplazo": reemplazo.pk},
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"{LISTA}{publicado.pk}/change/"
    publicado.refresh_from_db()
    assert publicado.estado == Estado.RETIRADO
    assert (publicado.motivo_retiro_es, publicado.motivo_retiro_en) == (
        "Se corrigió.",
        "Corrected.",
    )
    assert publicado.reemplazado_por == reemplazo
    html = client.get(respuesta["Location"]).content.decode()
    assert "Se corrigió." in html
    assert "Cambiar el aviso de retiro" in html
    assert "/despublicar/" in html
    # The reason is the service's alone: it is not a field of the change form.
    assert 'name="motivo_retiro_es"' not in html


def test_despublicar_desde_el_admin(client, editor, publicado):
    """Unpublishing from the admin gives the public a 410 and leaves a draft."""
    respuesta = client.post(f"{LISTA}{publicado.pk}/despublicar/", {})
    assert respuesta.status_code == 302
    publicado.refresh_from_db()
    assert publicado.estado == Estado.BORRADOR
    assert publicado.despublicado_en is not None
    assert "Despublicado el" in client.get(respuesta["Location"]).content.decode()
    client.logout()
    assert client.get("/comunicados/publicado/").status_code == 410


def test_despublicar_un_borrador_da_error(client, editor):
    """A draft was never public: the page says so instead of failing."""
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    respuesta = client.post(f"{LISTA}{borrador.pk}/despublicar/", {})
    assert respuesta.status_code == 200
    assert "no está en el sitio público" in respuesta.content.decode()


@pytest.mark.parametrize("rol", [REDACTOR, PERSONAL])
def test_sin_permiso_de_publicar_no_se_retira(client, publicado, rol):
    """Writers and staff get 403 on both pages."""
    client.force_login(crear_usuario(rol))
    for accion in ("retirar", "despublicar"):
        assert client.get(f"{LISTA}{publicado.pk}/{accion}/").status_code == 403
        respuesta = client.post(f"{LISTA}{publicado.pk}/{accion}/", {"motivo_es": "x"})
        assert respuesta.status_code == 403
    publicado.refresh_from_db()
    assert publicado.estado == Estado.PUBLICADO


def test_el_panel_ofrece_retirar_solo_a_quien_publica(client, publicado):
    """Editors see the withdraw and unpublish links; writers do not."""
    client.force_login(crear_usuario(EDITOR))
    html = client.get(f"{LISTA}{publicado.pk}/change/").content.decode()
    assert f"{LISTA}{publicado.pk}/retirar/" in html
    assert f"{LISTA}{publicado.pk}/despublicar/" in html
    client.force_login(crear_usuario(REDACTOR))
    html = client.get(f"{LISTA}{publicado.pk}/change/").content.decode()
    assert "/retirar/" not in html


def test_el_buscador_de_reemplazos_responde(client, editor, publicado):
    """The replacement picker's autocomplete answers for the field."""
    ComunicadoFactory(titulo_es="Otro comunicado")
    respuesta = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "comunicados",
            "model_name": "comunicado",
            "field_name": "reemplazado_por",
            "term": "Otro",
        },
    )
    assert respuesta.status_code == 200
    assert "Otro comunicado" in respuesta.content.decode()


def test_retirar_un_evento_desde_el_admin(client, editor):
    """Events have the same page."""
    evento = EventoFactory(slug="evento-admin")
    respuesta = client.post(f"/admin/eventos/evento/{evento.pk}/retirar/", {"motivo_es": "Ya no."})
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    assert evento.esta_retirado_en_su_url
    client.logout()
    assert "Ya no." in client.get("/eventos/evento-admin/").content.decode()


def test_cambiar_el_slug_en_el_admin_deja_un_301(client, editor, publicado):
    """Renaming in the change form records the old slug; its URL then redirects."""
    url = f"{LISTA}{publicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["slug"] = ["publicado-renombrado"]
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    assert SlugAnterior.objects.filter(slug="publicado", object_id=publicado.pk).exists()
    client.logout()
    redireccion = client.get("/comunicados/publicado/")
    assert redireccion.status_code == 301
    assert redireccion["Location"] == "/comunicados/publicado-renombrado/"
    assert client.get(redireccion["Location"]).status_code == 200


def test_guardar_el_formulario_no_borra_el_retiro(client, editor, publicado):
    """Saving the change form of a withdrawn item (or reverting it) keeps its notice."""
    client.post(f"{LISTA}{publicado.pk}/retirar/", {"motivo_es": "Se mantiene."})
    url = f"{LISTA}{publicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["titulo_es"] = ["Título corregido"]
    assert client.post(url, datos).status_code == 302
    publicado.refresh_from_db()
    assert publicado.titulo_es == "Título corregido"
    assert publicado.esta_retirado_en_su_url
    assert publicado.motivo_retiro_es == "Se mantiene."


def test_un_redactor_no_cambia_un_retirado(client, publicado):
    """A withdrawn page is still public: a writer cannot change it (403), as when published."""
    services.retirar(comunicado=publicado, usuario=crear_usuario(EDITOR), motivos={"es": "Motivo."})
    client.force_login(crear_usuario(REDACTOR))
    url = f"{LISTA}{publicado.pk}/change/"
    assert client.post(url, {"titulo_es": "Cambiado"}).status_code == 403
    publicado.refresh_from_db()
    assert publicado.titulo_es == "Publicado"
