"""The programme of an event: its sessions and who spoke in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cancilleria.base.html import CampoTextoEnriquecido, sanear_campos

from ..selectores import SelectoresParticipacion, SelectoresSesion
from .evento import Evento, Modalidad


class Sesion(models.Model):
    class Tipo(models.TextChoices):
        INAUGURACION = "inauguracion", _("inauguración")
        CONFERENCIA_INAUGURAL = "conferencia_inaugural", _("conferencia inaugural")
        CONFERENCIA = "conferencia", pgettext_lazy("tipo de sesión", "conferencia")
        MESA_DE_TRABAJO = "mesa_de_trabajo", _("mesa de trabajo")
        PANEL = "panel", _("panel")
        CLAUSURA = "clausura", _("clausura")

    evento = models.ForeignKey(
        Evento, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="sesiones"
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo)
    titulo = models.CharField(_("título"), max_length=300, blank=True)
    modalidad = models.CharField(_("modalidad"), max_length=20, choices=Modalidad, blank=True)
    inicio = models.DateTimeField(_("inicio"), null=True, blank=True)
    descripcion = CampoTextoEnriquecido(_("descripción"), blank=True, breve=True)

    objects = SelectoresSesion.as_manager()

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["evento", "orden", "inicio", "id"]

    def __str__(self):
        return self.titulo or self.get_tipo_display()

    def save(self, *args, **kwargs):
        sanear_campos(self, "descripcion")
        super().save(*args, **kwargs)


class Participacion(models.Model):
    class Rol(models.TextChoices):
        INAUGURA = "inaugura", _("inaugura")
        CONFERENCISTA = "conferencista", _("conferencista")
        PONENTE = "ponente", _("ponente")
        MODERADOR = "moderador", _("moderador")
        AUTORIDAD_PRESENTE = "autoridad_presente", _("autoridad presente")

    evento = models.ForeignKey(
        Evento, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="participaciones"
    )
    sesion = models.ForeignKey(
        Sesion,
        verbose_name=_("sesión"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participaciones",
    )
    persona = models.ForeignKey(
        "cancilleria.Persona",
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="participaciones",
    )
    cargo = models.ForeignKey(
        "cancilleria.Cargo",
        verbose_name=_("cargo entonces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participaciones",
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    objects = SelectoresParticipacion.as_manager()

    class Meta:
        verbose_name = _("participación")
        verbose_name_plural = _("participaciones")
        ordering = ["evento", "orden", "id"]
        constraints = [
            # Two partial constraints instead of nulls_distinct, which SQLite lacks.
            models.UniqueConstraint(
                fields=["evento", "persona", "rol", "sesion"],
                condition=Q(sesion__isnull=False),
                name="participacion_unica_en_sesion",
                violation_error_message=_("Esta persona ya tiene ese rol en esta sesión."),
            ),
            models.UniqueConstraint(
                fields=["evento", "persona", "rol"],
                condition=Q(sesion__isnull=True),
                name="participacion_unica_en_evento",
                violation_error_message=_("Esta persona ya tiene ese rol en este evento."),
            ),
        ]

    def __str__(self):
        return f"{self.persona} — {self.get_rol_display()}"

    def clean(self):
        if self.cargo_id and self.persona_id and self.cargo.persona_id != self.persona_id:
            raise ValidationError(
                {"cargo": _("El cargo debe ser de la misma persona.")}, code="cargo_ajeno"
            )
        if self.sesion_id and self.evento_id and self.sesion.evento_id != self.evento_id:
            raise ValidationError(
                {"sesion": _("La sesión debe ser de este evento.")}, code="sesion_ajena"
            )
