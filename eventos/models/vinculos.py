"""What links an event to the directory: participating consulates, supporting organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .evento import Evento


class ParticipacionConsular(models.Model):
    evento = models.ForeignKey(
        Evento,
        verbose_name=_("evento"),
        on_delete=models.CASCADE,
        related_name="participaciones_consulares",
    )
    consulado = models.ForeignKey(
        "cancilleria.Consulado",
        verbose_name=_("consulado"),
        on_delete=models.PROTECT,
        related_name="participaciones",
    )

    class Meta:
        verbose_name = _("participación consular")
        verbose_name_plural = _("participaciones consulares")
        constraints = [
            models.UniqueConstraint(
                fields=["evento", "consulado"],
                name="participacion_consular_unica",
                violation_error_message=_("Este consulado ya figura en el evento."),
            ),
        ]
        indexes = [models.Index(fields=["consulado", "evento"], name="part_consular_consulado_idx")]
        # Staff who are not editors read the consulates' record at /gestion/consulados/.
        permissions = [
            (
                "ver_participacion_consular",
                _("Puede ver y exportar la participación de los consulados en eventos"),
            ),
        ]

    def __str__(self):
        return f"{self.consulado} — {self.evento}"


class Colaboracion(models.Model):
    class Rol(models.TextChoices):
        APOYO_TECNICO = "apoyo_tecnico", _("apoyo técnico")
        COORGANIZADOR = "coorganizador", _("coorganizador")
        AUSPICIO = "auspicio", _("auspicio")

    evento = models.ForeignKey(
        Evento, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="colaboraciones"
    )
    organizacion = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="colaboraciones",
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol, default=Rol.APOYO_TECNICO)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("colaboración")
        verbose_name_plural = _("colaboraciones")
        ordering = ["evento", "orden", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evento", "organizacion", "rol"],
                name="colaboracion_unica",
                violation_error_message=_("Esta organización ya colabora con ese rol."),
            ),
        ]

    def __str__(self):
        return f"{self.organizacion} — {self.get_rol_display()}"
