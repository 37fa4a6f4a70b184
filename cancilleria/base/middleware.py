"""Middleware of the project."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class IdiomaAdminMiddleware:
    """Speak Spanish in the admin unless the staff member chose English.

    The admin is outside i18n_patterns, so LocaleMiddleware always gives it LANGUAGE_CODE;
    the language switch in the admin header (set_language) leaves a cookie, read here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        # Not Quechua or Aymara: the admin's own strings exist in Spanish and English only.
        idiomas = set(settings.IDIOMAS_INTERFAZ)
        idioma = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if idioma not in idiomas:
            idioma = settings.LANGUAGE_CODE
        translation.activate(idioma)
        request.LANGUAGE_CODE = idioma
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", idioma)
        patch_vary_headers(response, ["Cookie"])
        return response
