"""The API as a whole: the directory endpoints, the root, the OpenAPI schema, the docs page,
and HTTP caching (ETag, 304, the page cache, one answer whatever the client's language)."""

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from cancilleria.directorio.models import Consulado, Organizacion, Persona, Tema
from comunicados.filters import ComunicadoFilter
from eventos.filters import EventoFilter
from tests.consultas import presupuesto_constante, sin_cache_publico
from tests.factories import (
    CargoFactory,
    ComunicadoFactory,
    ConsuladoFactory,
    OrganizacionFactory,
    PersonaFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def test_raiz_enlaza_colecciones_esquema_y_documentacion(client):
    """/api/v1/ lists every collection, the schema and the docs page."""
    datos = client.get("/api/v1/").json()
    for nombre in ("comunicados", "eventos", "temas", "organizaciones", "personas", "consulados"):
        assert datos[nombre] == f"http://testserver/api/v1/{nombre}/"
        assert client.get(datos[nombre]).status_code == 200
    assert datos["esquema"].endswith("/api/v1/schema/")
    assert datos["documentacion"] == "http://testserver/api/v1/docs/"


def test_directorio_lista_y_detalle(client):
    """Topics, organisations, people and consulates: list and detail by slug."""
    TemaFactory(nombre_es="Migración", nombre_en="Migration", slug="migracion")
    padre = OrganizacionFactory(slug="mre")
    org = OrganizacionFactory(slug="dpn", padre=padre, pais="PE", tipo="dependencia_mre")
    CargoFactory(persona=PersonaFactory(slug="ana"), organizacion=org, titulo="directora")
    ConsuladoFactory(slug="madrid", pais="ES", ciudad="Madrid")
    # Every content language; Quechua and Aymara untranslated here.
    assert client.get("/api/v1/temas/migracion/").json()["nombre"] == {
        "es": "Migración",
        "en": "Migration",
        "qu": None,
        "ay": None,
    }
    datos_org = client.get("/api/v1/organizaciones/dpn/").json()
    assert datos_org["padre"]["slug"] == "mre"
    assert datos_org["tipo"]["codigo"] == "dependencia_mre"
    assert datos_org["pais"]["codigo"] == "PE"
    persona = client.get("/api/v1/personas/ana/").json()
    assert persona["cargos"][0]["titulo"]["es"] == "directora"
    assert persona["cargos"][0]["organizacion"]["slug"] == "dpn"
    datos_consulado = client.get("/api/v1/consulados/madrid/").json()
    assert datos_consulado["region"]["codigo"] == "europa"
    assert datos_consulado["ciudad"] == "Madrid"
    assert datos_consulado["enlaces"]["html"]["en"] == "http://testserver/en/consulados/madrid/"
    for url, modelo in (
        ("/api/v1/temas/", Tema),
        ("/api/v1/organizaciones/", Organizacion),
        ("/api/v1/personas/", Persona),
        ("/api/v1/consulados/", Consulado),
    ):
        assert client.get(url).json()["total"] == modelo.objects.count()
    assert client.get("/api/v1/temas/no-existe/").status_code == 404


@pytest.mark.parametrize(
    ("url", "modelo", "crear"),
    [
        ("/api/v1/temas/?por_pagina=50", Tema, lambda: TemaFactory()),
        (
            "/api/v1/organizaciones/?por_pagina=50",
            Organizacion,
            lambda: OrganizacionFactory(padre=OrganizacionFactory()),
        ),
        ("/api/v1/personas/?por_pagina=50", Persona, lambda: PersonaFactory()),
        ("/api/v1/consulados/?por_pagina=50", Consulado, lambda: ConsuladoFactory()),
    ],
)
def test_directorio_consultas_no_crecen(client, url, modelo, crear):
    """Each directory list costs the same queries with 3 and with 30 entries."""

    def preparar(n):
        while modelo.objects.count() < n:
            crear()
        return url

    presupuesto_constante(client, preparar)


def test_persona_detalle_consultas_no_crecen(client):
    """A person's detail costs the same with 3 and with 30 posts."""
    persona = PersonaFactory()

    def preparar(n):
        for _ in range(n - persona.cargos.count()):
            CargoFactory(persona=persona)
        return f"/api/v1/personas/{persona.slug}/"

    presupuesto_constante(client, preparar)


def test_esquema_openapi_valido(client):
    """The schema is OpenAPI 3 that validates, with every list's filter as a parameter."""
    respuesta = client.get("/api/v1/schema/")
    assert respuesta.status_code == 200
    esquema = respuesta.json()
    assert esquema["openapi"].startswith("3.")
    validate(esquema)
    for ruta, filterset in (
        ("/api/v1/comunicados/", ComunicadoFilter),
        ("/api/v1/eventos/", EventoFilter),
    ):
        nombres = {p["name"] for p in esquema["paths"][ruta]["get"]["parameters"]}
        assert set(filterset.base_filters) | {"page", "por_pagina", "idioma"} == nombres
    assert set(esquema["paths"]) == {
        f"/api/v1/{c}/{s}"
        for c in ("comunicados", "eventos", "temas", "organizaciones", "personas", "consulados")
        for s in ("", "{slug}/")
    }


def test_esquema_igual_en_cualquier_idioma(client):
    """The schema is one answer whatever Accept-Language says (it is cached by URL)."""
    es = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="es").content
    en = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="en").content
    assert es == en


