"""Lists, feeds, exports and sitemaps keep one fixed order: items sharing a date are never
shown twice or skipped when walking the pages (issue 12, defect 3; run on both databases)."""

import csv
import io
import re
from datetime import timedelta

import feedparser
import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils import timezone

from comunicados.models import Comunicado
from comunicados.sitemaps import ComunicadoSitemap
from eventos.gestion.paginas import ParticipacionConsularView
from eventos.models import Evento
from eventos.sitemaps import EventoSitemap
from tests.factories import ComunicadoFactory, ConsuladoFactory, EventoFactory
from tests.listas import mostrados

pytestmark = pytest.mark.django_db

CANTIDAD = 50
APPS_PROPIAS = ("cancilleria", "eventos", "comunicados", "sitio", "base")


@pytest.fixture
def comunicados_empatados():
    """Return 50 public releases published at the very same instant, in creation order."""
    fecha = timezone.now().replace(microsecond=0) - timedelta(hours=3)
    return ComunicadoFactory.create_batch(CANTIDAD, fecha_publicacion=fecha)


@pytest.fixture
def eventos_empatados():
    """Return 50 public past events starting at the very same instant."""
    inicio = timezone.now().replace(microsecond=0) - timedelta(days=3)
    return EventoFactory.create_batch(CANTIDAD, inicio=inicio)


def _recorrer(client, url, clave):
    """Walk pages 1…N of a list and return the slugs shown, in order, repeats included."""
    vistos = []
    pagina, paginas = 1, 1
    separador = "&" if "?" in url else "?"
    while pagina <= paginas:
        respuesta = client.get(f"{url}{separador}page={pagina}")
        assert respuesta.status_code == 200
        paginas = respuesta.context["paginator"].num_pages
        vistos += [obj.slug for obj in mostrados(respuesta, clave)]
        pagina += 1
    assert paginas > 1
    return vistos


def _una_vez_cada_uno(vistos, objetos):
    assert len(vistos) == len(set(vistos)), "an item shows on two pages"
    assert set(vistos) == {o.slug for o in objetos}, "an item shows on no page"


@pytest.mark.parametrize("consulta", ["", "?orden=recientes", "?orden=antiguos"])
def test_lista_de_comunicados_muestra_cada_uno_una_vez(client, comunicados_empatados, consulta):
    vistos = _recorrer(client, f"/comunicados/{consulta}", "comunicados")
    _una_vez_cada_uno(vistos, comunicados_empatados)


def test_lista_de_comunicados_desempata_por_el_mas_nuevo(client, comunicados_empatados):
    vistos = _recorrer(client, "/comunicados/", "comunicados")
    assert vistos == [c.slug for c in sorted(comunicados_empatados, key=lambda c: -c.pk)]


@pytest.mark.parametrize("consulta", ["", "?cuando=pasados"])
def test_lista_de_eventos_muestra_cada_uno_una_vez(client, eventos_empatados, consulta):
    vistos = _recorrer(client, f"/eventos/{consulta}", "object_list")
    _una_vez_cada_uno(vistos, eventos_empatados)


def test_proximos_eventos_empatados_muestran_cada_uno_una_vez(client):
    inicio = timezone.now().replace(microsecond=0) + timedelta(days=5)
    eventos = EventoFactory.create_batch(CANTIDAD, inicio=inicio, fin=inicio + timedelta(hours=2))
    vistos = _recorrer(client, "/eventos/?cuando=proximos", "object_list")
    _una_vez_cada_uno(vistos, eventos)
    # Coming events: soonest first, then in creation order.
    assert vistos == [e.slug for e in sorted(eventos, key=lambda e: e.pk)]


