from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The shared publishing base: no tables, only building blocks and template tags."""

    name = "cancilleria.base"
    label = "base"
    verbose_name = _("Base de publicación")
