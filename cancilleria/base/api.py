"""Building blocks of the public read-only API (/api/v1/), shared by every app's `api.py`.

The API is language-neutral: translated content carries every content language
(`{"es": …, "en": …}`), choices carry their code and their label in each language, and
links name the page in each language. So one URL gives one answer whatever the client's
`Accept-Language`, and the page cache (keyed by URL) can serve it to everyone.
"""

from functools import lru_cache

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field, inline_serializer
from modeltranslation.settings import AVAILABLE_LANGUAGES
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .idiomas import idiomas_de
from .vistas import PaginadorAcotado


def idiomas():
    """Return the content languages, the default first."""
    return list(AVAILABLE_LANGUAGES)


def idiomas_de_nombres():
    """Return the languages labels and country names come in: those the UI is translated
    into (a Quechua or Aymara label would only repeat the Spanish one)."""
    return list(settings.IDIOMAS_INTERFAZ)


def _textos(valores):
    # An untranslated text is null, not "": a client can tell "not translated" from "empty".
    return {idioma: (valor or None) for idioma, valor in valores}


@extend_schema_field(
    {
        "type": "object",
        "description": _("Un texto en cada idioma de contenido; null si no está traducido."),
        "properties": {idioma: {"type": "string", "nullable": True} for idioma in idiomas()},
    }
)
class CampoTraducido(serializers.Field):
    """A translated model field as {language: text} (modeltranslation's `<campo>_<idioma>`)."""

    def __init__(self, campo=None, **kwargs):
        self.campo = campo
        kwargs["read_only"] = True
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.campo = self.campo or field_name

    def to_representation(self, instancia):
        return _textos((i, getattr(instancia, f"{self.campo}_{i}", None)) for i in idiomas())


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "codigo": {"type": "string"},
            "nombre": {
                "type": "object",
                "properties": {idioma: {"type": "string"} for idioma in idiomas_de_nombres()},
            },
        },
    }
)
class CampoOpcion(serializers.Field):
    """A choice as {"codigo": stored value, "nombre": {language: label}}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instancia):
        return type(instancia), self.source, getattr(instancia, self.source)

    def to_representation(self, trio):
        modelo, campo, valor = trio
        if valor in (None, ""):
            return None
        return {"codigo": valor, "nombre": nombres_de_opcion(modelo, campo, valor)}


@lru_cache(maxsize=512)
def nombres_de_opcion(modelo, campo, valor):
    """Return {language: label} of a choice (labels are code: computed once per process)."""
    opciones = dict(modelo._meta.get_field(campo).flatchoices)
    nombres = {}
    for idioma in idiomas_de_nombres():
        with translation.override(idioma):
            nombres[idioma] = str(opciones.get(valor, valor))
    return nombres


def _prefijo(idioma):
    # As i18n_patterns(prefix_default_language=False): "/" for Spanish, "/en/" for English.
    prefijo = get_script_prefix()
    return prefijo if idioma == settings.LANGUAGE_CODE else f"{prefijo}{idioma}/"


def url_en_idiomas(request, ruta, objeto=None):
    """Return {language: absolute URL} of `ruta`, a public page's path in the active language,
    for the languages the page exists in (Quechua and Aymara: only if `objeto` is translated).

    Every language has the same paths under its prefix (the URL contract), so one
    reverse() per item is enough: activating each language per item cost ~1 ms.
    """
    actual = _prefijo(translation.get_language())
    sin_prefijo = ruta[len(actual) - 1 :] if ruta.startswith(actual) else ruta
    return {
        idioma: request.build_absolute_uri(_prefijo(idioma)[:-1] + sin_prefijo)
        for idioma in idiomas_de(objeto)
    }


@extend_schema_field(
    inline_serializer(
        "Enlaces",
        {
            "html": serializers.DictField(
                child=serializers.URLField(), help_text=_("La página pública en cada idioma.")
            ),
            "api": serializers.URLField(help_text=_("El detalle en esta API.")),
        },
    )
)
class CampoEnlaces(serializers.Field):
    """Links of an item: its public page in each language and its API detail."""

    def __init__(self, nombre_api, **kwargs):
        self.nombre_api = nombre_api
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instancia):
        request = self.context["request"]
        return {
            "html": url_en_idiomas(request, instancia.get_absolute_url(), instancia),
            "api": request.build_absolute_uri(
                reverse(f"api:{self.nombre_api}-detail", kwargs={"slug": instancia.slug})
            ),
        }


@extend_schema_field(OpenApiTypes.URI)
class CampoUrlArchivo(serializers.Field):
    """An uploaded file's absolute URL, or null."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, archivo):
        return self.context["request"].build_absolute_uri(archivo.url) if archivo else None

    def get_attribute(self, instancia):
        archivo = super().get_attribute(instancia)
        return archivo or None


