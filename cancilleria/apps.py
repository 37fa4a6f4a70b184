from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CancilleriaConfig(AppConfig):
    name = "cancilleria"
    verbose_name = _("Directorio")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import completar_administrador

        post_migrate.connect(completar_administrador, dispatch_uid="completar_administrador")
