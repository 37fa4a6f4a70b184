"""The publishing base that events and releases share."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Estado(models.TextChoices):
    BORRADOR = "borrador", _("borrador")
    EN_REVISION = "en_revision", _("en revisión")
    PUBLICADO = "publicado", _("publicado")
    RETIRADO = "retirado", _("retirado")


# Not a stored state: published with a date still to come.
PROGRAMADO = "programado"


class PublicableQuerySet(models.QuerySet):
    # The one definition of visibility; `Publicable.es_publico` mirrors it for one row.
    def publicados(self, ahora=None):
        """Return the items the public may see: published and due.

        A published item with a future date is scheduled; it becomes visible by itself
        once its time has come, with no job to run.
        """
        return self.filter(estado=Estado.PUBLICADO, fecha_publicacion__lte=ahora or timezone.now())

    def programados(self, ahora=None):
        """Return published items whose date has not come yet."""
        return self.filter(estado=Estado.PUBLICADO, fecha_publicacion__gt=ahora or timezone.now())

    def visibles_para_personal(self):
        """Return what staff report on: the public items and the scheduled ones."""
        return self.filter(estado=Estado.PUBLICADO)

    def en_estado(self, estado):
        """Return the items in one stored state (the admin's filter); no visibility rule."""
        return self.filter(estado=estado)


class Publicable(models.Model):
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado, default=Estado.BORRADOR, db_index=True
    )
    fecha_publicacion = models.DateTimeField(
        _("fecha de publicación"),
        null=True,
        blank=True,
        help_text=_("Una fecha futura programa la publicación."),
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = PublicableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(estado=Estado.PUBLICADO) | Q(fecha_publicacion__isnull=False),
                name="%(app_label)s_%(class)s_publicado_con_fecha",
                violation_error_message=_("Un elemento publicado necesita fecha de publicación."),
            ),
        ]

    def validar_publicacion(self, fecha):
        """Raise ValidationError if this item cannot be published at `fecha` (hook)."""

    @property
    def _fecha_si_publicado(self):
        return self.fecha_publicacion if self.estado == Estado.PUBLICADO else None

    @property
    def es_publico(self):
        """Say whether the public may see this item: `publicados()` for one row."""
        fecha = self._fecha_si_publicado
        return fecha is not None and fecha <= timezone.now()

    @property
    def esta_programado(self):
        """Say whether this item is published with a date still to come."""
        fecha = self._fecha_si_publicado
        return fecha is not None and fecha > timezone.now()

    @property
    def estado_visible(self):
        """Return (code, label) of the state a person sees: a future publication is scheduled."""
        if self.esta_programado:
            return PROGRAMADO, _("Programado")
        return self.estado, Estado(self.estado).label.capitalize()
