"""The project's URLs plus `/__hola__/`, the framework's floor, for the benchmark only."""

from django.http import HttpResponse
from django.urls import path

from cancilleria.urls import handler500  # noqa: F401
from cancilleria.urls import urlpatterns as urlpatterns_proyecto


def hola(request):
    """Return a tiny page: what Django costs with no database and no template."""
    return HttpResponse("hola", content_type="text/plain; charset=utf-8")


urlpatterns = [path("__hola__/", hola, name="bench-hola"), *urlpatterns_proyecto]
