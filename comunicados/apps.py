from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComunicadosConfig(AppConfig):
    name = "comunicados"
    verbose_name = _("Comunicados")
