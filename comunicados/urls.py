from django.urls import path

from . import views

app_name = "comunicados"
urlpatterns = [
    path("", views.ComunicadoListView.as_view(), name="lista"),
    path("<slug:slug>/", views.ComunicadoDetailView.as_view(), name="detalle"),
]
