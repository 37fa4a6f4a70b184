from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventosConfig(AppConfig):
    name = "eventos"
    verbose_name = _("Eventos")

    def ready(self):
        # After modeltranslation's own ready() (it comes first in INSTALLED_APPS), which
        # adds the language fields that the history must copy.
        from cancilleria.base.historial import registrar_historial

        from . import models

        registrar_historial(models.Evento, m2m_fields=["temas"])
        registrar_historial(models.Sesion)
        # Outcomes and their follow-up: who changed a commitment's state, and when.
        registrar_historial(models.Resultado)
        registrar_historial(models.Seguimiento)
        registrar_historial(models.Cobertura)
        # Writes renew the public cache; scheduled events, and events starting or ending
        # (upcoming/past lists), bound its entries' life.
        from cancilleria.base.cache import registrar_frontera, vigilar_app

        from .cache_publico import proximo_cambio

        vigilar_app(self)
        registrar_frontera(proximo_cambio)
        # List cards are rendered once and kept until what they show is written.
        from cancilleria.base.cache.claves import clave
        from cancilleria.base.fragmentos import registrar_tarjeta

        from .selectores import COLUMNAS_ANCHAS

        def dependencias(evento):
            claves = {clave(models.Evento, evento.pk)}
            if evento.organizador_id:
                claves.add(clave(type(evento.organizador), evento.organizador_id))
            return claves

        registrar_tarjeta(
            models.Evento,
            plantilla="includes/_tarjeta_evento.html",
            leer=lambda pks: (
                models.Evento.objects.filter(pk__in=pks)
                .defer(*COLUMNAS_ANCHAS)
                .select_related("organizador")
            ),
            dependencias=dependencias,
        )
