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


class PublicableQuerySet(models.QuerySet):
    def publicados(self, ahora=None):
        """Return the items the public may see: published and due.

        A published item with a future date is scheduled; it becomes visible by itself
        once its time has come, with no job to run.
        """
        return self.filter(estado=Estado.PUBLICADO, fecha_publicacion__lte=ahora or timezone.now())

    def programados(self, ahora=None):
        """Return published items whose date has not come yet."""
        return self.filter(estado=Estado.PUBLICADO, fecha_publicacion__gt=ahora or timezone.now())


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

    @property
    def es_publico(self):
        return (
            self.estado == Estado.PUBLICADO
            and self.fecha_publicacion is not None
            and self.fecha_publicacion <= timezone.now()
        )

    @property
    def esta_programado(self):
        return (
            self.estado == Estado.PUBLICADO
            and self.fecha_publicacion is not None
            and self.fecha_publicacion > timezone.now()
        )
