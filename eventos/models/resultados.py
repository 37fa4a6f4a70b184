"""What a working table concluded or committed to, and how each commitment is followed up."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..selectores import SelectoresResultado
from .programa import Sesion


class Resultado(models.Model):
    class Tipo(models.TextChoices):
        CONCLUSION = "conclusion", _("conclusión")
        COMPROMISO = "compromiso", _("compromiso")

    class EstadoResultado(models.TextChoices):
        PENDIENTE = "pendiente", _("pendiente")
        EN_CURSO = "en_curso", _("en curso")
        CUMPLIDO = "cumplido", _("cumplido")

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="resultados"
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo, default=Tipo.CONCLUSION)
    texto = models.TextField(_("texto"))
    responsable = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resultados",
    )
    vence = models.DateField(_("vence"), null=True, blank=True)
    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=EstadoResultado,
        default=EstadoResultado.PENDIENTE,
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    objects = SelectoresResultado.as_manager()

    class Meta:
        verbose_name = _("resultado")
        verbose_name_plural = _("resultados")
        ordering = ["sesion", "orden", "id"]
        indexes = [
            # The staff's open commitments, by due date.
            models.Index(
                fields=["vence", "id"],
                condition=Q(tipo="compromiso") & ~Q(estado="cumplido"),
                name="resultado_abierto_vence_idx",
            ),
        ]

    def __str__(self):
        return self.texto[:80]

    @property
    def abierto(self):
        return self.tipo == self.Tipo.COMPROMISO and self.estado != self.EstadoResultado.CUMPLIDO

    @property
    def ultimo_seguimiento(self):
        """Return the newest follow-up note (uses the prefetched rows), or None."""
        seguimientos = list(self.seguimientos.all())
        return seguimientos[-1] if seguimientos else None

    @property
    def vencido(self):
        """Say whether an open commitment is past its due date (Lima's today)."""
        return bool(self.abierto and self.vence and self.vence < timezone.localdate())


class Seguimiento(models.Model):
    resultado = models.ForeignKey(
        Resultado,
        verbose_name=_("resultado"),
        on_delete=models.CASCADE,
        related_name="seguimientos",
    )
    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    nota = models.TextField(_("nota"))

    class Meta:
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")
        ordering = ["resultado", "fecha", "id"]

    def __str__(self):
        return f"{self.fecha}: {self.nota[:60]}"
