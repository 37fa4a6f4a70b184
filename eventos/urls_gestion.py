"""Staff pages under /gestion/ (login and the ver_participacion_consular permission)."""

from django.urls import path

from .gestion import compromisos, exportacion, paginas

app_name = "gestion"
urlpatterns = [
    path("consulados/", exportacion.participacion_consular, name="consulados"),
    path("consulados/<slug:slug>/", paginas.ConsuladoGestionView.as_view(), name="consulado"),
    # Open commitments of working tables across events (issue 14).
    path("compromisos/", compromisos.CompromisosView.as_view(), name="compromisos"),
]
