from django.urls import path

from . import feeds, views

app_name = "comunicados"
urlpatterns = [
    path("", views.ComunicadoListView.as_view(), name="lista"),
    path("feed/rss/", feeds.ComunicadosRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.ComunicadosAtomFeed(), name="feed_atom"),
    path("<slug:slug>/", views.ComunicadoDetailView.as_view(), name="detalle"),
    path(
        "<slug:slug>/vista-previa/",
        views.ComunicadoVistaPreviaView.as_view(),
        name="vista_previa",
    ),
]
