from django.urls import path

from . import views

app_name = "eventos"
urlpatterns = [
    path("", views.EventoListView.as_view(), name="lista"),
    path("<slug:slug>/", views.EventoDetailView.as_view(), name="detalle"),
]
