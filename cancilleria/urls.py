from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path

from .base import vista_previa
from .sitio import views
from .sitio.sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {
            "sitemaps": sitemaps,
            "sitemap_url_name": "sitemap-seccion",
            "template_name": "sitemaps/indice.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": sitemaps, "template_name": "sitemaps/paginas.xml"},
        name="sitemap-seccion",
    ),
    path("robots.txt", views.robots, name="robots"),
    path("salud/", views.salud, name="salud"),
    # Open data: one URL per resource, every language in the payload (sitio/api.py).
    path("api/v1/", include("cancilleria.sitio.api")),
]
urlpatterns += i18n_patterns(
    path("", include("cancilleria.sitio.urls")),
    path("eventos/", include("eventos.urls")),
    path("comunicados/", include("comunicados.urls")),
    path("gestion/", include("eventos.urls_gestion")),
    # Shared preview links (EnlaceVistaPrevia): never cached, never indexed.
    path(
        "vista-previa/<str:token>/",
        vista_previa.vista_previa_compartida,
        name="vista_previa_compartida",
    ),
    # Email alerts (wave 2).
    path("alertas/", include("cancilleria.alertas.urls")),
    prefix_default_language=False,
)

# A database error raised outside a view (a middleware) is a 503 too (base/fallos.py).
handler500 = "cancilleria.base.fallos.error_del_servidor"

if settings.DEBUG:
    import re

    from django.urls import re_path

    from .sitio import medios

    # Not django.conf.urls.static: attachments need their safe headers (sitio/medios.py).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            medios.servir,
            name="medios",
        )
    ]
