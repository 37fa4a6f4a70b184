"""The publishing base that events and releases share."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .idiomas import filtrar_traducidos


class Estado(models.TextChoices):
    BORRADOR = "borrador", _("borrador")
    EN_REVISION = "en_revision", _("en revisión")
    PUBLICADO = "publicado", _("publicado")
    RETIRADO = "retirado", _("retirado")


# Not a stored state: published with a date still to come.
PROGRAMADO = "programado"


def q_publicados(ahora=None):
    """Return the condition of `publicados()` (also the replacement picker's limit)."""
    return Q(estado=Estado.PUBLICADO, fecha_publicacion__lte=ahora or timezone.now())


# Withdrawn after being public: the page stays at its URL with a notice (GOV.UK's
# "withdrawn"), but lists, feeds, search and the sitemap leave it out.
_Q_RETIRADOS_EN_SU_URL = Q(estado=Estado.RETIRADO, retirado_en__isnull=False)


class PublicableQuerySet(models.QuerySet):
    # The one definition of visibility; `Publicable.es_publico` mirrors it for one row.
    def publicados(self, ahora=None):
        """Return the items the public may see: published and due.

        A published item with a future date is scheduled; it becomes visible by itself
        once its time has come, with no job to run.
        """
        return self.filter(q_publicados(ahora))

    def retirados_en_su_url(self):
        """Return withdrawn items still shown at their URL, with a notice, and nowhere else."""
        return self.filter(_Q_RETIRADOS_EN_SU_URL)

    def en_su_url(self, ahora=None):
        """Return what a detail page shows: the public items and the withdrawn ones."""
        return self.filter(q_publicados(ahora) | _Q_RETIRADOS_EN_SU_URL)

    def despublicados(self, ahora=None):
        """Return items taken off the site by mistake (their URL answers 410, or 301)."""
        return self.filter(despublicado_en__isnull=False).exclude(q_publicados(ahora))

    def en_idioma(self, idioma=None):
        """Return the items that exist in `idioma` (the active language).

        Every item exists in Spanish and English; in Quechua or Aymara only the translated
        ones (cancilleria.base.idiomas).
        """
        return filtrar_traducidos(self, idioma)

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
    # Withdrawal and unpublishing: only the publishing services write these.
    # Nullable like its per-language columns: SQLite then adds it in place instead of
    # rebuilding the table, which would drop the search and quote triggers.
    motivo_retiro = models.TextField(  # noqa: DJ001
        _("motivo del retiro"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Se muestra al público en la página del elemento retirado."),
    )
    retirado_en = models.DateTimeField(_("retirado el"), null=True, blank=True, editable=False)
    despublicado_en = models.DateTimeField(
        _("despublicado el"), null=True, blank=True, editable=False
    )
    reemplazado_por = models.ForeignKey(
        "self",
        verbose_name=_("reemplazado por"),
        # The admin's picker offers only what the public may see (`publicados()`'s rule).
        limit_choices_to=q_publicados,
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
    def esta_retirado_en_su_url(self):
        """Say whether this item is withdrawn but shown: `retirados_en_su_url()` for one row."""
        return self.estado == Estado.RETIRADO and self.retirado_en is not None

    @property
    def reemplazo_publico(self):
        """Return the replacement only if the public may see it."""
        reemplazo = self.reemplazado_por if self.reemplazado_por_id else None
        return reemplazo if reemplazo is not None and reemplazo.es_publico else None

    @property
    def estado_visible(self):
        """Return (code, label) of the state a person sees: a future publication is scheduled."""
        if self.esta_programado:
            return PROGRAMADO, _("Programado")
        return self.estado, Estado(self.estado).label.capitalize()


class SlugAnterior(models.Model):
    """A slug an item had before: its old URL answers with a 301 to the current one."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("tipo de contenido"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("id del destino"))
    destino = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(_("slug"), max_length=140)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("slug anterior")
        verbose_name_plural = _("slugs anteriores")
        constraints = [
            # One old address leads to one item (the newest owner of that slug).
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="slug_anterior_unico_por_modelo"
            ),
        ]

    def __str__(self):
        return self.slug


class EnlaceVistaPreviaQuerySet(models.QuerySet):
    def de(self, objeto):
        """Return the links to `objeto`, newest first, with who made them."""
        return (
            self.filter(content_type=ContentType.objects.get_for_model(objeto), object_id=objeto.pk)
            .select_related("creado_por")
            .order_by("-creado", "-pk")
        )


class EnlaceVistaPrevia(models.Model):
    """A link anyone may open to read an item before it is public, until it expires."""

    SAL = "cancilleria.base.EnlaceVistaPrevia"

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("tipo de contenido"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("id del elemento"))
    objeto = GenericForeignKey("content_type", "object_id")
    # Random and unique; the URL carries it signed with SECRET_KEY, so the database
    # alone does not give working links.
    clave = models.CharField(_("clave"), max_length=64, unique=True, editable=False)
    expira = models.DateTimeField(_("expira"))
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocado_en = models.DateTimeField(_("revocado el"), null=True, blank=True)

    objects = EnlaceVistaPreviaQuerySet.as_manager()

    class Meta:
        verbose_name = _("enlace de vista previa")
        verbose_name_plural = _("enlaces de vista previa")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="enlace_vp_objeto_idx"),
        ]

    def __str__(self):
        return str(self.objeto)

    def save(self, *args, **kwargs):
        if not self.clave:
            self.clave = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("vista_previa_compartida", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.Signer(salt=self.SAL, sep=".").sign(self.clave)

    @classmethod
    def clave_de(cls, token):
        """Return the key inside a signed token, or None if it was not signed by us."""
        try:
            return signing.Signer(salt=cls.SAL, sep=".").unsign(token)
        except signing.BadSignature:
            return None

    @property
    def vigente(self):
        """Say whether the link still opens: not revoked and not expired."""
        return self.revocado_en is None and self.expira > timezone.now()


class Salvaguardable(models.Model):
    """Who acknowledged the victim-identification warnings of an item, and which ones.

    The warnings come from `cancilleria.base.salvaguardas`; `advertencias_reconocidas`
    holds their fingerprint, so a text that changes into new warnings needs a new
    acknowledgement. The history records each change of these fields with its author.

    Every column is nullable with no default: SQLite then adds it with ALTER TABLE instead
    of rebuilding the table, which would drop the search and quote triggers on it.
    """

    advertencias_reconocidas = models.CharField(  # noqa: DJ001 (see the docstring)
        _("advertencias reconocidas"), max_length=32, null=True, blank=True, editable=False
    )
    advertencias_reconocidas_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advertencias reconocidas por"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    advertencias_reconocidas_en = models.DateTimeField(
        _("advertencias reconocidas el"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Fragmento(models.Model):
    """A piece of a public page rendered once and kept until what it shows is written.

    `cancilleria.base.fragmentos` fills and reads them (list cards, release articles, a
    list's filter options); a committed write deletes those that depend on what it
    touched. `claves` are the surrogate keys of what it shows, for the page's
    Surrogate-Key header.
    """

    clave = models.CharField(max_length=200, unique=True)
    html = models.TextField()
    claves = models.TextField()

    def __str__(self):
        return self.clave


class FragmentoDependencia(models.Model):
    """One item a fragment shows (a surrogate key such as `tema-5`): writing it deletes it."""

    fragmento = models.ForeignKey(
        Fragmento, to_field="clave", on_delete=models.DB_CASCADE, related_name="+"
    )
    clave = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fragmento", "clave"], name="fragmento_clave_unica")
        ]

    def __str__(self):
        return f"{self.fragmento_id} → {self.clave}"
