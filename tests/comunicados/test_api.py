"""The release API (/api/v1/comunicados/): visibility, the list's own filters, the seed's
facts, errors, paging headers and query budgets."""

import datetime
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from cancilleria.base.models import Estado
from comunicados.filters import ComunicadoFilter
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import (
    CargoFactory,
    CifraFactory,
    CitaFactory,
    ComunicadoFactory,
    EventoFactory,
    OrganizacionFactory,
    PersonaFactory,
    TemaFactory,
)
from tests.listas import mostrados

pytestmark = pytest.mark.django_db

LISTA = "/api/v1/comunicados/"
SEMILLA = "buenas-practicas-proteccion-victimas-trata-de-personas"


def _slugs(respuesta):
    assert respuesta.status_code == 200, respuesta.content
    return [item["slug"] for item in respuesta.json()["resultados"]]


def _fecha(anio, mes, dia):
    return timezone.make_aware(datetime.datetime(anio, mes, dia, 10))


def test_solo_publicados_en_lista_y_detalle(client):
    """Drafts, items in review, scheduled and withdrawn releases never appear, nor open."""
    visible = ComunicadoFactory()
    ocultos = [
        ComunicadoFactory(estado=Estado.BORRADOR),
        ComunicadoFactory(estado=Estado.EN_REVISION),
        ComunicadoFactory(estado=Estado.RETIRADO),
        ComunicadoFactory(fecha_publicacion=timezone.now() + timedelta(hours=1)),
    ]
    assert _slugs(client.get(LISTA)) == [visible.slug]
    assert client.get(f"{LISTA}{visible.slug}/").status_code == 200
    for oculto in ocultos:
        respuesta = client.get(f"{LISTA}{oculto.slug}/")
        assert respuesta.status_code == 404
        assert respuesta.json() == {"detail": "No existe o no está publicado."}


def test_evento_no_publicado_no_se_filtra_ni_aparece(client):
    """A release's unpublished event is null in the API and cannot be used as a filter."""
    borrador = EventoFactory(estado=Estado.BORRADOR)
    comunicado = ComunicadoFactory(evento=borrador)
    assert client.get(LISTA).json()["resultados"][0]["evento"] is None
    assert client.get(f"{LISTA}{comunicado.slug}/").json()["evento"] is None
    respuesta = client.get(LISTA, {"evento": borrador.slug})
    assert respuesta.status_code == 400
    assert "evento" in respuesta.json()


@pytest.fixture
def variados():
    """Releases that differ in every filtered attribute, so each filter narrows them."""
    tema_a, tema_b = TemaFactory(slug="trata-de-personas"), TemaFactory(slug="migracion")
    org, persona = OrganizacionFactory(slug="oim"), PersonaFactory(slug="jorge-baca")
    evento = EventoFactory(slug="seminario")
    a = ComunicadoFactory(
        titulo="Seminario sobre trata de personas",
        tipo=Comunicado.Tipo.COMUNICADO,
        ambito=Comunicado.Ambito.LOCAL,
        fecha_publicacion=_fecha(2021, 6, 1),
        evento=evento,
    )
    a.temas.add(tema_a)
    a.organizaciones.add(org)
    a.personas.add(persona)
    b = ComunicadoFactory(
        titulo="Reunión consular en Madrid",
        tipo=Comunicado.Tipo.NOTA_DE_PRENSA,
        ambito=Comunicado.Ambito.EXTERIOR,
        fecha_publicacion=_fecha(2022, 3, 15),
    )
    b.temas.add(tema_b)
    c = ComunicadoFactory(
        titulo="Nota informativa migratoria",
        tipo=Comunicado.Tipo.NOTA_INFORMATIVA,
        fecha_publicacion=_fecha(2023, 9, 20),
    )
    c.temas.add(tema_a, tema_b)
    # A joint communiqué: signed with the IOM.
    c.cofirmantes.create(organizacion=OrganizacionFactory(slug="oim-cofirmante"), orden=1)
    ComunicadoFactory(titulo="Borrador sobre trata", estado=Estado.BORRADOR).temas.add(tema_a)
    return {"a": a, "b": b, "c": c}


# One value per filter of the HTML list; the test below fails if the FilterSet gains a
# filter that is not here, so the API cannot silently miss a new one.
VALORES = {
    "q": "trata",
    "tema": ["trata-de-personas", "migracion"],
    "tipo": "comunicado",
    "ambito": "exterior",
    "organizacion": "oim",
    "persona": "jorge-baca",
    "evento": "seminario",
    "desde": "2022-01-01",
    "hasta": "2022-12-31",
    "anio": "2023",
    "orden": "antiguos",
    "cofirmante": "oim-cofirmante",
}


