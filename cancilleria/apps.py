from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CancilleriaConfig(AppConfig):
    name = "cancilleria"
    verbose_name = _("Directorio")
