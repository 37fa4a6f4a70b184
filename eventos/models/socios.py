"""Partners' own publications about an event (and, through the abstract base, a release)."""

from django.conf import global_settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Links, never fetched: only the web's own schemes (no javascript:, data:, ftp:).
validar_url_web = URLValidator(schemes=["http", "https"])


class CoberturaBase(models.Model):
    """A link to a partner's own story: shown, never fetched, previewed or embedded."""

    organizacion = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_coberturas",
    )
    titulo = models.CharField(_("título"), max_length=300)
    url = models.URLField(_("dirección web"), max_length=500, validators=[validar_url_web])
    idioma = models.CharField(
        _("idioma"), max_length=10, choices=global_settings.LANGUAGES, default="es"
    )
    fecha = models.DateField(_("fecha"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.titulo


class Cobertura(CoberturaBase):
    evento = models.ForeignKey(
        "eventos.Evento",
        verbose_name=_("evento"),
        on_delete=models.CASCADE,
        related_name="coberturas",
    )

    class Meta(CoberturaBase.Meta):
        verbose_name = _("cobertura de socio")
        verbose_name_plural = _("cobertura de socios")
        ordering = ["evento", "-fecha", "id"]
