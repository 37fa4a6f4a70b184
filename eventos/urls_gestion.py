"""Staff pages under /gestion/ (login and the ver_participacion_consular permission)."""

from django.urls import path

from . import gestion

app_name = "gestion"
urlpatterns = [
    path("consulados/", gestion.ParticipacionConsularView.as_view(), name="consulados"),
    path("consulados/<slug:slug>/", gestion.ConsuladoGestionView.as_view(), name="consulado"),
]
