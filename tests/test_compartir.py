"""Sharing and search engines: JSON-LD that validates, og:image, per-item descriptions,
canonical links, headline length, performers, heading order and the header search label."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import translation

from cancilleria.base.estructurados import recortar
from eventos.models import Participacion
from tests.esquema_org import problemas_event, problemas_news_article
from tests.factories import ComunicadoFactory, EventoFactory, ParticipacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

SEMILLA = "/comunicados/buenas-practicas-proteccion-victimas-trata-de-personas/"
EVENTO = "/eventos/seminario-internacional-proteccion-victimas-trata-de-personas/"


def _json_ld(html):
    bloques = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in bloques]


def _meta(html, propiedad):
    encontrado = re.search(rf'<meta property="{propiedad}" content="([^"]*)"', html)
    return encontrado.group(1) if encontrado else None


def _canonica(html):
    encontrado = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return encontrado.group(1) if encontrado else None


@pytest.fixture
def demo():
    call_command("cargar_demo", "--comunicados", "2", "--eventos", "1", verbosity=0)


@pytest.mark.parametrize("prefijo", ["", "/en"])
def test_json_ld_del_comunicado_semilla_valida(client, demo, prefijo):
    """The seed release's NewsArticle has every required and recommended property."""
    respuesta = client.get(prefijo + SEMILLA)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    (datos,) = _json_ld(html)
    assert problemas_news_article(datos) == []
    assert _meta(html, "og:image").startswith("http://testserver/")


@pytest.mark.parametrize("prefijo", ["", "/en"])
def test_json_ld_del_evento_semilla_valida(client, demo, prefijo):
    """The seed event's Event has every required and recommended property, its own
    og:description, and only those who spoke as performers."""
    html = client.get(prefijo + EVENTO).content.decode()
    (datos,) = _json_ld(html)
    assert problemas_event(datos) == []
    assert _meta(html, "og:image").endswith("/static/img/tarjeta-compartir.png")
    generica = "Comunicados, notas de prensa y eventos del Ministerio"
    descripcion = _meta(html, "og:description")
    assert descripcion and not descripcion.startswith(generica)
    assert descripcion[:40] in datos["description"]


def test_el_comprobador_detecta_faltas():
    """The checker is not a rubber stamp: a bare article or event fails it."""
    assert problemas_news_article({"@type": "NewsArticle", "headline": "x" * 111}) != []
    incompleto = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Evento",
        "startDate": "2026-01-01T10:00:00-05:00",
    }
    problemas = problemas_event(incompleto)
    for propiedad in ("endDate", "location", "performer", "image", "description"):
        assert any(p.startswith(propiedad) for p in problemas), propiedad


def test_titular_largo_se_corta_entre_palabras():
    """A headline over 110 characters ends at a whole word with an ellipsis."""
    titulo = (
        "Funcionarios del Ministerio de Relaciones Exteriores analizaron buenas prácticas "
        "para la protección de víctimas de trata de personas"
    )
    corto = recortar(titulo)
    assert len(corto) <= 110
    assert corto.endswith("…")
    assert titulo.startswith(corto[:-1])
    assert titulo[len(corto) - 1] == " "  # the cut fell between two words
    assert recortar("Un título corto") == "Un título corto"
    assert len(recortar("palabra" * 30)) == 110


def test_titular_en_json_ld_recortado(client):
    """The release page's JSON-LD headline is the cut one."""
    comunicado = ComunicadoFactory(titulo="Palabra " * 20 + "víctimas de trata")
    (datos,) = _json_ld(client.get(comunicado.get_absolute_url()).content.decode())
    assert len(datos["headline"]) <= 110 and datos["headline"].endswith("…")


def test_performer_solo_quien_hablo(client):
    """An authority who only attended is not a performer; speakers and moderators are."""
    evento = EventoFactory(lugar="Lima")
    for rol, nombre in (
        (Participacion.Rol.PONENTE, "Ana Ponente"),
        (Participacion.Rol.MODERADOR, "Beto Moderador"),
        (Participacion.Rol.AUTORIDAD_PRESENTE, "Carla Autoridad"),
    ):
        ParticipacionFactory(evento=evento, rol=rol, persona=PersonaFactory(nombre=nombre))
    (datos,) = _json_ld(client.get(evento.get_absolute_url()).content.decode())
    assert [p["name"] for p in datos["performer"]] == ["Ana Ponente", "Beto Moderador"]


def test_canonica_sin_filtros_salvo_pagina(client):
    """Canonical links name the page without filter noise, keeping a page past the first."""
    ComunicadoFactory.create_batch(3)
    html = client.get("/comunicados/?tema=&tipo=comunicado&utm_source=x").content.decode()
    assert _canonica(html) is None  # empty parameters first redirect (below)
    html = client.get("/comunicados/?tipo=comunicado&utm_source=x").content.decode()
    assert _canonica(html) == "http://testserver/comunicados/"
    assert _meta(html, "og:url") == "http://testserver/comunicados/"
    html = client.get("/en/comunicados/?page=1").content.decode()
    assert _canonica(html) == "http://testserver/en/comunicados/"


def test_canonica_conserva_la_pagina(client):
    """Page 2 of a list is its own canonical page."""
    from comunicados.views import ComunicadoListView

    ComunicadoFactory.create_batch(3)
    original = ComunicadoListView.paginate_by
    ComunicadoListView.paginate_by = 2
    try:
        html = client.get("/comunicados/?page=2&tipo=comunicado").content.decode()
    finally:
        ComunicadoListView.paginate_by = original
    assert _canonica(html) == "http://testserver/comunicados/?page=2"


@pytest.mark.parametrize(
    "url",
    ["/", "/eventos/", "/temas/no-existe/", "/buscar/?q=trata", "/comunicados/no-existe/"],
)
def test_toda_pagina_publica_tiene_canonica_e_imagen(client, url):
    """Every public page, a 404 included, names its canonical URL and a share image."""
    html = client.get(url).content.decode()
    assert _canonica(html) == "http://testserver" + url.split("?")[0]
    assert _meta(html, "og:image")


class _Encabezados(HTMLParser):
    def __init__(self):
        super().__init__()
        self.niveles = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.niveles.append(int(tag[1]))


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_inicio_sin_saltos_de_encabezado(client, demo, idioma):
    """The home page never jumps a heading level down (axe heading-order)."""
    with translation.override(idioma):
        html = client.get("/" if idioma == "es" else "/en/").content.decode()
    lector = _Encabezados()
    lector.feed(html)
    assert lector.niveles[0] == 1
    for anterior, siguiente in zip(lector.niveles, lector.niveles[1:], strict=False):
        assert siguiente <= anterior + 1, lector.niveles


def test_buscador_de_cabecera_con_etiqueta(client):
    """The header search box has a label tied to it (shown, not screen-reader only)."""
    html = client.get("/").content.decode()
    assert re.search(r'<label class="buscador-cabecera__etiqueta" for="busqueda-sitio">', html)
    assert 'id="busqueda-sitio"' in html