def test_cada_filtro_de_la_lista_da_lo_mismo_en_la_api(client, variados):
    """Every filter of the HTML list gives the same items, in the same order, in the API."""
    assert set(ComunicadoFilter.base_filters) == set(VALORES)
    todos = _slugs(client.get(LISTA))
    assert len(todos) == 3
    for nombre, valor in VALORES.items():
        parametros = {nombre: valor}
        api = _slugs(client.get(LISTA, parametros))
        html = client.get(reverse("comunicados:lista"), parametros)
        assert html.status_code == 200
        esperados = [c.slug for c in mostrados(html)]
        assert api == esperados, nombre
        if nombre == "orden":
            assert api == list(reversed(todos))
        elif nombre == "tema":
            assert set(api) == set(todos)
        else:
            assert 0 < len(api) < len(todos), (nombre, api)


def test_busqueda_en_ingles_con_idioma(client):
    """?idioma=en searches the English text, as the English list does; messages follow it."""
    ingles = ComunicadoFactory(titulo_es="Reunión sobre migración", titulo_en="Trafficking meeting")
    ComunicadoFactory(titulo_es="Otra cosa", titulo_en="Something else")
    api = _slugs(client.get(LISTA, {"q": "trafficking", "idioma": "en"}))
    with translation.override("en"):
        html = client.get(reverse("comunicados:lista"), {"q": "trafficking"})
    assert api == [c.slug for c in mostrados(html)] == [ingles.slug]
    assert _slugs(client.get(LISTA, {"q": "trafficking"})) == []
    mensaje = client.get(LISTA, {"tema": "x", "idioma": "en"}).json()["tema"][0]
    assert mensaje.startswith("Select a valid choice")


def test_idioma_no_valido_da_400(client):
    """An unknown `idioma` is a 400 naming the parameter."""
    respuesta = client.get(LISTA, {"idioma": "fr"})
    assert respuesta.status_code == 400
    assert respuesta.json()["idioma"] == ["Use uno de: es, en, qu, ay."]


def test_tema_repetible(client, variados):
    """`tema` repeated means any of them, as on the page."""
    assert _slugs(client.get(LISTA, {"tema": "trata-de-personas"})) == [
        variados["c"].slug,
        variados["a"].slug,
    ]


def test_semilla_por_tema(client):
    """?tema=trata-de-personas returns the seed release and only matching items."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    otro = ComunicadoFactory()
    otro.temas.add(TemaFactory(slug="otro-tema"))
    ComunicadoFactory(estado=Estado.BORRADOR).temas.add(
        TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    )
    slugs = _slugs(client.get(LISTA, {"tema": "trata-de-personas"}))
    assert slugs == [SEMILLA]
    assert SEMILLA in _slugs(client.get(LISTA))
    assert otro.slug not in slugs


def test_detalle_de_la_semilla_con_sus_hechos(client):
    """The seed release's detail carries its facts: texts in both languages, topics, event,
    organisations, people, figures with source, the quote with the post held then."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    datos = client.get(f"{LISTA}{SEMILLA}/").json()
    assert datos["titulo"]["es"].startswith("Funcionarios del Ministerio de Relaciones Exteriores")
    assert datos["titulo"]["en"]
    assert "200" in datos["cuerpo"]["es"]
    assert datos["ambito"]["codigo"] == "local"
    assert datos["lugar"] == "Lima"
    assert "trata-de-personas" in {t["slug"] for t in datos["temas"]}
    assert datos["evento"]["slug"]
    assert datos["evento"]["enlaces"]["api"].endswith(f"/api/v1/eventos/{datos['evento']['slug']}/")
    siglas = {o["sigla"]["es"] for o in datos["organizaciones"]}
    assert {"OIM", "OIT"} <= siglas
    assert "jorge-baca" in {p["slug"] for p in datos["personas"]}
    porcentajes = [c for c in datos["cifras"] if c["unidad"]["es"] == "%"]
    assert {c["valor"] for c in porcentajes} == {57.8, 30.5}
    assert all(c["fuente"]["sigla"]["es"] == "INEI" for c in porcentajes)
    cita = datos["citas"][0]
    assert cita["persona"]["slug"] == "jorge-baca"
    assert "OIM" in cita["cargo"]["titulo"]["es"]
    assert "reto es enorme" in cita["texto"]["es"]
    # The demo seed has a Quechua text, no Aymara one: only pages that exist are linked.
    assert datos["enlaces"]["html"] == {
        "es": f"http://testserver/comunicados/{SEMILLA}/",
        "en": f"http://testserver/en/comunicados/{SEMILLA}/",
        "qu": f"http://testserver/qu/comunicados/{SEMILLA}/",
    }
    assert datos["enlaces"]["api"] == f"http://testserver{LISTA}{SEMILLA}/"


def test_texto_sin_traducir_es_null(client):
    """An untranslated text is null in English, not the Spanish fallback."""
    ComunicadoFactory(titulo_es="Solo en castellano", titulo_en="")
    item = client.get(LISTA).json()["resultados"][0]
    assert item["titulo"] == {"es": "Solo en castellano", "en": None, "qu": None, "ay": None}
    assert item["tipo"]["nombre"] == {"es": "nota de prensa", "en": "press release"}


