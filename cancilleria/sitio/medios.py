"""Uploaded files on the development server (in production the web server serves /media/).

Django's `static.serve` with the headers the shipped nginx configuration also sends:
`nosniff` on every file; attachments are downloads in a sandbox, so a document that
slipped through can never run as a page of this site. Bad or over-long names are 404s.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils.http import content_disposition_header
from django.views import static

from comunicados.adjuntos import CARPETA as CARPETA_ADJUNTOS

# Linux allows 255 bytes per name and 4096 per path; our own names are far shorter.
LONGITUD_MAXIMA_NOMBRE = 255
LONGITUD_MAXIMA_RUTA = 1024
CSP_ADJUNTOS = "sandbox; default-src 'none'"


def es_adjunto(ruta):
    return ruta.startswith(f"{CARPETA_ADJUNTOS}/")


def servir(request, path):
    """Serve a file from MEDIA_ROOT with safe headers, or answer 404."""
    ruta = posixpath.normpath(path).lstrip("/")
    if (
        "\x00" in ruta
        or len(ruta.encode()) > LONGITUD_MAXIMA_RUTA
        or any(len(parte.encode()) > LONGITUD_MAXIMA_NOMBRE for parte in ruta.split("/"))
    ):
        raise Http404
    try:
        respuesta = static.serve(request, ruta, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError, SuspiciousFileOperation):
        # Name too long for the file system, bad characters, outside the folder.
        raise Http404 from None
    respuesta.headers["X-Content-Type-Options"] = "nosniff"
    if es_adjunto(ruta):
        respuesta.headers["Content-Disposition"] = content_disposition_header(
            True, posixpath.basename(ruta)
        )
        # Set here, so the site-wide CSP middleware leaves it alone.
        respuesta.headers["Content-Security-Policy"] = CSP_ADJUNTOS
    return respuesta
