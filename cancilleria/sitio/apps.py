from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitioConfig(AppConfig):
    """The project floor: pages that compose every app, and the press office's roles."""

    name = "cancilleria.sitio"
    label = "sitio"
    verbose_name = _("Sitio")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from .acceso import olvidar_fallos_de_la_cuenta
        from .roles import completar_administrador

        post_migrate.connect(completar_administrador, dispatch_uid="completar_administrador")
        user_logged_in.connect(olvidar_fallos_de_la_cuenta, dispatch_uid="olvidar_fallos")
