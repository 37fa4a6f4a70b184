from django.urls import path

from . import api, buscar, views

app_name = "sitio"
urlpatterns = [
    path("", views.InicioView.as_view(), name="inicio"),
    path("temas/<slug:slug>/", views.TemaDetailView.as_view(), name="tema"),
    path(
        "organizaciones/<slug:slug>/", views.OrganizacionDetailView.as_view(), name="organizacion"
    ),
    path("personas/<slug:slug>/", views.PersonaDetailView.as_view(), name="persona"),
    path("consulados/<slug:slug>/", views.ConsuladoDetailView.as_view(), name="consulado"),
    path("buscar/", buscar.BuscarView.as_view(), name="buscar"),
    # The API's docs page, in each language; the API itself is outside i18n_patterns.
    path("api/v1/docs/", api.DocumentacionApiView.as_view(), name="api_docs"),
]
