"""Who asked for email alerts about which filtered list, and what each was sent.

The address is kept only to send these alerts: unsubscribing deletes the row, and the
record of what was sent goes with it.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def nuevo_token():
    return secrets.token_urlsafe(32)


class SuscripcionQuerySet(models.QuerySet):
    def activas(self):
        """Return the confirmed subscriptions."""
        return self.filter(confirmada_en__isnull=False)

    def vencidas(self, ahora=None):
        """Return the subscriptions never confirmed within the allowed time."""
        limite = (ahora or timezone.now()) - plazo_de_confirmacion()
        return self.filter(confirmada_en__isnull=True, creada__lt=limite)


def plazo_de_confirmacion():
    return timedelta(hours=getattr(settings, "ALERTAS_HORAS_PARA_CONFIRMAR", 72))


class Suscripcion(models.Model):
    class Lista(models.TextChoices):
        COMUNICADOS = "comunicados", _("comunicados")
        EVENTOS = "eventos", _("eventos")

    class Frecuencia(models.TextChoices):
        INMEDIATA = "inmediata", _("en cuanto se publique")
        DIARIA = "diaria", _("un resumen diario")

    correo = models.EmailField(_("correo"))
    lista = models.CharField(_("lista"), max_length=20, choices=Lista)
    filtros = models.CharField(
        _("filtros"),
        max_length=2000,
        blank=True,
        help_text=_("Los filtros de la lista, normalizados (como en su dirección)."),
    )
    frecuencia = models.CharField(
        _("frecuencia"), max_length=20, choices=Frecuencia, default=Frecuencia.INMEDIATA
    )
    idioma = models.CharField(_("idioma"), max_length=10, default="es")
    token = models.CharField(_("token"), max_length=64, unique=True, default=nuevo_token)
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    confirmada_en = models.DateTimeField(_("confirmada en"), null=True, blank=True)
    ultimo_resumen = models.DateField(_("último resumen"), null=True, blank=True)

    objects = SuscripcionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suscripción")
        verbose_name_plural = _("suscripciones")
        constraints = [
            models.UniqueConstraint(
                fields=["correo", "lista", "filtros"], name="suscripcion_unica_por_filtro"
            ),
        ]
        indexes = [
            models.Index(
                fields=["frecuencia", "lista"],
                condition=Q(confirmada_en__isnull=False),
                name="suscripcion_activa_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_lista_display()}?{self.filtros}"

    @property
    def confirmada(self):
        return self.confirmada_en is not None

    @property
    def vencida(self):
        return not self.confirmada and self.creada < timezone.now() - plazo_de_confirmacion()

    def url_absoluta(self, nombre):
        """Return the absolute URL of this subscription's `nombre` page, in its language."""
        with translation.override(self.idioma):
            ruta = reverse(f"alertas:{nombre}", kwargs={"token": self.token})
        return url_del_sitio(ruta)


def url_del_sitio(ruta):
    """Return `ruta` on the public site (mails are written with no request at hand)."""
    return settings.SITIO_URL.rstrip("/") + ruta


class AlertaEnviada(models.Model):
    """One item a subscription was told about: never twice (the unique constraint)."""

    suscripcion = models.ForeignKey(
        Suscripcion,
        verbose_name=_("suscripción"),
        on_delete=models.CASCADE,
        related_name="enviadas",
    )
    objeto_id = models.PositiveBigIntegerField(_("elemento"))
    enviada_en = models.DateTimeField(_("enviada en"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerta enviada")
        verbose_name_plural = _("alertas enviadas")
        constraints = [
            models.UniqueConstraint(
                fields=["suscripcion", "objeto_id"], name="alerta_una_vez_por_elemento"
            ),
        ]

    def __str__(self):
        return f"{self.suscripcion_id}:{self.objeto_id}"
