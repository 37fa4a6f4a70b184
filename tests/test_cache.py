"""The shared cache of public pages: served to the anonymous, never stale, never per-user."""

import io
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from cancilleria.base.cache import escrituras, purga
from cancilleria.base.cache.middleware import CachePublicoMiddleware
from cancilleria.base.fallos import respuesta_no_disponible
from cancilleria.base.models import Estado
from tests.factories import ComunicadoFactory, EventoFactory, TemaFactory
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.django_db


def _claves_de_paginas():
    return list(cache._list_cache_files())


# --- one process: what is served, stored and bypassed -------------------------------------


def test_anonimo_recibe_la_copia_del_cache_con_sus_cabeceras(client):
    comunicado = ComunicadoFactory(titulo="Seminario sobre trata")
    primera = client.get("/comunicados/")
    segunda = client.get("/comunicados/")
    assert primera["X-Cache"] == "MISS" and segunda["X-Cache"] == "HIT"
    assert segunda.content == primera.content
    control = segunda["Cache-Control"]
    for parte in ("public", "max-age=60", "s-maxage=60", "stale-while-revalidate=30"):
        assert parte in control
    assert segunda["ETag"] == primera["ETag"]
    assert segunda["Last-Modified"]
    claves = segunda["Surrogate-Key"].split()
    assert "listas" in claves and f"comunicado-{comunicado.pk}" in claves


def test_etag_y_fecha_dan_304_en_paginas_feeds_calendario_y_sitemap(client):
    ComunicadoFactory()
    EventoFactory(slug="seminario")
    rutas = [
        "/comunicados/",
        "/comunicados/feed/rss/",
        "/eventos/calendario.ics",
        "/eventos/seminario.ics",
        "/sitemap.xml",
        "/sitemap-comunicados.xml",
    ]
    for ruta in rutas:
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200, ruta
        por_etag = client.get(ruta, headers={"if-none-match": respuesta["ETag"]})
        assert por_etag.status_code == 304, ruta
        por_fecha = client.get(ruta, headers={"if-modified-since": respuesta["Last-Modified"]})
        assert por_fecha.status_code == 304, ruta


def test_una_escritura_cambia_la_fecha_y_la_etiqueta(client):
    comunicado = ComunicadoFactory(titulo="Antes")
    antes = client.get("/comunicados/")
    time.sleep(1.1)
    comunicado.titulo = "Después"
    comunicado.save()
    despues = client.get(
        "/comunicados/",
        headers={"if-modified-since": antes["Last-Modified"], "if-none-match": antes["ETag"]},
    )
    assert despues.status_code == 200 and b"Despu" in despues.content


def test_los_parametros_se_normalizan_en_la_clave(client):
    ComunicadoFactory(tipo="comunicado")
    assert client.get("/comunicados/?tipo=comunicado&orden=recientes")["X-Cache"] == "MISS"
    assert client.get("/comunicados/?orden=recientes&tipo=comunicado")["X-Cache"] == "HIT"
    # Empty parameters: the same key (the list itself redirects them when uncached).
    assert client.get("/comunicados/?tipo=comunicado&q=&orden=recientes")["X-Cache"] == "HIT"
    assert client.get("/en/comunicados/?orden=recientes&tipo=comunicado")["X-Cache"] == "MISS"


def test_el_idioma_lo_decide_la_url(client):
    client.get("/en/comunicados/")
    espanol = client.get("/comunicados/", headers={"accept-language": "en"})
    assert espanol["Content-Language"] == "es"
    assert client.get("/en/comunicados/")["Content-Language"] == "en"


def test_el_personal_ni_ve_ni_guarda_la_copia_anonima(client):
    ComunicadoFactory()
    assert client.get("/comunicados/")["X-Cache"] == "MISS"
    archivos = set(_claves_de_paginas())
    client.force_login(crear_usuario(EDITOR))
    respuesta = client.get("/comunicados/")
    assert respuesta["X-Cache"] == "BYPASS"
    assert "private" in respuesta["Cache-Control"] and "no-store" in respuesta["Cache-Control"]
    client.get("/comunicados/?tipo=comunicado")
    client.get("/")
    # Nothing new was stored while the staff member browsed (the session is in the database).
    assert set(_claves_de_paginas()) == archivos
    client.logout()
    assert client.get("/comunicados/?tipo=comunicado")["X-Cache"] == "MISS"


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_una_cookie_de_sesion_o_de_mensajes_salta_el_cache(client, cookie):
    client.get("/comunicados/")
    client.cookies[cookie] = "algo"
    assert client.get("/comunicados/")["X-Cache"] == "BYPASS"


@pytest.mark.parametrize(
    "ruta",
    ["/admin/login/", "/salud/", "/gestion/consulados/", "/en/gestion/consulados/"],
)
def test_admin_gestion_y_salud_nunca_se_guardan(client, ruta):
    primera = client.get(ruta)
    segunda = client.get(ruta)
    assert primera["X-Cache"] == segunda["X-Cache"] == "BYPASS"
    assert "no-store" in segunda["Cache-Control"]


