from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventosConfig(AppConfig):
    name = "eventos"
    verbose_name = _("Eventos")
