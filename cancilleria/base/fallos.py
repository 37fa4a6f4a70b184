"""A database outage answers 503 with a friendly page that needs no database.

Two nets, one page: the middleware turns a connection error raised by a view (or while
its template renders) into the 503; `error_del_servidor`, the project's handler500,
does the same for one raised anywhere else (another middleware saving the session).
The page is templates/503.html rendered once per language with no request, so no
context processor (user, messages, session) runs, then kept in memory.
`SEGUNDOS_REINTENTO_BASE_DE_DATOS` (default 30) is the Retry-After.
"""

import logging
import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

# Django wraps the driver's errors (psycopg's connection refused or timed out, a closed
# connection, SQLite's locked file) in these two.
ERRORES_DE_CONEXION = (OperationalError, InterfaceError)

# Used only if the template itself cannot be read.
PAGINA_MINIMA = (
    '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Servicio no disponible'
    "</title></head><body><main><h1>Volvemos enseguida</h1><p>El sitio no está disponible en "
    "este momento. Inténtelo de nuevo en unos minutos.</p></main></body></html>"
)

_paginas = {}


def es_error_de_conexion(error):
    return isinstance(error, ERRORES_DE_CONEXION)


def _idioma(request):
    # By the URL prefix only: reading a cookie or the session could need the database.
    prefijo = request.path_info.lstrip("/").split("/", 1)[0]
    idiomas = {codigo for codigo, _nombre in settings.LANGUAGES}
    return prefijo if prefijo in idiomas else settings.LANGUAGE_CODE


def _pagina(idioma):
    if idioma not in _paginas:
        try:
            with translation.override(idioma):
                _paginas[idioma] = loader.render_to_string("503.html")
        except Exception:  # noqa: BLE001 - the outage page must never fail in turn
            logger.exception("No se pudo leer la página 503")
            return PAGINA_MINIMA
    return _paginas[idioma]


def respuesta_no_disponible(request):
    """Return the 503 page in the URL's language, with Retry-After and no caching."""
    idioma = _idioma(request)
    respuesta = HttpResponse(_pagina(idioma), status=503, content_type="text/html; charset=utf-8")
    respuesta["Retry-After"] = str(getattr(settings, "SEGUNDOS_REINTENTO_BASE_DE_DATOS", 30))
    respuesta["Content-Language"] = idioma
    add_never_cache_headers(respuesta)
    return respuesta


class BaseDeDatosNoDisponibleMiddleware:
    """Answer 503 instead of the generic 500 when the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not es_error_de_conexion(exception):
            return None
        # The traceback still reaches the log (DEBUG shows the page, not the debug 500).
        logger.warning(
            "Base de datos no disponible en %s: %s", request.path, exception, exc_info=exception
        )
        return respuesta_no_disponible(request)


def error_del_servidor(request):
    """handler500: the 503 page when the error was the database's, else Django's 500."""
    if es_error_de_conexion(sys.exc_info()[1]):
        return respuesta_no_disponible(request)
    return defaults.server_error(request)
