from django.urls import path

from . import views

app_name = "alertas"
urlpatterns = [
    path("", views.SuscribirView.as_view(), name="suscribir"),
    path("confirmar/<slug:token>/", views.ConfirmarView.as_view(), name="confirmar"),
    path("baja/<slug:token>/", views.BajaView.as_view(), name="baja"),
]
