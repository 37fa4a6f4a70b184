import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cancilleria.base.models import Estado
from tests.factories import (
    CifraFactory,
    ComunicadoFactory,
    EventoFactory,
    OrganizacionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def _json_ld(html):
    bloques = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in bloques]


def test_json_ld_de_comunicado_es_newsarticle():
    """The release page carries NewsArticle JSON-LD with headline, dates and publisher."""
    from django.test import Client

    comunicado = ComunicadoFactory(titulo="Un título </script><script>alert(1)</script>")
    html = Client().get(comunicado.get_absolute_url()).content.decode()
    (datos,) = _json_ld(html)
    assert datos["@type"] == "NewsArticle"
    assert datos["headline"].startswith("Un título </script>")
    for propiedad in ("datePublished", "dateModified", "publisher", "author", "url"):
        assert propiedad in datos
    assert "<script>alert(1)" not in html


def test_json_ld_de_evento_organizacion_y_persona(client):
    """Event, organisation and person pages carry Event, Organization and Person JSON-LD."""
    from tests.factories import CargoFactory

    evento = EventoFactory(lugar="Lima", organizador=OrganizacionFactory())
    (datos,) = _json_ld(client.get(evento.get_absolute_url()).content.decode())
    assert datos["@type"] == "Event"
    assert {"name", "startDate", "location", "eventAttendanceMode", "organizer"} <= datos.keys()
    cargo = CargoFactory(titulo="jefe de misión")
    (org,) = _json_ld(client.get(cargo.organizacion.get_absolute_url()).content.decode())
    assert org["@type"] == "Organization"
    (persona,) = _json_ld(client.get(cargo.persona.get_absolute_url()).content.decode())
    assert persona["@type"] == "Person" and persona["jobTitle"] == "jefe de misión"


def test_open_graph_del_comunicado(client):
    """A release page has Open Graph tags for sharing."""
    comunicado = ComunicadoFactory(titulo="Título para compartir")
    html = client.get(comunicado.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Título para compartir">' in html
    assert '<meta property="og:type" content="article">' in html


def test_cifras_localizadas_por_idioma(client):
    """57.8 reads "57,8 %" in Spanish and "57.8%" in English; thousands are grouped."""
    comunicado = ComunicadoFactory()
    CifraFactory(comunicado=comunicado, valor=Decimal("57.80"), unidad="%")
    CifraFactory(comunicado=comunicado, valor=Decimal("1100"), unidad="casos")
    es = client.get(comunicado.get_absolute_url()).content.decode()
    assert "57,8&nbsp;%" in es
    with translation.override("en"):
        url_en = comunicado.get_absolute_url()
    en = client.get(url_en).content.decode()
    assert "57.8%" in en
    assert "1,100" in en


def test_relacionados_excluyen_lo_no_publicado(client):
    """Related releases share a topic and never include drafts or scheduled ones."""
    tema = TemaFactory()
    comunicado = ComunicadoFactory()
    comunicado.temas.add(tema)
    ComunicadoFactory(titulo="Relacionado visible").temas.add(tema)
    ComunicadoFactory(titulo="Relacionado borrador", estado=Estado.BORRADOR).temas.add(tema)
    ComunicadoFactory(
        titulo="Relacionado programado", fecha_publicacion=timezone.now() + timedelta(days=1)
    ).temas.add(tema)
    html = client.get(comunicado.get_absolute_url()).content.decode()
    assert "Relacionado visible" in html
    assert "Relacionado borrador" not in html and "Relacionado programado" not in html


def test_aviso_de_traduccion_faltante(client):
    """An English page of an untranslated release says so and marks the text as Spanish."""
    comunicado = ComunicadoFactory(titulo_es="Solo en español", titulo_en="")
    with translation.override("en"):
        url = comunicado.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Solo en español" in html
    assert '<article class="comunicado" lang="es">' in html


def test_evento_de_borrador_no_se_muestra_en_el_comunicado(client):
    """A release linked to an unpublished event does not show the event card."""
    evento = EventoFactory(nombre="Evento en borrador", estado=Estado.BORRADOR)
    comunicado = ComunicadoFactory(evento=evento)
    html = client.get(comunicado.get_absolute_url()).content.decode()
    assert "Evento en borrador" not in html


def test_chips_de_filtros_activos_con_enlace_para_quitar(client):
    """Active filters show as chips whose links remove just that value."""
    TemaFactory(slug="migracion", nombre="Migración")
    TemaFactory(slug="trata", nombre="Trata")
    html = client.get(
        reverse("comunicados:lista") + "?tema=migracion&tema=trata&tipo=comunicado"
    ).content.decode()
    assert "Temas: Migración" in html and "Tipo: comunicado" in html
    assert 'href="/comunicados/?tema=trata&amp;tipo=comunicado"' in html
