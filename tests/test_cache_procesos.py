"""The public cache across processes: a write here is seen at once by a page another
Python process serves from the same database and the same shared cache."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cancilleria.base.cache import escrituras
from cancilleria.base.models import Estado
from comunicados import services
from tests.factories import ComunicadoFactory, TemaFactory
from tests.usuarios import EDITOR, crear_usuario

SERVIDOR = """
from wsgiref.simple_server import WSGIRequestHandler, make_server

import django

django.setup()
from django.core.wsgi import get_wsgi_application


class Callado(WSGIRequestHandler):
    def log_message(self, *args):
        pass


servidor = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Callado)
print(servidor.server_port, flush=True)
servidor.serve_forever()
"""


def _entorno_del_otro_proceso(carpeta_cache):
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cancilleria.settings",
        "DJANGO_CACHE_DIR": str(carpeta_cache),
    }
    entorno.pop("REDIS_URL", None)
    ajustes = connection.settings_dict
    if connection.vendor == "sqlite":
        entorno.pop("DATABASE_URL", None)
        entorno["SQLITE_PATH"] = ajustes["NAME"]
    else:
        usuario = quote(ajustes["USER"] or "")
        clave = f":{quote(ajustes['PASSWORD'])}" if ajustes["PASSWORD"] else ""
        servidor = quote(ajustes["HOST"] or "", safe="")
        entorno["DATABASE_URL"] = (
            f"postgres://{usuario}{clave}@{servidor}:{ajustes['PORT'] or 5432}/{ajustes['NAME']}"
        )
    return entorno


@pytest.fixture
def otro_proceso(transactional_db, _cache_de_la_sesion, monkeypatch):
    """Serve the site from a second Python process on the same database and cache."""
    # Real commits here: the write's hook runs on commit, as in production.
    monkeypatch.setattr(escrituras, "al_confirmar", transaction.on_commit)
    proceso = subprocess.Popen(
        [sys.executable, "-c", SERVIDOR],
        env=_entorno_del_otro_proceso(_cache_de_la_sesion),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        puerto = int(proceso.stdout.readline())
        yield f"127.0.0.1:{puerto}"
    finally:
        proceso.terminate()
        proceso.wait(timeout=10)


def _pedir(anfitrion, ruta):
    try:
        with urllib.request.urlopen(f"http://{anfitrion}{ruta}", timeout=30) as respuesta:
            return respuesta.status, respuesta.headers, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _pagina_del_sitemap(comunicado):
    """Return the sitemap page that lists `comunicado` (pages are ranges of keys)."""
    from comunicados.sitemaps import ComunicadoSitemap

    return f"/sitemap-comunicados.xml?p={ComunicadoSitemap().paginator.pagina_de(comunicado.pk)}"


@pytest.fixture
def sitio(otro_proceso, client):
    """Pages warmed in this process and served from the cache by the other one."""
    tema = TemaFactory(slug="trata-de-personas")
    primero = ComunicadoFactory(titulo="Primer comunicado", slug="primero")
    primero.temas.add(tema)
    rutas = [
        "/",
        "/comunicados/",
        "/comunicados/primero/",
        "/temas/trata-de-personas/",
        "/comunicados/feed/rss/",
        _pagina_del_sitemap(primero),
    ]

    def calentar():
        for ruta in rutas:
            client.get(ruta, HTTP_HOST=otro_proceso)
            estado, cabeceras, _cuerpo = _pedir(otro_proceso, ruta)
            # Stored by this process, served by the other: one shared cache.
            assert (estado, cabeceras["X-Cache"]) == (200, "HIT"), ruta

    def ver(ruta):
        return _pedir(otro_proceso, ruta)[2]

    calentar()
    return {
        "tema": tema,
        "primero": primero,
        "rutas": rutas,
        "sitemap": rutas[-1],
        "calentar": calentar,
        "ver": ver,
        "estado": lambda ruta: _pedir(otro_proceso, ruta)[0],
    }


def test_publicar_se_ve_al_instante_en_otro_proceso(sitio):
    nuevo = ComunicadoFactory(
        titulo="Nuevo comunicado", slug="nuevo", estado=Estado.BORRADOR, fecha_publicacion=None
    )
    nuevo.temas.add(sitio["tema"])
    rutas = sitio["rutas"]
    rutas[rutas.index(sitio["sitemap"])] = _pagina_del_sitemap(nuevo)
    sitio["calentar"]()
    services.publicar(comunicado=nuevo, usuario=crear_usuario(EDITOR))
    for ruta in sitio["rutas"]:
        if ruta != "/comunicados/primero/":
            assert "nuevo" in sitio["ver"](ruta).lower(), ruta


def test_editar_se_ve_al_instante_en_otro_proceso(sitio):
    primero = sitio["primero"]
    primero.titulo = "Título corregido"
    primero.save()
    for ruta in ["/", "/comunicados/", "/comunicados/primero/", "/temas/trata-de-personas/"]:
        assert "Título corregido" in sitio["ver"](ruta), ruta


def test_retirar_se_ve_al_instante_en_otro_proceso(sitio):
    services.retirar(
        comunicado=sitio["primero"], usuario=crear_usuario(EDITOR), motivos={"es": "Duplicado."}
    )
    # Withdrawn: the page stays (200) with the notice; every list drops it at once.
    assert "Duplicado." in sitio["ver"]("/comunicados/primero/")
    for ruta in ["/comunicados/", "/temas/trata-de-personas/", "/comunicados/feed/rss/"]:
        assert "Primer comunicado" not in sitio["ver"](ruta), ruta
    assert "/comunicados/primero/" not in sitio["ver"](sitio["sitemap"])


def test_lo_programado_aparece_a_su_hora_en_otro_proceso(sitio):
    hora = timezone.now() + timedelta(seconds=3)
    programado = ComunicadoFactory(titulo="Programado", slug="programado", fecha_publicacion=hora)
    programado.temas.add(sitio["tema"])
    sitio["calentar"]()
    for ruta in sitio["rutas"]:
        assert "Programado" not in sitio["ver"](ruta), ruta
    time.sleep(max(0, (hora - timezone.now()).total_seconds()) + 0.2)
    for ruta in ["/", "/comunicados/", "/temas/trata-de-personas/", "/comunicados/feed/rss/"]:
        assert "Programado" in sitio["ver"](ruta), ruta
