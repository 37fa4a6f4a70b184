"""Subscribe, confirm and unsubscribe pages: double opt-in, bad input, never cached."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cancilleria.alertas.models import AlertaEnviada, Suscripcion
from tests.consultas import contar_consultas
from tests.factories import ComunicadoFactory, ConsuladoFactory, OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

URL = "/alertas/?lista=comunicados&tema=trata-de-personas"


def suscribir(client, url=URL, correo="ana@example.org", frecuencia="inmediata"):
    return client.post(url, {"correo": correo, "frecuencia": frecuencia})


def test_pagina_de_suscripcion_muestra_los_filtros(client, trata):
    """The subscribe page says what will be followed, and links to that list."""
    respuesta = client.get(URL + "&page=2&utm=x")
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "Trata de personas" in texto
    assert 'href="/comunicados/?tema=trata-de-personas"' in texto
    assert 'name="correo"' in texto and 'name="noindex"' not in texto
    assert '<meta name="robots" content="noindex">' in texto


def test_suscribirse_guarda_sin_confirmar_y_encola_la_confirmacion(client, trata, trabajador):
    """Subscribing stores the normalised filters, unconfirmed, and mails a confirm link."""
    respuesta = suscribir(client, URL + "&orden=antiguos&tipo=")
    assert respuesta.status_code == 200
    assert "Revise su correo" in respuesta.content.decode()
    suscripcion = Suscripcion.objects.get()
    assert (suscripcion.correo, suscripcion.lista, suscripcion.filtros) == (
        "ana@example.org",
        "comunicados",
        "tema=trata-de-personas",
    )
    assert suscripcion.confirmada_en is None
    assert mail.outbox == []  # sent by the worker, not the request
    trabajador()
    assert len(mail.outbox) == 1
    assert f"/alertas/confirmar/{suscripcion.token}/" in mail.outbox[0].body


def test_flujo_completo_en_proceso(client, trata, trabajador):
    """Subscribe → mail → confirm → a matching release mails; unsubscribe deletes it all."""
    suscribir(client)
    trabajador()
    suscripcion = Suscripcion.objects.get()
    confirmar = reverse("alertas:confirmar", args=[suscripcion.token])
    assert confirmar in mail.outbox[0].body
    assert "Confirmar" in client.get(confirmar).content.decode()
    assert Suscripcion.objects.get().confirmada_en is None  # GET alone never confirms
    assert client.post(confirmar).status_code == 200
    assert Suscripcion.objects.get().confirmada_en is not None
    ComunicadoFactory(fecha_publicacion=timezone.now()).temas.add(trata)
    ComunicadoFactory(fecha_publicacion=timezone.now())
    trabajador()
    assert len(mail.outbox) == 2
    baja = mail.outbox[1].extra_headers["List-Unsubscribe"].strip("<>")
    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    respuesta = Client(enforce_csrf_checks=True).post(
        baja.removeprefix("http://127.0.0.1:8000"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert respuesta.status_code == 200
    assert not Suscripcion.objects.exists()
    assert not AlertaEnviada.objects.exists()


def test_correo_no_valido_conserva_lo_escrito(client, trata):
    """An invalid address is a form error; what was typed stays; nothing is stored."""
    respuesta = suscribir(client, correo="ana@@example")
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "Introduzca una dirección de correo electrónico válida" in texto
    assert 'value="ana@@example"' in texto
    assert not Suscripcion.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_frecuencia_no_valida_es_un_error_del_formulario(client, trata):
    """A made-up frequency is a form error, not a 500."""
    respuesta = suscribir(client, frecuencia="cada-hora")
    assert respuesta.status_code == 200
    assert not Suscripcion.objects.exists()


@pytest.mark.parametrize(
    "consulta", ["?lista=comunicados&tema=no-existe", "?lista=eventos&desde=ayer"]
)
def test_filtros_no_validos_dan_un_mensaje_claro(client, consulta):
    """Filters that match nothing: a 400 that says why, no form, nothing stored on POST."""
    respuesta = client.get("/alertas/" + consulta)
    assert respuesta.status_code == 400
    assert "no son válidos" in respuesta.content.decode()
    assert 'name="correo"' not in respuesta.content.decode()
    assert suscribir(client, "/alertas/" + consulta).status_code == 400
    assert not Suscripcion.objects.exists()


def test_lista_desconocida_es_404(client):
    """Only releases and events can be followed."""
    assert client.get("/alertas/?lista=usuarios").status_code == 404


def test_sin_lista_se_siguen_todos_los_comunicados(client):
    """/alertas/ alone offers every release."""
    respuesta = client.get("/alertas/")
    assert respuesta.status_code == 200
    suscribir(client, "/alertas/")
    assert Suscripcion.objects.get().filtros == ""


def test_suscribirse_dos_veces_no_duplica(client, trata):
    """The same request again: one row; the confirmation again only after a while; once
    confirmed, nothing."""
    suscribir(client)
    suscribir(client, correo="ana@EXAMPLE.org")
    assert Suscripcion.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        suscribir(client)
    assert DBTaskResult.objects.count() == 2
    Suscripcion.objects.update(confirmada_en=timezone.now())
    respuesta = suscribir(client)
    assert "Revise su correo" in respuesta.content.decode()
    assert DBTaskResult.objects.count() == 2


@pytest.mark.parametrize("nombre", ["alertas:confirmar", "alertas:baja"])
def test_token_desconocido_es_404_con_mensaje(client, nombre):
    """A token that names no subscription: a 404 page that says what may have happened."""
    for metodo in (client.get, client.post):
        respuesta = metodo(reverse(nombre, args=["no-existe-este-token"]))
        assert respuesta.status_code == 404
        assert "no corresponde a ninguna suscripción" in respuesta.content.decode()


def test_enlace_de_token_malformado_es_404(client):
    """A token with characters no token has never reaches the view."""
    assert client.get("/alertas/confirmar/a%20b/").status_code == 404


def test_confirmacion_vencida_borra_y_lo_dice(client):
    """A confirmation link past its time: 410, the address deleted, a way back."""
    suscripcion = Suscripcion.objects.create(correo="a@example.org", lista="comunicados")
    Suscripcion.objects.update(creada=timezone.now() - timedelta(hours=80))
    respuesta = client.post(reverse("alertas:confirmar", args=[suscripcion.token]))
    assert respuesta.status_code == 410
    assert "ha vencido" in respuesta.content.decode()
    assert not Suscripcion.objects.exists()


def test_baja_con_get_solo_pregunta(client):
    """Opening the unsubscribe link shows a button and deletes nothing (link scanners)."""
    suscripcion = Suscripcion.objects.create(
        correo="a@example.org", lista="comunicados", confirmada_en=timezone.now()
    )
    respuesta = client.get(reverse("alertas:baja", args=[suscripcion.token]))
    assert respuesta.status_code == 200
    assert "Darme de baja" in respuesta.content.decode()
    assert Suscripcion.objects.exists()


def test_paginas_de_alertas_nunca_en_el_cache(client, trata):
    """Subscribe, confirm and unsubscribe pages bypass the page cache and forbid copies."""
    suscripcion = Suscripcion.objects.create(correo="a@example.org", lista="comunicados")
    for url in (
        URL,
        reverse("alertas:confirmar", args=[suscripcion.token]),
        reverse("alertas:baja", args=[suscripcion.token]),
        "/en" + URL,
    ):
        for _ in range(2):
            respuesta = client.get(url)
            assert respuesta["X-Cache"] == "BYPASS", url
            assert "no-store" in respuesta["Cache-Control"], url


def test_enlaces_de_alertas_en_listas_y_directorio(client, trata):
    """The lists and every directory page link to their feeds and to alerts with their filter."""
    organizacion = OrganizacionFactory(slug="oim")
    persona = PersonaFactory(slug="ana-perez")
    consulado = ConsuladoFactory(slug="francia", pais="FR")
    casos = {
        "/comunicados/?tema=trata-de-personas&page=1": [
            "/comunicados/feed/rss/?tema=trata-de-personas",
            "/alertas/?lista=comunicados&amp;tema=trata-de-personas",
        ],
        "/eventos/?tema=trata-de-personas": [
            "/eventos/feed/atom/?tema=trata-de-personas",
            "/alertas/?lista=eventos&amp;tema=trata-de-personas",
        ],
        trata.get_absolute_url(): [
            "/comunicados/feed/rss/?tema=trata-de-personas",
            "/eventos/feed/rss/?tema=trata-de-personas",
            "/alertas/?lista=comunicados&amp;tema=trata-de-personas",
        ],
        organizacion.get_absolute_url(): [
            "/comunicados/feed/atom/?organizacion=oim",
            "/eventos/feed/rss/?organizacion=oim",
            "/alertas/?lista=eventos&amp;organizacion=oim",
        ],
        persona.get_absolute_url(): [
            "/comunicados/feed/rss/?persona=ana-perez",
            "/alertas/?lista=comunicados&amp;persona=ana-perez",
        ],
        consulado.get_absolute_url(): [
            "/eventos/feed/rss/?consulado=francia",
            "/alertas/?lista=eventos&amp;consulado=francia",
        ],
    }
    for pagina, enlaces in casos.items():
        texto = client.get(pagina).content.decode()
        assert 'rel="alternate" type="application/rss+xml"' in texto, pagina
        for enlace in enlaces:
            assert f'href="{enlace}"' in texto, (pagina, enlace)
        # Each linked feed exists and parses with that filter.
        for enlace in enlaces:
            if "/feed/" in enlace:
                assert client.get(enlace).status_code == 200, enlace


def test_consultas_de_las_paginas_de_alertas(client, trata):
    """Fixed query budgets for the three pages, whatever is stored."""
    suscripcion = Suscripcion.objects.create(
        correo="a@example.org", lista="comunicados", filtros="tema=trata-de-personas"
    )
    # The topic's validating read; the subscription by token, then its topic.
    assert contar_consultas(client, URL) == 1
    assert contar_consultas(client, reverse("alertas:confirmar", args=[suscripcion.token])) == 2
    assert contar_consultas(client, reverse("alertas:baja", args=[suscripcion.token])) == 2
    # The event list's form lists its consulates from the stored piece, kept in memory.
    assert contar_consultas(client, "/alertas/?lista=eventos&tema=trata-de-personas") == 1
    for n in range(20):
        Suscripcion.objects.create(correo=f"p{n}@example.org", lista="comunicados")
        ComunicadoFactory().temas.add(trata)
    assert contar_consultas(client, URL) == 1