def test_la_vista_previa_nunca_se_guarda(client):
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    client.force_login(crear_usuario(EDITOR))
    respuesta = client.get(f"/comunicados/{borrador.slug}/vista-previa/")
    assert respuesta.status_code == 200
    assert respuesta["X-Cache"] == "BYPASS" and "no-store" in respuesta["Cache-Control"]


def _por_el_middleware(respuesta, ruta="/comunicados/", **extra):
    request = RequestFactory().get(ruta, **extra)
    return CachePublicoMiddleware(lambda request: respuesta(request))(request)


def test_lo_personal_nunca_entra_en_una_copia_compartida():
    def con_cookie(request):
        respuesta = HttpResponse("hola")
        respuesta.set_cookie("preferencia", "x")
        return respuesta

    def con_csrf(request):
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return HttpResponse("<input name=csrfmiddlewaretoken value=secreto>")

    def con_nonce(request):
        request._csp_nonce = "abc"
        return HttpResponse("<script nonce=abc></script>")

    for vista in (con_cookie, con_csrf, con_nonce):
        assert _por_el_middleware(vista)["X-Cache"] == "NO"
        assert _por_el_middleware(vista)["X-Cache"] == "NO"
    assert all(b"secreto" not in Path(archivo).read_bytes() for archivo in _claves_de_paginas())


def test_la_pagina_de_caida_y_los_errores_nunca_se_guardan():
    for vista in (respuesta_no_disponible, lambda request: HttpResponse(status=500)):
        assert _por_el_middleware(vista)["X-Cache"] == "NO"
        assert _por_el_middleware(vista)["X-Cache"] == "NO"


def test_un_404_se_guarda_por_url(client):
    assert client.get("/comunicados/no-existe/").status_code == 404
    respuesta = client.get("/comunicados/no-existe/")
    assert respuesta.status_code == 404 and respuesta["X-Cache"] == "HIT"
    assert client.get("/comunicados/otro/")["X-Cache"] == "MISS"


def test_las_paginas_publicas_no_usan_nonce(client):
    comunicado = ComunicadoFactory()
    EventoFactory(slug="seminario")
    for ruta in ("/", "/comunicados/", comunicado.get_absolute_url(), "/eventos/seminario/"):
        respuesta = client.get(ruta)
        assert respuesta["X-Cache"] == "MISS", ruta
        assert "nonce-" not in respuesta["Content-Security-Policy"]


def test_ninguna_copia_dura_mas_que_la_proxima_publicacion_programada(client, ahora):
    ComunicadoFactory(fecha_publicacion=ahora + timedelta(seconds=20))
    respuesta = client.get("/comunicados/")
    assert "max-age=60" not in respuesta["Cache-Control"]
    edad = int(respuesta["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < edad <= 20
    assert "stale-while-revalidate" not in respuesta["Cache-Control"]


class PurgaDePrueba(purga.PurgaCdn):
    recibidas = []

    def purgar(self, claves):
        self.recibidas.append(claves)


def test_una_escritura_llama_al_gancho_de_purga_con_sus_claves(client, settings):
    settings.PURGA_CDN = "tests.test_cache.PurgaDePrueba"
    PurgaDePrueba.recibidas.clear()
    tema = TemaFactory()
    comunicado = ComunicadoFactory(evento=EventoFactory())
    comunicado.temas.add(tema)
    claves = set().union(*PurgaDePrueba.recibidas)
    assert {f"comunicado-{comunicado.pk}", f"evento-{comunicado.evento_id}"} <= claves
    assert {f"tema-{tema.pk}", "listas"} <= claves
    # With a purge hook, shared caches may keep pages for long (until the next midnight at
    # most: events without an end time turn past then).
    control = client.get("/comunicados/")["Cache-Control"]
    assert int(control.split("s-maxage=")[1].split(",")[0]) > 60


def test_una_transaccion_avisa_una_sola_vez_y_al_confirmar(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(escrituras, "al_confirmar", transaction.on_commit)
    with django_capture_on_commit_callbacks() as pendientes:
        comunicado = ComunicadoFactory()
        comunicado.temas.add(TemaFactory())
        ComunicadoFactory()
    assert len([f for f in pendientes if isinstance(f, escrituras.Aviso)]) == 1


def test_el_registro_de_purga_escribe_las_claves(caplog):
    with caplog.at_level("INFO", logger="cancilleria.base.cache.purga"):
        purga.PurgaRegistro().purgar({"comunicado-1", "listas"})
    assert "Purga CDN: comunicado-1 listas" in caplog.text


def test_renovar_cache_reconstruye_cada_pagina(client):
    from django.core.management import call_command

    client.get("/comunicados/")
    assert client.get("/comunicados/")["X-Cache"] == "HIT"
    call_command("renovar_cache", stdout=io.StringIO())
    assert client.get("/comunicados/")["X-Cache"] == "MISS"
