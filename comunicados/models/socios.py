"""Who signs a joint communiqué with the ministry, and how partners covered a release."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from eventos.models import CoberturaBase

from .comunicado import Comunicado


class Cofirmante(models.Model):
    comunicado = models.ForeignKey(
        Comunicado,
        verbose_name=_("comunicado"),
        on_delete=models.CASCADE,
        related_name="cofirmantes",
    )
    organizacion = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="cofirmas",
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("cofirmante")
        verbose_name_plural = _("cofirmantes")
        ordering = ["comunicado", "orden", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["comunicado", "organizacion"],
                name="cofirmante_unico",
                violation_error_message=_("Esta organización ya firma el comunicado."),
            ),
        ]
        indexes = [models.Index(fields=["organizacion", "comunicado"], name="cofirmante_org_idx")]

    def __str__(self):
        return str(self.organizacion)


class Cobertura(CoberturaBase):
    comunicado = models.ForeignKey(
        Comunicado,
        verbose_name=_("comunicado"),
        on_delete=models.CASCADE,
        related_name="coberturas",
    )

    class Meta(CoberturaBase.Meta):
        verbose_name = _("cobertura de socio")
        verbose_name_plural = _("cobertura de socios")
        ordering = ["comunicado", "-fecha", "id"]
