"""Way finding in the admin (issue 11, item 7)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cancilleria.base.models import Estado
from tests.factories import ComunicadoFactory, EventoFactory
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


def test_el_indice_del_admin_enlaza_la_gestion_de_consulados(client):
    client.force_login(crear_usuario(EDITOR))
    html = client.get("/admin/").content.decode()
    assert 'href="/gestion/consulados/"' in html
    assert 'href="/comunicados/"' in html


def test_el_indice_no_ofrece_la_gestion_a_quien_no_puede_verla(client):
    from django.contrib.auth.models import Permission, User

    usuario = User.objects.create_user("sin_gestion", is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="view_comunicado"))
    client.force_login(usuario)
    html = client.get("/admin/").content.decode()
    assert "/gestion/consulados/" not in html


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR])
def test_la_ficha_enlaza_vista_previa_y_pagina_publica(client, rol):
    client.force_login(crear_usuario(rol))
    publicado = ComunicadoFactory()
    html = client.get(f"/admin/comunicados/comunicado/{publicado.pk}/change/").content.decode()
    previa = reverse("comunicados:vista_previa", kwargs={"slug": publicado.slug})
    assert f'href="{previa}" class="enlace-vista-previa"' in html
    assert 'class="enlace-pagina-publica"' in html
    assert f'href="{publicado.get_absolute_url()}" class="enlace-pagina-publica"' in html


def test_un_borrador_solo_enlaza_la_vista_previa(client):
    client.force_login(crear_usuario(EDITOR))
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    html = client.get(f"/admin/comunicados/comunicado/{borrador.pk}/change/").content.decode()
    assert 'class="enlace-vista-previa"' in html
    assert 'class="enlace-pagina-publica"' not in html


def test_la_ficha_del_evento_tambien(client):
    client.force_login(crear_usuario(EDITOR))
    evento = EventoFactory()
    html = client.get(f"/admin/eventos/evento/{evento.pk}/change/").content.decode()
    assert f'href="/eventos/{evento.slug}/vista-previa/" class="enlace-vista-previa"' in html
    assert f'href="{evento.get_absolute_url()}" class="enlace-pagina-publica"' in html


def test_crear_admin_demo_imprime_el_puerto_real(settings, monkeypatch):
    settings.DEBUG = True
    salida = io.StringIO()
    call_command("crear_admin_demo", "--host", "0.0.0.0", "--port", "8765", stdout=salida)
    assert "http://127.0.0.1:8765/admin/" in salida.getvalue()
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("HOST", "localhost")
    salida = io.StringIO()
    call_command("crear_admin_demo", stdout=salida)
    assert "http://localhost:9123/admin/" in salida.getvalue()
    assert ":8000" not in salida.getvalue()
