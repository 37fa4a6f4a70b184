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
        registrar_historial(models.Cofirmante)
        registrar_historial(models.Cobertura)
        # Writes renew the public cache; scheduled releases bound its entries' life.
        from cancilleria.base.cache import vigilar_app

        vigilar_app(self)
        # The event page lists the releases about it; the event app does not import ours.
        from cancilleria.base.secciones import registrar_seccion
        from eventos.models import Evento

        registrar_seccion(
            Evento,
            plantilla="comunicados/_sobre_evento.html",
            contexto=lambda evento, request: {
                "comunicados": models.Comunicado.objects.sobre_evento(evento)
            },
        )
        # List cards are rendered once and kept until what they show is written.
        from cancilleria.base.cache.claves import clave
        from cancilleria.base.fragmentos import registrar_tarjeta

        from .selectores import COLUMNAS_ANCHAS

        registrar_tarjeta(
            models.Comunicado,
            plantilla="includes/_tarjeta_comunicado.html",
            leer=lambda pks: (
                models.Comunicado.objects.filter(pk__in=pks)
                .defer(*COLUMNAS_ANCHAS)
                .prefetch_related("temas")
            ),
            dependencias=lambda comunicado: {
                clave(models.Comunicado, comunicado.pk),
                *(clave(type(tema), tema.pk) for tema in comunicado.temas.all()),
            },
        )
