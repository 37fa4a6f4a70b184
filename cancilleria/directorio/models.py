"""The shared directory: topics, organisations, people, posts, consulates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cancilleria.base.html import CampoTextoEnriquecido, sanear_campos
from cancilleria.base.imagenes import CampoImagen, ruta_foto, ruta_logo

from .regiones import Region, region_de_pais


class Tema(models.Model):
    nombre = models.CharField(_("nombre"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    descripcion = models.TextField(_("descripción"), blank=True)
    destacado = models.BooleanField(
        _("destacado"), default=False, help_text=_("Se muestra en la página de inicio.")
    )

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temas")
        ordering = ["nombre", "id"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("sitio:tema", kwargs={"slug": self.slug})


class Organizacion(models.Model):
    class Tipo(models.TextChoices):
        MINISTERIO = "ministerio", _("ministerio")
        DEPENDENCIA_MRE = "dependencia_mre", _("dependencia del MRE")
        ENTIDAD_ESTADO = "entidad_estado", _("entidad del Estado")
        ORGANISMO_INTERNACIONAL = "organismo_internacional", _("organismo internacional")
        ORGANO_ONU = "organo_onu", _("órgano de la ONU")
        MISION_EXTRANJERA = "mision_extranjera", _("misión diplomática extranjera")
        SOCIEDAD_CIVIL = "sociedad_civil", _("sociedad civil")
        OTRO = "otro", _("otro")

    nombre = models.CharField(_("nombre"), max_length=250)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo, default=Tipo.OTRO)
    pais = CountryField(_("país"), blank=True)
    padre = models.ForeignKey(
        "self",
        verbose_name=_("depende de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependencias",
    )
    sitio_web = models.URLField(_("sitio web"), blank=True)
    logo = CampoImagen(_("logo"), upload_to=ruta_logo, blank=True)

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["nombre", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(padre=models.F("pk")),
                name="organizacion_no_es_su_propio_padre",
                violation_error_message=_("Una organización no puede depender de sí misma."),
            ),
        ]

    def __str__(self):
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def get_absolute_url(self):
        return reverse("sitio:organizacion", kwargs={"slug": self.slug})

    def clean(self):
        # Walk up the chain: a cycle anywhere would make the hierarchy endless.
        visto = {self.pk} if self.pk else set()
        actual = self.padre
        while actual is not None:
            if actual.pk in visto:
                raise ValidationError(
                    {"padre": _("La jerarquía de organizaciones no puede formar un ciclo.")},
                    code="ciclo",
                )
            visto.add(actual.pk)
            actual = actual.padre

    def ancestros(self):
        """Return the chain from the top organisation down to the direct parent."""
        cadena = []
        actual = self.padre
        while actual is not None and actual not in cadena:
            cadena.insert(0, actual)
            actual = actual.padre
        return cadena


class Persona(models.Model):
    nombre = models.CharField(_("nombre"), max_length=200)
    tratamiento = models.CharField(
        _("tratamiento"), max_length=60, blank=True, help_text=_("Por ejemplo: embajadora.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    foto = CampoImagen(_("foto"), upload_to=ruta_foto, blank=True)
    semblanza = CampoTextoEnriquecido(_("semblanza"), blank=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["nombre", "id"]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        sanear_campos(self, "semblanza")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sitio:persona", kwargs={"slug": self.slug})


class CargoQuerySet(models.QuerySet):
    def vigentes(self, fecha=None):
        """Return the posts held on a date (today by default)."""
        fecha = fecha or timezone.localdate()
        return self.filter(Q(desde__isnull=True) | Q(desde__lte=fecha)).filter(
            Q(hasta__isnull=True) | Q(hasta__gte=fecha)
        )


class Cargo(models.Model):
    persona = models.ForeignKey(
        Persona, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="cargos"
    )
    organizacion = models.ForeignKey(
        Organizacion,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="cargos",
    )
    titulo = models.CharField(_("título"), max_length=250)
    desde = models.DateField(_("desde"), null=True, blank=True)
    hasta = models.DateField(
        _("hasta"), null=True, blank=True, help_text=_("Vacío si el cargo sigue vigente.")
    )

    objects = CargoQuerySet.as_manager()

    class Meta:
        verbose_name = _("cargo")
        verbose_name_plural = _("cargos")
        ordering = ["persona__nombre", "-desde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasta__isnull=True)
                | Q(desde__isnull=True)
                | Q(hasta__gte=models.F("desde")),
                name="cargo_hasta_no_antes_de_desde",
                violation_error_message=_("Un cargo no puede terminar antes de empezar."),
            ),
        ]

    def __str__(self):
        return f"{self.persona.nombre}, {self.titulo}"


class Consulado(models.Model):
    class Tipo(models.TextChoices):
        CONSULADO_GENERAL = "consulado_general", _("consulado general")
        CONSULADO = "consulado", _("consulado")
        SECCION_CONSULAR = "seccion_consular", _("sección consular")
        CONSULADO_HONORARIO = "consulado_honorario", _("consulado honorario")
        OFICINA_DESCONCENTRADA = "oficina_desconcentrada", _("oficina desconcentrada")

    nombre = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    pais = CountryField(_("país"))
    ciudad = models.CharField(_("ciudad"), max_length=120, blank=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo, default=Tipo.CONSULADO_GENERAL)
    # How releases name the office ("España", "China (RAE Hong Kong)"): the resolver of
    # pasted lists matches these before country names, so a country's usual office wins.
    alias = models.TextField(
        _("otros nombres"),
        blank=True,
        help_text=_(
            "Nombres con que los comunicados designan esta oficina, uno por línea "
            "(p. ej. «España» o «China (RAE Hong Kong)»). Al pegar una lista de consulados, "
            "estos nombres eligen esta oficina."
        ),
    )
    # Derived from the country (UN M49) on save; stored so lists can filter and group by it.
    region = models.CharField(
        _("región"), max_length=30, choices=Region, editable=False, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("consulado")
        verbose_name_plural = _("consulados")
        ordering = ["nombre", "id"]
        indexes = [models.Index(fields=["pais"], name="consulado_pais_idx")]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        self.region = region_de_pais(self.pais.code if self.pais else "") or ""
        if kwargs.get("update_fields") is not None and "pais" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "region"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sitio:consulado", kwargs={"slug": self.slug})

    def lista_alias(self):
        """Return the aliases, one per non-blank line."""
        return [linea.strip() for linea in self.alias.splitlines() if linea.strip()]

    def clean(self):
        super().clean()
        # Two offices of one country must be told apart: each needs its city.
        if self.pais and not self.ciudad:
            otros = Consulado.objects.filter(pais=self.pais).exclude(pk=self.pk)
            if otros.exists():
                raise ValidationError(
                    {
                        "ciudad": _(
                            "Hay otras oficinas en este país: indique la ciudad para distinguirlas."
                        )
                    }
                )
        self._validar_alias()

    def _validar_alias(self):
        # An alias naming two offices would make pasted lists ambiguous again.
        from .resolucion import normalizar

        propios = {normalizar(a): a for a in self.lista_alias()}
        if not propios:
            return
        for otro in Consulado.objects.exclude(pk=self.pk).exclude(alias=""):
            for alias in otro.lista_alias():
                if normalizar(alias) in propios:
                    raise ValidationError(
                        {
                            "alias": _("«%(alias)s» ya designa a %(otro)s.")
                            % {"alias": propios[normalizar(alias)], "otro": otro}
                        }
                    )