@pytest.mark.parametrize(
    "parametros",
    [
        {"tema": "no-existe"},
        {"tipo": "boletin"},
        {"ambito": "galaxia"},
        {"organizacion": "nadie"},
        {"persona": "nadie"},
        {"evento": "nada"},
        {"desde": "ayer"},
        {"hasta": "2024-13-45"},
        {"anio": "dos mil"},
        {"anio": "99999"},
        {"orden": "alfabetico"},
        {"q": "x" * 10_001},
    ],
)
def test_valor_no_valido_da_400_con_mensaje(client, parametros):
    """A bad filter value is a 400 naming the parameter, never a 500."""
    ComunicadoFactory()
    respuesta = client.get(LISTA, parametros)
    assert respuesta.status_code == 400
    errores = respuesta.json()
    assert list(errores) == list(parametros)
    assert errores[next(iter(parametros))][0]


@pytest.mark.parametrize("pagina", ["0", "-1", "abc", "99"])
def test_pagina_no_valida_da_404(client, pagina):
    """A page that does not exist is a 404 with a JSON message, as on the HTML list."""
    ComunicadoFactory()
    respuesta = client.get(LISTA, {"page": pagina})
    assert respuesta.status_code == 404
    assert respuesta.json()["detail"]


def test_paginas_con_cabecera_link(client):
    """Page numbers with a count and RFC 8288 Link headers (first, prev, next, last)."""
    for _ in range(25):
        ComunicadoFactory()
    respuesta = client.get(f"{LISTA}?por_pagina=10&page=2")
    datos = respuesta.json()
    assert (datos["total"], datos["pagina"], datos["paginas"]) == (25, 2, 3)
    assert len(datos["resultados"]) == 10
    base = "http://testserver/api/v1/comunicados/?"
    tercera = f"{base}page=3&por_pagina=10"
    assert respuesta["Link"] == (
        f'<{base}por_pagina=10>; rel="first", <{base}por_pagina=10>; rel="prev", '
        f'<{tercera}>; rel="next", <{tercera}>; rel="last"'
    )
    assert datos["siguiente"] == tercera
    ultima = client.get(LISTA, {"por_pagina": 10, "page": 3})
    assert len(ultima.json()["resultados"]) == 5
    assert 'rel="next"' not in ultima["Link"]
    assert client.get(LISTA, {"por_pagina": 1000}).json()["paginas"] == 1  # capped at 100


@pytest.mark.parametrize("metodo", ["post", "put", "patch", "delete"])
def test_solo_lectura(client, metodo):
    """Writing is not allowed: 405 on the list and on a detail, and nothing changes."""
    comunicado = ComunicadoFactory()
    for url in (LISTA, f"{LISTA}{comunicado.slug}/"):
        respuesta = getattr(client, metodo)(url, {"titulo": "x"}, content_type="application/json")
        assert respuesta.status_code == 405, (metodo, url)
    comunicado.refresh_from_db()
    assert comunicado.titulo != "x"


def _con_partes(n):
    """n public releases, each with a topic, an organisation, a person and an event."""
    for _ in range(n - Comunicado.objects.count()):
        comunicado = ComunicadoFactory(evento=EventoFactory(organizador=OrganizacionFactory()))
        comunicado.temas.add(TemaFactory())
        comunicado.organizaciones.add(OrganizacionFactory())
        comunicado.personas.add(PersonaFactory())


def test_lista_consultas_no_crecen(client):
    """The list costs the same queries with 3 and with 30 releases (all on one page)."""

    def preparar(n):
        _con_partes(n)
        return f"{LISTA}?por_pagina=50"

    presupuesto_constante(client, preparar)


def test_lista_filtrada_consultas_no_crecen(client):
    """A filtered list (topic, search) costs the same queries with 3 and 30 releases."""
    tema = TemaFactory(slug="fijo")

    def preparar(n):
        for _ in range(n - Comunicado.objects.count()):
            ComunicadoFactory(titulo="Trata de personas").temas.add(tema)
        return f"{LISTA}?por_pagina=50&tema=fijo&q=trata"

    presupuesto_constante(client, preparar)


def test_detalle_consultas_no_crecen(client):
    """The detail's queries do not grow with its parts (3 versus 30 of each)."""

    def preparar(n):
        evento = EventoFactory()
        comunicado = ComunicadoFactory(evento=evento)
        for _ in range(n):
            cargo = CargoFactory()
            comunicado.temas.add(TemaFactory())
            comunicado.personas.add(cargo.persona)
            comunicado.organizaciones.add(cargo.organizacion)
            CifraFactory(comunicado=comunicado, fuente=cargo.organizacion)
            CitaFactory(comunicado=comunicado, persona=cargo.persona, cargo=cargo)
        return f"{LISTA}{comunicado.slug}/"

    presupuesto_constante(client, preparar)
