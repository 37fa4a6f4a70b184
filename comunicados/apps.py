from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComunicadosConfig(AppConfig):
    name = "comunicados"
    verbose_name = _("Comunicados")

    def ready(self):
        # After modeltranslation's own ready() (it comes first in INSTALLED_APPS), which
        # adds the language fields that the history must copy.
        from cancilleria.base.historial import registrar_historial

        from . import models

        registrar_historial(models.Comunicado, m2m_fields=["temas"])
        registrar_historial(models.Cifra)
        registrar_historial(models.Cita)
        registrar_historial(models.Adjunto)
        # Keep the denormalised search text right when links or directory names change.
        from . import busqueda

        busqueda.conectar_senales()
