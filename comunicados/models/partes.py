"""The parts of a release: key figures with their source, quotes, attachments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..adjuntos import TIPOS as TIPOS_ADJUNTO
from ..adjuntos import CampoAdjunto, validar_adjunto
from ..adjuntos import Formato as FormatoAdjunto
from .comunicado import Comunicado, ruta_adjunto


class Cifra(models.Model):
    class Calificador(models.TextChoices):
        EXACTO = "", _("exacto")
        MAS_DE = "mas_de", _("más de")
        MENOS_DE = "menos_de", _("menos de")
        CERCA_DE = "cerca_de", _("cerca de")

    comunicado = models.ForeignKey(
        Comunicado, verbose_name=_("comunicado"), on_delete=models.CASCADE, related_name="cifras"
    )
    calificador = models.CharField(
        _("calificador"), max_length=20, choices=Calificador, blank=True, default=""
    )
    valor = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    unidad = models.CharField(_("unidad"), max_length=40, help_text=_("Por ejemplo: casos, %."))
    descripcion = models.CharField(_("descripción"), max_length=300)
    periodo = models.CharField(
        _("periodo"), max_length=80, blank=True, help_text=_("Por ejemplo: 2021, primer semestre.")
    )
    fuente = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("fuente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cifras",
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("cifra")
        verbose_name_plural = _("cifras")
        ordering = ["comunicado", "orden", "id"]

    def __str__(self):
        return f"{self.valor} {self.unidad} — {self.descripcion}"

    @property
    def es_porcentaje(self):
        return self.unidad.strip() == "%"


class Cita(models.Model):
    comunicado = models.ForeignKey(
        Comunicado, verbose_name=_("comunicado"), on_delete=models.CASCADE, related_name="citas"
    )
    persona = models.ForeignKey(
        "cancilleria.Persona",
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="citas",
        # cita_persona_comunicado_idx (Meta) leads with the person and serves every
        # lookup by it; a second index on the person alone only misled the planner.
        db_index=False,
    )
    cargo = models.ForeignKey(
        "cancilleria.Cargo",
        verbose_name=_("cargo entonces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citas",
    )
    sesion = models.ForeignKey(
        "eventos.Sesion",
        verbose_name=_("dicha en la sesión"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citas",
    )
    texto = models.TextField(_("texto"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("cita")
        verbose_name_plural = _("citas")
        ordering = ["comunicado", "orden", "id"]
        # A person's quoted releases from the index alone (the person page's count and
        # list); the foreign key's own index reaches only the rows.
        indexes = [
            models.Index(fields=["persona", "comunicado"], name="cita_persona_comunicado_idx")
        ]

    def __str__(self):
        return f"{self.persona}: {self.texto[:60]}"

    def clean(self):
        if self.cargo_id and self.persona_id and self.cargo.persona_id != self.persona_id:
            raise ValidationError(
                {"cargo": _("El cargo debe ser de la misma persona.")}, code="cargo_ajeno"
            )
        # Mirrors the database triggers (migration 0009_cita_sesion_del_evento).
        if self.sesion_id and self.sesion.evento_id != self._evento_del_comunicado_id():
            # The code on the message itself: a dict's own code= reaches no message.
            raise ValidationError(
                {
                    "sesion": ValidationError(
                        _("La sesión debe ser del evento de este comunicado."),
                        code="sesion_de_otro_evento",
                    )
                }
            )

    def _evento_del_comunicado_id(self):
        # The release may be unsaved yet (admin add page): read it, not comunicado_id.
        try:
            return self.comunicado.evento_id
        except Comunicado.DoesNotExist:
            return None

    @property
    def sesion_publica(self):
        """Return the session only if its event is the release's and the public may see it."""
        if not self.sesion_id:
            return None
        evento = self.comunicado.evento_publico
        return self.sesion if evento is not None and self.sesion.evento_id == evento.pk else None


class Adjunto(models.Model):
    comunicado = models.ForeignKey(
        Comunicado, verbose_name=_("comunicado"), on_delete=models.CASCADE, related_name="adjuntos"
    )
    archivo = CampoAdjunto(_("archivo"), upload_to=ruta_adjunto, validators=[validar_adjunto])
    titulo = models.CharField(_("título"), max_length=250)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    # Read from the content when the file is stored (CampoAdjunto); empty for older files.
    formato = models.CharField(
        _("formato"), max_length=10, choices=FormatoAdjunto, blank=True, editable=False
    )
    tamano = models.PositiveBigIntegerField(_("tamaño"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("adjunto")
        verbose_name_plural = _("adjuntos")
        ordering = ["comunicado", "orden", "id"]

    def __str__(self):
        return self.titulo

    @property
    def tipo_mime(self):
        tipo = TIPOS_ADJUNTO.get(self.formato)
        return tipo.mime if tipo else "application/octet-stream"
