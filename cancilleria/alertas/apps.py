from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertasConfig(AppConfig):
    """Email alerts for a filtered list of releases or events (project floor)."""

    name = "cancilleria.alertas"
    label = "alertas"
    verbose_name = _("Alertas por correo")
