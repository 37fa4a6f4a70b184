from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cancilleria.base.models import Estado
from tests.consultas import presupuesto_constante
from tests.factories import CifraFactory, ComunicadoFactory, TemaFactory
from tests.usuarios import PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


def url(comunicado):
    return f"/comunicados/{comunicado.slug}/vista-previa/"


@pytest.fixture
def borrador():
    return ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_es="Borrador secreto"
    )


@pytest.mark.parametrize("rol", [REDACTOR, PERSONAL])
def test_el_personal_ve_el_borrador_con_aviso(client, borrador, rol):
    """Staff see the unpublished release in the public template, under a visible banner."""
    client.force_login(crear_usuario(rol))
    respuesta = client.get(url(borrador))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Borrador secreto" in html
    assert "Vista previa: este contenido no es público." in html
    assert "aviso-vista-previa" in html


def test_la_vista_previa_no_se_guarda_ni_se_indexa(client, borrador):
    """The preview is never cached and tells robots not to index it (header and meta)."""
    client.force_login(crear_usuario(REDACTOR))
    respuesta = client.get(url(borrador))
    assert "no-cache" in respuesta["Cache-Control"]
    assert "private" in respuesta["Cache-Control"] or "no-store" in respuesta["Cache-Control"]
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in respuesta.content.decode()


def test_sin_sesion_la_vista_previa_es_404(client, borrador):
    """Anonymous visitors get a 404, the same as for a missing release."""
    assert client.get(url(borrador)).status_code == 404


def test_un_usuario_que_no_es_personal_recibe_404(client, borrador):
    """A logged-in user who is not staff gets a 404."""
    client.force_login(User.objects.create_user("visitante"))
    assert client.get(url(borrador)).status_code == 404


def test_el_borrador_sigue_sin_ser_publico(client, borrador):
    """The public page of a draft stays a 404 even for staff: the preview is separate."""
    client.force_login(crear_usuario(REDACTOR))
    assert client.get(f"/comunicados/{borrador.slug}/").status_code == 404


def test_la_vista_previa_de_un_programado(client):
    """A scheduled release can be previewed before its time; its banner says 'Programado'."""
    programado = ComunicadoFactory(fecha_publicacion=timezone.now() + timedelta(days=1))
    client.force_login(crear_usuario(REDACTOR))
    assert "Programado" in client.get(url(programado)).content.decode()


def test_slug_inexistente_da_404(client):
    """An unknown slug is a 404 for staff too."""
    client.force_login(crear_usuario(REDACTOR))
    assert client.get("/comunicados/no-existe/vista-previa/").status_code == 404


def test_ver_en_el_sitio_lleva_a_la_vista_previa(client, borrador):
    """The admin's 'Ver en el sitio' of a draft goes to the preview, of a public one to its page."""
    client.force_login(crear_usuario(REDACTOR))
    html = client.get(f"/admin/comunicados/comunicado/{borrador.pk}/change/").content.decode()
    assert url(borrador) in html
    publicado = ComunicadoFactory()
    html = client.get(f"/admin/comunicados/comunicado/{publicado.pk}/change/").content.decode()
    assert f'href="/comunicados/{publicado.slug}/"' in html


def _borrador_con(n):
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    comunicado.temas.set([TemaFactory() for _ in range(n)])
    for _ in range(n):
        CifraFactory(comunicado=comunicado)
    return url(comunicado)


def test_la_vista_previa_no_crece_en_consultas(client):
    """The preview runs the same number of queries with 3 parts as with 30."""
    client.force_login(crear_usuario(REDACTOR))
    presupuesto_constante(client, _borrador_con)
