from django.urls import path

from . import feeds, views

app_name = "eventos"
urlpatterns = [
    path("", views.EventoListView.as_view(), name="lista"),
    path("feed/rss/", feeds.EventosRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.EventosAtomFeed(), name="feed_atom"),
    path("calendario.ics", views.CalendarioIcsView.as_view(), name="calendario"),
    path("<slug:slug>.ics", views.EventoIcsView.as_view(), name="ics"),
    path("<slug:slug>/", views.EventoDetailView.as_view(), name="detalle"),
    path("<slug:slug>/vista-previa/", views.EventoVistaPreviaView.as_view(), name="vista_previa"),
]
