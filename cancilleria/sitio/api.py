"""The public API (/api/v1/), composed from each app's `api.py`, its schema and its docs page.

Routes live outside the language prefixes (one URL per resource, every language in the
payload); the human docs page is a normal page, in Spanish and under /en/ in English.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import path, reverse
from django.utils import translation
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from cancilleria.base.api import VistaPublicaMixin
from cancilleria.directorio.api import (
    ConsuladoViewSet,
    OrganizacionViewSet,
    PersonaViewSet,
    TemaViewSet,
)
from comunicados.api import ComunicadoViewSet
from eventos.api import EventoViewSet

app_name = "api"

router = SimpleRouter()
router.register("comunicados", ComunicadoViewSet, basename="comunicado")
router.register("eventos", EventoViewSet, basename="evento")
router.register("temas", TemaViewSet, basename="tema")
router.register("organizaciones", OrganizacionViewSet, basename="organizacion")
router.register("personas", PersonaViewSet, basename="persona")
router.register("consulados", ConsuladoViewSet, basename="consulado")


@extend_schema(exclude=True)
class RaizApiView(VistaPublicaMixin, APIView):
    """List the API's collections, its schema and its docs."""

    def get(self, request):
        def url(nombre):
            return request.build_absolute_uri(reverse(nombre))

        colecciones = {prefijo: url(f"api:{base}-list") for prefijo, _v, base in router.registry}
        with translation.override(settings.LANGUAGE_CODE):
            documentacion = url("sitio:api_docs")
        return Response(
            {**colecciones, "esquema": url("api:esquema"), "documentacion": documentacion}
        )


class EsquemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 schema as JSON, the same whatever the client's language."""

    authentication_classes = ()

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)


urlpatterns = [
    path("", RaizApiView.as_view(), name="raiz"),
    path("schema/", EsquemaView.as_view(urlconf=None), name="esquema"),
    *router.urls,
]


@lru_cache(maxsize=4)
def esquema(idioma):
    """Return the OpenAPI schema as a dict, its texts in `idioma` (built once per process)."""
    with translation.override(idioma):
        return SchemaGenerator().get_schema(request=None, public=True)


def _tipo(propiedad):
    """Return a short type name of a schema property for the docs table."""
    if "$ref" in propiedad:
        return propiedad["$ref"].rsplit("/", 1)[-1]
    if "allOf" in propiedad:
        return _tipo(propiedad["allOf"][0])
    tipo = propiedad.get("type", "object")
    if tipo == "array":
        return f"[{_tipo(propiedad.get('items', {}))}]"
    formato = propiedad.get("format")
    return f"{tipo} ({formato})" if formato else tipo


def operaciones(esquema_api):
    """Return the GET operations of the schema as plain dicts for the docs template."""
    componentes = esquema_api.get("components", {}).get("schemas", {})
    resultado = []
    for ruta, metodos in esquema_api["paths"].items():
        operacion = metodos.get("get")
        if operacion is None:
            continue
        parametros = [
            {
                "nombre": p["name"],
                "lugar": p["in"],
                "tipo": _tipo(p.get("schema", {})),
                # Its first paragraph: the enum's list follows in "valores".
                "descripcion": p.get("description", "").split("\n\n")[0],
                "valores": p.get("schema", {}).get("enum")
                or p.get("schema", {}).get("items", {}).get("enum"),
                "repetible": p.get("schema", {}).get("type") == "array",
            }
            for p in operacion.get("parameters", [])
        ]
        respuesta = operacion.get("responses", {}).get("200", {})
        contenido = next(iter(respuesta.get("content", {}).values()), {}).get("schema", {})
        nombre = _tipo(contenido)
        if nombre.startswith("Paginated") and nombre in componentes:
            nombre = _tipo(componentes[nombre]["properties"]["resultados"]["items"])
        campos = [
            {"nombre": clave, "tipo": _tipo(valor), "descripcion": valor.get("description", "")}
            for clave, valor in componentes.get(nombre, {}).get("properties", {}).items()
        ]
        resultado.append(
            {
                "id": operacion["operationId"],
                "ruta": ruta,
                "resumen": operacion.get("summary", ""),
                "descripcion": operacion.get("description", ""),
                "etiqueta": (operacion.get("tags") or [""])[0],
                "parametros": parametros,
                "representacion": nombre,
                "campos": campos,
            }
        )
    return resultado


class DocumentacionApiView(TemplateView):
    """The API's human docs, rendered on the server from the OpenAPI schema (no script)."""

    template_name = "sitio/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        esquema_api = esquema(translation.get_language())
        context["operaciones"] = operaciones(esquema_api)
        context["version"] = esquema_api["info"]["version"]
        context["url_api"] = self.request.build_absolute_uri(reverse("api:raiz"))
        context["url_esquema"] = self.request.build_absolute_uri(reverse("api:esquema"))
        context["ejemplo"] = self.request.build_absolute_uri(
            reverse("api:comunicado-list") + "?tema=trata-de-personas"
        )
        return context
