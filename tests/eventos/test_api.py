"""The event API (/api/v1/eventos/): visibility, the list's own filters, the programme,
errors and query budgets."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cancilleria.base.models import Estado
from eventos.filters import EventoFilter
from eventos.models import Evento, Participacion, Sesion
from tests.consultas import presupuesto_constante
from tests.factories import (
    CargoFactory,
    ColaboracionFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    SesionFactory,
    TemaFactory,
)
from tests.listas import mostrados

pytestmark = pytest.mark.django_db

LISTA = "/api/v1/eventos/"


def _slugs(respuesta):
    assert respuesta.status_code == 200, respuesta.content
    return [item["slug"] for item in respuesta.json()["resultados"]]


def _momento(anio, mes, dia):
    return timezone.make_aware(datetime.datetime(anio, mes, dia, 10))


def test_solo_publicados_en_lista_y_detalle(client):
    """Drafts, items in review, scheduled and withdrawn events never appear, nor open."""
    visible = EventoFactory()
    ocultos = [
        EventoFactory(estado=Estado.BORRADOR),
        EventoFactory(estado=Estado.EN_REVISION),
        EventoFactory(estado=Estado.RETIRADO),
        EventoFactory(fecha_publicacion=timezone.now() + timedelta(days=2)),
    ]
    assert _slugs(client.get(LISTA)) == [visible.slug]
    for oculto in ocultos:
        assert client.get(f"{LISTA}{oculto.slug}/").status_code == 404


@pytest.fixture
def variados():
    """Events that differ in every filtered attribute, so each filter narrows them."""
    francia = ConsuladoFactory(slug="francia", pais="FR", ciudad="París")
    chile = ConsuladoFactory(slug="chile", pais="CL", ciudad="Santiago")
    oim, oit = OrganizacionFactory(slug="oim"), OrganizacionFactory(slug="oit")
    tema = TemaFactory(slug="trata-de-personas")
    a = EventoFactory(
        nombre="Seminario sobre trata",
        tipo=Evento.Tipo.SEMINARIO,
        modalidad="virtual",
        inicio=_momento(2021, 6, 1),
        fin=_momento(2021, 6, 1) + timedelta(hours=3),
        organizador=oim,
    )
    a.consulados.add(francia)
    a.temas.add(tema)
    b = EventoFactory(
        nombre="Taller consular",
        tipo=Evento.Tipo.TALLER,
        inicio=_momento(2022, 3, 15),
        fin=_momento(2022, 3, 15) + timedelta(hours=3),
    )
    b.consulados.add(chile)
    ColaboracionFactory(evento=b, organizacion=oit)
    c = EventoFactory(
        nombre="Foro futuro",
        tipo=Evento.Tipo.FORO,
        inicio=timezone.now() + timedelta(days=30),
        fin=None,
    )
    c.consulados.add(francia, chile)
    EventoFactory(nombre="Borrador", estado=Estado.BORRADOR).consulados.add(francia)
    return {"a": a, "b": b, "c": c}


# One value per filter of the HTML list; a new filter missing here fails the test below.
VALORES = {
    "q": "seminario",
    "consulado": ["chile"],
    "region": "europa",
    "organizacion": "oit",
    "tema": "trata-de-personas",
    "tipo": "taller",
    "modalidad": "virtual",
    "desde": "2022-01-01",
    "hasta": "2021-12-31",
    "cuando": "proximos",
}


def test_cada_filtro_de_la_lista_da_lo_mismo_en_la_api(client, variados):
    """Every filter of the HTML list gives the same items, in the same order, in the API."""
    assert set(EventoFilter.base_filters) == set(VALORES)
    todos = _slugs(client.get(LISTA))
    assert len(todos) == 3
    for nombre, valor in VALORES.items():
        parametros = {nombre: valor}
        api = _slugs(client.get(LISTA, parametros))
        html = client.get(reverse("eventos:lista"), parametros)
        assert html.status_code == 200
        assert api == [e.slug for e in mostrados(html, "eventos")], nombre
        assert 0 < len(api) < len(todos), (nombre, api)


def test_consulado_repetible(client, variados):
    """Several consulates mean any of them, as on the page."""
    slugs = _slugs(client.get(f"{LISTA}?consulado=francia&consulado=chile"))
    assert set(slugs) == {variados["a"].slug, variados["b"].slug, variados["c"].slug}


@pytest.mark.parametrize(
    "parametros",
    [
        {"consulado": "atlantida"},
        {"region": "marte"},
        {"organizacion": "nadie"},
        {"tema": "nada"},
        {"tipo": "fiesta"},
        {"modalidad": "telepatica"},
        {"desde": "mañana"},
        {"cuando": "siempre"},
    ],
)
def test_valor_no_valido_da_400_con_mensaje(client, parametros):
    """A bad filter value is a 400 naming the parameter, never a 500."""
    EventoFactory()
    respuesta = client.get(LISTA, parametros)
    assert respuesta.status_code == 400
    assert list(respuesta.json()) == list(parametros)


def test_detalle_con_programa_y_consulados(client):
    """The detail carries the programme: sessions with their speakers and posts held then,
    general participants, supporting organisations with their role, consulates with region."""
    evento = EventoFactory(nombre_es="Seminario", nombre_en="Seminar", asistentes=200)
    sesion = SesionFactory(evento=evento, tipo=Sesion.Tipo.CONFERENCIA_INAUGURAL, orden=1)
    cargo = CargoFactory(titulo="relatora especial")
    ParticipacionFactory(
        evento=evento,
        sesion=sesion,
        persona=cargo.persona,
        cargo=cargo,
        rol=Participacion.Rol.CONFERENCISTA,
    )
    ParticipacionFactory(evento=evento, rol=Participacion.Rol.AUTORIDAD_PRESENTE)
    ColaboracionFactory(evento=evento, organizacion=OrganizacionFactory(slug="oim"))
    evento.consulados.add(ConsuladoFactory(slug="francia", pais="FR"))
    datos = client.get(f"{LISTA}{evento.slug}/").json()
    assert datos["nombre"] == {"es": "Seminario", "en": "Seminar", "qu": None, "ay": None}
    assert datos["asistentes"] == 200
    (sesion_api,) = datos["sesiones"]
    assert sesion_api["tipo"]["codigo"] == "conferencia_inaugural"
    (ponente,) = sesion_api["participaciones"]
    assert ponente["persona"]["slug"] == cargo.persona.slug
    assert ponente["cargo"]["titulo"]["es"] == "relatora especial"
    assert ponente["rol"]["codigo"] == "conferencista"
    assert [p["rol"]["codigo"] for p in datos["participaciones"]] == ["autoridad_presente"]
    assert datos["colaboraciones"][0]["organizacion"]["slug"] == "oim"
    assert datos["colaboraciones"][0]["rol"]["codigo"] == "apoyo_tecnico"
    (consulado,) = datos["consulados"]
    assert consulado["region"]["codigo"] == "europa"
    assert consulado["pais"] == {"codigo": "FR", "nombre": {"es": "Francia", "en": "France"}}


def _con_partes(n):
    for _ in range(n - Evento.objects.count()):
        evento = EventoFactory(organizador=OrganizacionFactory())
        evento.temas.add(TemaFactory())
        evento.consulados.add(ConsuladoFactory())


def test_lista_consultas_no_crecen(client):
    """The list costs the same queries with 3 and with 30 events (all on one page)."""

    def preparar(n):
        _con_partes(n)
        return f"{LISTA}?por_pagina=50"

    presupuesto_constante(client, preparar)


def test_detalle_consultas_no_crecen(client):
    """The detail's queries do not grow with sessions, speakers, partners, consulates."""

    def preparar(n):
        evento = EventoFactory(organizador=OrganizacionFactory())
        for _ in range(n):
            sesion = SesionFactory(evento=evento)
            cargo = CargoFactory()
            ParticipacionFactory(evento=evento, sesion=sesion, persona=cargo.persona, cargo=cargo)
            ParticipacionFactory(evento=evento)
            ColaboracionFactory(evento=evento)
            evento.consulados.add(ConsuladoFactory())
            evento.temas.add(TemaFactory())
        return f"{LISTA}{evento.slug}/"

    presupuesto_constante(client, preparar)
