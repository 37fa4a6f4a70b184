from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path

from .sitio import views
from .sitio.sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-seccion"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-seccion",
    ),
    path("robots.txt", views.robots, name="robots"),
    path("salud/", views.salud, name="salud"),
]
urlpatterns += i18n_patterns(
    path("", include("cancilleria.sitio.urls")),
    path("eventos/", include("eventos.urls")),
    path("comunicados/", include("comunicados.urls")),
    path("gestion/", include("eventos.urls_gestion")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
