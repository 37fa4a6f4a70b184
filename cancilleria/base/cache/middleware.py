"""Serve anonymous GETs of public pages from the shared cache; set HTTP caching headers.

Sits high in MIDDLEWARE (below the outage net, above sessions): a hit skips sessions,
CSRF, auth and the view. A request is served from and stored in the cache only when it
is a GET or HEAD from someone with no session (no session or messages cookie, no
Authorization) for a public path. The response is stored only when it is a 200, 301 or
404 that sets no cookie, used no CSRF token and no CSP nonce, and did not ask not to be
cached. See README, "Caching".
"""

import hashlib
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from ..fallos import es_error_de_conexion, respuesta_no_disponible
from . import claves as claves_mod
from . import generacion, purga

logger = logging.getLogger(__name__)

# First path segment (after a language prefix) of what is never cached.
EXCLUIDAS = {"admin", "gestion", "salud", "i18n", "static", "media"}
# Email alerts: forms with CSRF and pages about one person's subscription.
EXCLUIDAS |= {"alertas"}
ESTADOS_GUARDABLES = {200, 301, 404}
# Headers recomputed on every answer, so never stored.
CABECERAS_POR_RESPUESTA = {"cache-control", "last-modified", "expires", "x-cache"}
# Pages about one item; every other public page lists items.
VISTAS_DE_DETALLE = {"comunicados:detalle", "eventos:detalle", "eventos:ics"}


def _segundos(nombre, por_defecto):
    return int(getattr(settings, nombre, por_defecto))


def ruta_publica(ruta):
    """Say whether a path may be cached at all (the admin, staff pages, previews never)."""
    partes = [parte for parte in ruta.split("/") if parte]
    idiomas = {codigo for codigo, _nombre in settings.LANGUAGES}
    if partes and partes[0] in idiomas:
        partes = partes[1:]
    return not (partes and partes[0] in EXCLUIDAS) and "vista-previa" not in partes


def con_sesion(request):
    """Say whether the request may belong to someone (a session, messages, credentials)."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def clave_de_pagina(request, estado):
    # The URL decides the language; parameters sorted and empty ones dropped.
    parametros = sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", "")) if v)
    direccion = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(parametros)}"
    resumen = hashlib.sha256(direccion.encode()).hexdigest()
    return f"publico:pagina:{estado.token}:{estado.hasta}:{resumen}"


def _personal(request, response):
    """Say why a response is per-person (so never shared), or ''."""
    if response.cookies:
        return "cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf"
    if getattr(request, "_csp_nonce", None):
        return "nonce"
    control = response.get("Cache-Control", "").lower()
    if any(v in control for v in ("private", "no-store", "no-cache")):
        return "cache-control"
    return ""


def _guardable(request, response):
    return (
        response.status_code in ESTADOS_GUARDABLES
        and not response.streaming
        and not _personal(request, response)
    )


def cabeceras_publicas(response, estado):
    """Set Cache-Control and Last-Modified on a page anyone may get from a shared cache."""
    restante = None if estado.hasta is None else max(0, int(estado.hasta - time.time()))
    navegador = _segundos("CACHE_PUBLICO_NAVEGADOR", 60)
    compartido = _segundos("CACHE_PUBLICO_CDN", 86400 if purga.adaptador().purga_de_verdad else 60)
    revalidar = _segundos("CACHE_PUBLICO_REVALIDAR", 30)
    if restante is not None:
        # No copy anywhere may outlive the next scheduled change.
        navegador, compartido = min(navegador, restante), min(compartido, restante)
        revalidar = revalidar if restante >= compartido + revalidar else 0
    opciones = {"public": True, "max_age": navegador, "s_maxage": compartido}
    if revalidar:
        opciones["stale_while_revalidate"] = revalidar
    patch_cache_control(response, **opciones)
    response["Last-Modified"] = http_date(estado.desde)


def cabeceras_privadas(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_store=True)


class CachePublicoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "CACHE_PUBLICO_ACTIVO", True):
            return self.get_response(request)
        publica = ruta_publica(request.path_info)
        if request.method not in ("GET", "HEAD") or not publica or con_sesion(request):
            response = self.get_response(request)
            if not publica or con_sesion(request):
                # Staff, previews and staff pages: no browser or proxy keeps a copy.
                cabeceras_privadas(response)
                response["X-Cache"] = "BYPASS"
            return response
        try:
            estado = generacion.estado_actual()
            clave = clave_de_pagina(request, estado)
            guardada = cache.get(clave)
        except Exception as error:  # noqa: BLE001 - a cache hiccup: serve uncached
            if es_error_de_conexion(error):
                # The database is down (the next-change query): the view would wait again.
                return respuesta_no_disponible(request)
            logger.warning("Cache público no disponible", exc_info=True)
            return self.get_response(request)
        if guardada is not None:
            estado_http, cabeceras, contenido = guardada
            response = HttpResponse(contenido, status=estado_http)
            for nombre, valor in cabeceras:
                response[nombre] = valor
            cabeceras_publicas(response, estado)
            response["X-Cache"] = "HIT"
            return response
        marca = claves_mod.empezar_pagina()
        try:
            response = self.get_response(request)
        finally:
            claves = claves_mod.terminar_pagina(marca)
        if not _guardable(request, response):
            if _personal(request, response) not in ("", "cache-control"):
                cabeceras_privadas(response)
            response["X-Cache"] = "NO"
            return response
        self._guardar(request, response, estado, clave, claves)
        return response

    def _guardar(self, request, response, estado, clave, claves):
        coincidencia = getattr(request, "resolver_match", None)
        if coincidencia is None or coincidencia.view_name not in VISTAS_DE_DETALLE:
            claves.add(claves_mod.LISTAS)
        if claves:
            response["Surrogate-Key"] = " ".join(sorted(claves))
        if not response.has_header("ETag"):
            set_response_etag(response)
        cabeceras_publicas(response, estado)
        maximo = _segundos("CACHE_PUBLICO_SEGUNDOS", 3600)
        if response.status_code == 404:
            maximo = min(maximo, 300)
        if estado.hasta is not None:
            maximo = min(maximo, int(estado.hasta - time.time()))
        response["X-Cache"] = "MISS"
        if maximo <= 0:
            return
        cabeceras = [
            (nombre, valor)
            for nombre, valor in response.items()
            if nombre.lower() not in CABECERAS_POR_RESPUESTA
        ]
        try:
            cache.set(clave, (response.status_code, cabeceras, response.content), maximo)
        except Exception:  # noqa: BLE001 - the answer is good; only the copy is lost
            logger.warning("No se pudo guardar en el cache público", exc_info=True)
