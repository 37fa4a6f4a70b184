from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, TemaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contenido():
    trata = TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    sobre_trata = ComunicadoFactory(titulo="Sobre trata")
    sobre_trata.temas.add(trata)
    ComunicadoFactory(titulo="Sobre otra cosa").temas.add(TemaFactory())
    oculto = ComunicadoFactory(titulo="Borrador de trata", estado=Estado.BORRADOR)
    oculto.temas.add(trata)
    programado = ComunicadoFactory(
        titulo="Programado de trata", fecha_publicacion=timezone.now() + timedelta(days=1)
    )
    programado.temas.add(trata)
    return trata


@pytest.mark.parametrize("nombre", ["comunicados:feed_rss", "comunicados:feed_atom"])
def test_feed_filtrado_solo_trae_su_tema(client, contenido, nombre):
    """A feed with ?tema= parses and holds only the published releases on that topic."""
    respuesta = client.get(reverse(nombre) + "?tema=trata-de-personas")
    assert respuesta.status_code == 200
    feed = feedparser.parse(respuesta.content)
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Sobre trata"]
    assert "Trata de personas" in feed.feed.title


def test_feed_sin_filtros_excluye_lo_no_publicado(client, contenido):
    """The unfiltered feed has every published release and no draft or scheduled one."""
    feed = feedparser.parse(client.get(reverse("comunicados:feed_rss")).content)
    assert sorted(e.title for e in feed.entries) == ["Sobre otra cosa", "Sobre trata"]


def test_feed_con_filtro_invalido_da_404(client, contenido):
    """An unknown topic in a feed URL is a 404, not a 500 nor an unfiltered feed."""
    assert client.get(reverse("comunicados:feed_rss") + "?tema=no-existe").status_code == 404


def test_feed_consultas_no_crecen(client):
    """The feed's query count does not grow with the number of items."""

    def preparar(n):
        for _ in range(n - Comunicado.objects.count()):
            ComunicadoFactory().temas.add(TemaFactory())
        return reverse("comunicados:feed_atom")

    assert presupuesto_constante(client, preparar) <= 3