def test_feed_de_comunicados_da_los_mas_nuevos_sin_repetir(client, comunicados_empatados):
    feed = feedparser.parse(client.get("/comunicados/feed/rss/").content)
    enlaces = [entrada.link for entrada in feed.entries]
    esperados = sorted(comunicados_empatados, key=lambda c: -c.pk)[: len(enlaces)]
    assert len(enlaces) == len(set(enlaces)) == 30
    assert [e.rstrip("/").rsplit("/", 1)[1] for e in enlaces] == [c.slug for c in esperados]


def test_calendario_da_cada_evento_una_vez(client, eventos_empatados):
    contenido = client.get("/eventos/calendario.ics").content.decode()
    uids = re.findall(r"^UID:(.+)$", contenido, flags=re.MULTILINE)
    assert len(uids) == len(set(uids)) == CANTIDAD


@pytest.mark.parametrize(
    ("sitemap", "seccion", "fabrica"),
    [
        (ComunicadoSitemap, "comunicados", "comunicados_empatados"),
        (EventoSitemap, "eventos", "eventos_empatados"),
    ],
)
def test_sitemap_paginado_da_cada_pagina_una_vez(
    client, monkeypatch, request, sitemap, seccion, fabrica
):
    objetos = request.getfixturevalue(fabrica)
    # Small pages (two languages per item): the walk crosses many page boundaries.
    monkeypatch.setattr(sitemap, "limit", 14)
    # Pages are key ranges (some may be empty): walk them all, up to the first 404.
    vistas, pagina = [], 1
    while (respuesta := client.get(f"/sitemap-{seccion}.xml?p={pagina}")).status_code == 200:
        vistas += re.findall(r"<loc>([^<]+)</loc>", respuesta.content.decode())
        pagina += 1
        assert pagina < 5_000
    assert respuesta.status_code == 404 and pagina > 2
    espanol = [u for u in vistas if "/en/" not in u]
    assert len(espanol) == len(set(espanol)) == CANTIDAD
    assert {u.rstrip("/").rsplit("/", 1)[1] for u in espanol} == {o.slug for o in objetos}


@pytest.fixture
def personal(client, django_user_model):
    usuario = django_user_model.objects.create_user("personal", password="clave-de-prueba-1")
    usuario.user_permissions.add(
        Permission.objects.get(
            codename="ver_participacion_consular", content_type__app_label="eventos"
        )
    )
    client.force_login(usuario)
    return client


def test_gestion_y_su_exportacion_dan_cada_evento_una_vez(personal, monkeypatch, eventos_empatados):
    monkeypatch.setattr(ParticipacionConsularView, "paginate_by", 12)
    consulado = ConsuladoFactory()
    for evento in eventos_empatados:
        evento.consulados.add(consulado)
    vistos = _recorrer(personal, "/gestion/consulados/", "eventos")
    _una_vez_cada_uno(vistos, eventos_empatados)
    respuesta = personal.get("/gestion/consulados/?formato=csv")
    assert respuesta.status_code == 200
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig")), delimiter=";"))
    enlaces = [celda for fila in filas[1:] for celda in fila if "/eventos/" in celda]
    assert len(enlaces) == len(set(enlaces)) == CANTIDAD
    # The export and the page agree on the order.
    assert [e.rstrip("/").rsplit("/", 1)[1] for e in enlaces] == vistos


def test_todo_orden_por_defecto_termina_en_un_campo_unico():
    """Every Meta.ordering of our models ends with the primary key: a total order."""
    sin_desempate = []
    for modelo in apps.get_models():
        orden = modelo._meta.ordering
        if modelo._meta.app_label not in APPS_PROPIAS or not orden:
            continue
        if modelo.__name__.startswith("Historical"):
            continue
        if str(orden[-1]).lstrip("-") not in ("id", "pk"):
            sin_desempate.append(f"{modelo._meta.label}: {orden}")
    assert not sin_desempate


def test_orden_de_comunicados_y_eventos_por_defecto():
    assert Comunicado._meta.ordering == ["-fecha_publicacion", "-id"]
    assert Evento._meta.ordering == ["-inicio", "-id"]
