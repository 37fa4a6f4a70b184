from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import (
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionConsularFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contenido():
    trata = TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    francia = ConsuladoFactory(slug="francia", nombre="Consulado General en París", pais="FR")
    sobre_trata = EventoFactory(nombre="Seminario sobre trata", lugar="Lima")
    sobre_trata.temas.add(trata)
    ParticipacionConsularFactory(evento=sobre_trata, consulado=francia)
    EventoFactory(nombre="Reunión de otra cosa").temas.add(TemaFactory())
    EventoFactory(nombre="Borrador de trata", estado=Estado.BORRADOR).temas.add(trata)
    EventoFactory(
        nombre="Programado de trata", fecha_publicacion=timezone.now() + timedelta(days=1)
    ).temas.add(trata)
    return trata


@pytest.mark.parametrize("nombre", ["eventos:feed_rss", "eventos:feed_atom"])
def test_feed_de_eventos_filtrado_solo_trae_su_tema(client, contenido, nombre):
    """An event feed with ?tema= parses cleanly and holds only the public events on it."""
    respuesta = client.get(reverse(nombre) + "?tema=trata-de-personas")
    assert respuesta.status_code == 200
    feed = feedparser.parse(respuesta.content)
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Seminario sobre trata"]
    assert "Trata de personas" in feed.feed.title
    evento = Evento.objects.get(nombre="Seminario sobre trata")
    assert feed.entries[0].link.endswith(evento.get_absolute_url())
    assert "Lima" in feed.entries[0].summary
    assert "/eventos/?tema=trata-de-personas" in feed.feed.link


def test_feed_de_eventos_usa_todos_los_filtros_de_la_lista(client, contenido):
    """Every filter of the event list filters its feed too: consulate, region, when."""
    url = reverse("eventos:feed_rss")

    def titulos(consulta):
        contenido = client.get(url + consulta).content
        return [e.title for e in feedparser.parse(contenido).entries]

    assert titulos("?consulado=francia") == ["Seminario sobre trata"]
    assert titulos("?region=europa") == ["Seminario sobre trata"]
    assert titulos("?cuando=proximos") == []
    assert sorted(titulos("?cuando=pasados")) == ["Reunión de otra cosa", "Seminario sobre trata"]


def test_feed_de_eventos_sin_filtros_excluye_lo_no_publicado(client, contenido):
    """The unfiltered event feed has every public event and no draft or scheduled one."""
    feed = feedparser.parse(client.get(reverse("eventos:feed_atom")).content)
    assert not feed.bozo, feed.bozo_exception
    assert sorted(e.title for e in feed.entries) == [
        "Reunión de otra cosa",
        "Seminario sobre trata",
    ]


@pytest.mark.parametrize("consulta", ["?tema=no-existe", "?desde=ayer", "?consulado=nada"])
def test_feed_de_eventos_con_filtro_invalido_da_404(client, contenido, consulta):
    """A filter value that matches nothing is a 404, never a 500 nor an unfiltered feed."""
    assert client.get(reverse("eventos:feed_rss") + consulta).status_code == 404


def test_feed_de_eventos_responde_304_si_no_cambio(client, contenido):
    """The feed sends Last-Modified and ETag, and a conditional GET gets a 304."""
    url = reverse("eventos:feed_rss") + "?tema=trata-de-personas"
    primera = client.get(url)
    assert primera.has_header("Last-Modified") and primera.has_header("ETag")
    segunda = client.get(url, HTTP_IF_MODIFIED_SINCE=primera["Last-Modified"])
    assert segunda.status_code == 304
    tercera = client.get(url, HTTP_IF_NONE_MATCH=primera["ETag"])
    assert tercera.status_code == 304


def test_feed_de_eventos_cambia_al_publicar(client, contenido):
    """A new public event changes the feed: the old ETag no longer gets a 304."""
    url = reverse("eventos:feed_rss")
    primera = client.get(url)
    EventoFactory(nombre="Evento nuevo")
    segunda = client.get(url, HTTP_IF_NONE_MATCH=primera["ETag"])
    assert segunda.status_code == 200
    assert "Evento nuevo" in segunda.content.decode()


def test_feed_de_eventos_consultas_no_crecen(client):
    """The event feed's query count does not grow with the number of events."""
    organizacion = OrganizacionFactory(slug="oim")

    def preparar(n):
        for _ in range(n - Evento.objects.count()):
            EventoFactory(organizador=organizacion).temas.add(TemaFactory())
        return [reverse("eventos:feed_atom"), reverse("eventos:feed_rss") + "?organizacion=oim"]

    atom, rss = presupuesto_constante(client, preparar)
    # Events and their topics; with a filter, also the organisation (the form's consulates
    # come from the stored piece, kept in memory once read).
    assert atom == 2
    assert rss == 3