class PaginacionConEnlaces(PageNumberPagination):
    """Page numbers (`page`, as on the HTML lists) with RFC 8288 `Link` headers.

    The same bounded paginator as the HTML lists: counting and the deepest page stay
    cheap on 100k rows; `total_acotado` says the count stopped at the last page offered.
    """

    django_paginator_class = PaginadorAcotado
    page_size = 20
    page_size_query_param = "por_pagina"
    max_page_size = 100
    page_size_query_description = _("Elementos por página (máximo 100).")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginador = self.django_paginator_class(queryset, self.get_page_size(request))
        numero = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginador.page(numero)
        except InvalidPage as error:
            raise NotFound(_("Página no encontrada.")) from error
        return list(self.page)

    def _url_de_pagina(self, numero):
        url = self.request.build_absolute_uri()
        if numero == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, numero)

    def enlaces(self):
        """Return [(rel, URL)] for the Link header: first, prev, next, last."""
        pagina, ultima = self.page, self.page.paginator.num_pages
        enlaces = [("first", self._url_de_pagina(1))]
        if pagina.has_previous():
            enlaces.append(("prev", self._url_de_pagina(pagina.previous_page_number())))
        if pagina.has_next():
            enlaces.append(("next", self._url_de_pagina(pagina.next_page_number())))
        enlaces.append(("last", self._url_de_pagina(max(ultima, 1))))
        return enlaces

    def get_paginated_response(self, data):
        lista = self.enlaces()
        enlaces = dict(lista)
        paginador = self.page.paginator
        respuesta = Response(
            {
                "total": paginador.count,
                "total_acotado": paginador.acotado,
                "pagina": self.page.number,
                "paginas": paginador.num_pages,
                "anterior": enlaces.get("prev"),
                "siguiente": enlaces.get("next"),
                "resultados": data,
            }
        )
        respuesta["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in lista)
        return respuesta

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["total", "pagina", "paginas", "resultados"],
            "properties": {
                "total": {"type": "integer", "example": 123},
                "total_acotado": {
                    "type": "boolean",
                    "description": _("Hay más elementos de los contados; acote con filtros."),
                },
                "pagina": {"type": "integer", "example": 1},
                "paginas": {"type": "integer", "example": 7},
                "anterior": {"type": "string", "format": "uri", "nullable": True},
                "siguiente": {"type": "string", "format": "uri", "nullable": True},
                "resultados": schema,
            },
        }


PARAMETRO_IDIOMA = OpenApiParameter(
    "idioma",
    str,
    enum=[codigo for codigo, _nombre in settings.LANGUAGES],
    description=_(
        "Idioma de la búsqueda (q) y de los mensajes de error; por omisión, es. "
        "El contenido trae siempre todos los idiomas."
    ),
)


class VistaPublicaMixin:
    """Anonymous, read-only, JSON only, language-neutral answers.

    The language of the search (`q`) and of messages is `?idioma=`, never the
    client's Accept-Language: the same URL must give the same answer (page cache).
    """

    authentication_classes = ()
    pagination_class = PaginacionConEnlaces
    lookup_field = "slug"

    def dispatch(self, request, *args, **kwargs):
        idioma = request.GET.get("idioma", "")
        self.idioma_no_valido = bool(idioma) and idioma not in dict(settings.LANGUAGES)
        if self.idioma_no_valido or not idioma:
            idioma = settings.LANGUAGE_CODE
        with translation.override(idioma):
            respuesta = super().dispatch(request, *args, **kwargs)
        respuesta["Content-Language"] = ", ".join(idiomas())
        return respuesta

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.idioma_no_valido:
            codigos = ", ".join(codigo for codigo, _nombre in settings.LANGUAGES)
            raise ValidationError(
                {"idioma": [_("Use uno de: %(codigos)s.") % {"codigos": codigos}]}
            )


class LecturaPublicaViewSet(VistaPublicaMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail by slug; the detail may use a richer serializer and queryset."""

    serializer_detalle = None

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:
            # Django's own message names the model in English; say it plainly.
            raise NotFound(_("No existe o no está publicado.")) from error

    def get_serializer_class(self):
        if self.action == "retrieve" and self.serializer_detalle is not None:
            return self.serializer_detalle
        return super().get_serializer_class()