@pytest.mark.parametrize(
    ("url", "textos"),
    [
        ("/api/v1/docs/", ["API de datos abiertos", "Parámetros", "Buscar"]),
        ("/en/api/v1/docs/", ["Open data API", "Parameters", "Search"]),
    ],
)
def test_pagina_de_documentacion(client, url, textos):
    """The docs page lists every endpoint and every filter, in Spanish and in English."""
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    for texto in textos:
        assert texto in contenido
    for ruta in ("/api/v1/comunicados/", "/api/v1/eventos/{slug}/", "/api/v1/consulados/"):
        assert f"GET {ruta}" in contenido
    for nombre in (*ComunicadoFilter.base_filters, *EventoFilter.base_filters):
        assert f"<code>{nombre}</code>" in contenido
    assert "<script" not in contenido.split("</head>")[1]


def test_documentacion_consultas(client, django_assert_max_num_queries):
    """The docs page reads no content: a fixed handful of queries (none for the schema)."""
    client.get("/api/v1/docs/")
    with sin_cache_publico(client) as cliente, django_assert_max_num_queries(2):
        assert cliente.get("/api/v1/docs/").status_code == 200


def test_etag_y_304(client):
    """A conditional GET with the ETag gets 304 Not Modified; a change gives a new ETag."""
    ComunicadoFactory()
    primera = client.get("/api/v1/comunicados/")
    etiqueta = primera["ETag"]
    assert etiqueta
    assert "public" in primera["Cache-Control"]
    segunda = client.get("/api/v1/comunicados/", HTTP_IF_NONE_MATCH=etiqueta)
    assert segunda.status_code == 304
    ComunicadoFactory()
    tercera = client.get("/api/v1/comunicados/", HTTP_IF_NONE_MATCH=etiqueta)
    assert tercera.status_code == 200
    assert tercera["ETag"] != etiqueta


def test_etag_y_304_sin_cache_de_paginas(client):
    """ConditionalGetMiddleware alone answers 304 (the page cache off)."""
    ComunicadoFactory()
    with sin_cache_publico(client) as cliente:
        etiqueta = cliente.get("/api/v1/comunicados/")["ETag"]
        respuesta = cliente.get("/api/v1/comunicados/", HTTP_IF_NONE_MATCH=etiqueta)
    assert respuesta.status_code == 304


def test_cache_de_paginas_sirve_la_api(client):
    """Anonymous API GETs come from the page cache, set no cookie, whatever the language."""
    ComunicadoFactory()
    primera = client.get("/api/v1/comunicados/", HTTP_ACCEPT_LANGUAGE="en")
    assert primera["X-Cache"] == "MISS"
    assert not primera.cookies
    segunda = client.get("/api/v1/comunicados/", HTTP_ACCEPT_LANGUAGE="es")
    assert segunda["X-Cache"] == "HIT"
    assert segunda.content == primera.content
    assert segunda["Content-Language"] == "es, en, qu, ay"


def test_misma_respuesta_en_cualquier_idioma_sin_cache(client):
    """Built twice with different Accept-Language, the answer is the same bytes."""
    ComunicadoFactory().temas.add(TemaFactory())
    with sin_cache_publico(client) as cliente:
        es = cliente.get("/api/v1/comunicados/", HTTP_ACCEPT_LANGUAGE="es").content
        en = cliente.get("/api/v1/comunicados/", HTTP_ACCEPT_LANGUAGE="en").content
    assert es == en


def test_raiz_no_esta_en_la_documentacion_pero_responde(client):
    """The docs link back to the API root, the schema and a worked example."""
    contenido = client.get(reverse("sitio:api_docs")).content.decode()
    assert "http://testserver/api/v1/schema/" in contenido
    assert "/api/v1/comunicados/?tema=trata-de-personas" in contenido


@pytest.mark.parametrize(
    ("prefijo", "crear"),
    [
        ("temas", lambda: TemaFactory()),
        ("organizaciones", lambda: OrganizacionFactory(padre=OrganizacionFactory())),
        ("consulados", lambda: ConsuladoFactory()),
    ],
)
def test_directorio_detalle_consultas_no_crecen(client, prefijo, crear):
    """A directory entry's detail costs the same with 3 and with 30 entries around it."""
    entrada = crear()

    def preparar(n):
        for _ in range(n):
            crear()
        return f"/api/v1/{prefijo}/{entrada.slug}/"

    presupuesto_constante(client, preparar)


def test_mensajes_de_django_no_cambian_por_drf():
    """Installing DRF must not change Django's own Spanish messages (forms, admin):
    app catalogs override Django's, so the project's es catalog restores them."""
    import gettext
    from pathlib import Path

    import django
    import rest_framework
    from django.utils import translation

    def catalogo(paquete):
        ruta = Path(paquete.__file__).parent / "locale/es/LC_MESSAGES/django.mo"
        with ruta.open("rb") as archivo:
            return gettext.GNUTranslations(archivo)._catalog

    propio = catalogo(django.conf)
    comunes = [m for m in catalogo(rest_framework) if isinstance(m, str) and m in propio and m]
    assert "This field is required." in comunes
    with translation.override("es"):
        for mensaje in comunes:
            assert translation.gettext(mensaje) == propio[mensaje], mensaje
