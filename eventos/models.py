"""Events the ministry organises or takes part in, their programme and participants."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cancilleria.base.html import CampoTextoEnriquecido, sanear_campos
from cancilleria.base.models import Publicable, PublicableQuerySet
from cancilleria.directorio.regiones import Region

from . import busqueda


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("presencial")
    VIRTUAL = "virtual", _("virtual")
    HIBRIDA = "hibrida", _("híbrida")


def _inicio_de_hoy(ahora):
    # An event with no end time lasts until the end of its day (Lima time).
    return timezone.localtime(ahora).replace(hour=0, minute=0, second=0, microsecond=0)


class EventoQuerySet(PublicableQuerySet):
    def buscar(self, texto, idioma):
        """Return the events matching the visitor's text (see eventos/busqueda.py)."""
        return busqueda.buscar(self, texto, idioma)

    def buscar_en_admin(self, texto):
        """Return the events matching the text in either language, for the admin."""
        return busqueda.buscar_en_admin(self, texto)

    def proximos(self, ahora=None):
        """Return events that have not ended: running now or still to come."""
        ahora = ahora or timezone.now()
        return self.filter(
            Q(fin__gte=ahora) | Q(fin__isnull=True, inicio__gte=_inicio_de_hoy(ahora))
        )

    def pasados(self, ahora=None):
        """Return events that are over."""
        ahora = ahora or timezone.now()
        return self.filter(Q(fin__lt=ahora) | Q(fin__isnull=True, inicio__lt=_inicio_de_hoy(ahora)))


class Evento(Publicable):
    class Tipo(models.TextChoices):
        SEMINARIO = "seminario", _("seminario")
        CONFERENCIA = "conferencia", _("conferencia")
        REUNION = "reunion", _("reunión")
        TALLER = "taller", _("taller")
        CEREMONIA = "ceremonia", _("ceremonia")
        VISITA = "visita", _("visita")
        FORO = "foro", _("foro")
        OTRO = "otro", _("otro")

    nombre = models.CharField(_("nombre"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo, default=Tipo.SEMINARIO)
    internacional = models.BooleanField(_("internacional"), default=False)
    modalidad = models.CharField(
        _("modalidad"), max_length=20, choices=Modalidad, default=Modalidad.PRESENCIAL
    )
    inicio = models.DateTimeField(_("inicio"))
    fin = models.DateTimeField(_("fin"), null=True, blank=True)
    lugar = models.CharField(_("lugar"), max_length=250, blank=True)
    descripcion = CampoTextoEnriquecido(_("descripción"), blank=True)
    publico = models.CharField(
        _("público"),
        max_length=300,
        blank=True,
        help_text=_("A quién se dirige, p. ej. funcionarios de la Cancillería."),
    )
    asistentes = models.PositiveIntegerField(_("asistentes"), null=True, blank=True)
    asistentes_mas_de = models.BooleanField(
        _("«más de»"), default=False, help_text=_("La cifra de asistentes es un mínimo.")
    )
    organizador = models.ForeignKey(
        "cancilleria.Organizacion",
        verbose_name=_("organizador"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eventos_organizados",
    )
    colaboradores = models.ManyToManyField(
        "cancilleria.Organizacion",
        verbose_name=_("colaboradores"),
        through="Colaboracion",
        blank=True,
        related_name="eventos_colaborados",
    )
    temas = models.ManyToManyField(
        "cancilleria.Tema", verbose_name=_("temas"), blank=True, related_name="eventos"
    )
    consulados = models.ManyToManyField(
        "cancilleria.Consulado",
        verbose_name=_("consulados participantes"),
        through="ParticipacionConsular",
        blank=True,
        related_name="eventos",
    )
    # Derived search text (eventos/busqueda.py): own fields normalised per language,
    # and the names of the topics, collaborating organisations and speakers.
    busqueda_es = models.TextField(_("texto de búsqueda (es)"), blank=True, editable=False)
    busqueda_en = models.TextField(_("texto de búsqueda (en)"), blank=True, editable=False)
    relacionados = models.TextField(_("nombres relacionados"), blank=True, editable=False)

    objects = EventoQuerySet.as_manager()

    class Meta(Publicable.Meta):
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        ordering = ["-inicio"]
        # Publishing, scheduling and withdrawing go through eventos.services.
        permissions = [("publicar_evento", _("Puede publicar, programar y retirar eventos"))]
        indexes = [
            models.Index(fields=["estado", "fecha_publicacion"], name="evento_estado_fecha_idx"),
            models.Index(fields=["inicio"], name="evento_inicio_idx"),
            models.Index(fields=["tipo", "modalidad"], name="evento_tipo_modalidad_idx"),
        ]
        constraints = [
            *Publicable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gte=models.F("inicio")),
                name="evento_fin_no_antes_de_inicio",
                violation_error_message=_("Un evento no puede terminar antes de empezar."),
            ),
        ]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        sanear_campos(self, "descripcion")
        for columna, texto in busqueda.documentos_propios(self).items():
            setattr(self, columna, texto)
        kwargs["update_fields"] = busqueda.campos_a_guardar(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("eventos:detalle", kwargs={"slug": self.slug})

    @property
    def asistentes_texto(self):
        if self.asistentes is None:
            return ""
        if self.asistentes_mas_de:
            return _("más de %(n)s") % {"n": self.asistentes}
        return str(self.asistentes)

    @property
    def consulados_por_region(self):
        """Return [(region label, [consulates])] in the regions' own order (uses the prefetch)."""
        grupos = {}
        for consulado in sorted(self.consulados.all(), key=lambda c: c.nombre):
            grupos.setdefault(consulado.region, []).append(consulado)
        orden = {valor: i for i, valor in enumerate(Region.values)}
        return [
            (Region(region).label if region else _("Otras"), grupos[region])
            for region in sorted(grupos, key=lambda r: orden.get(r, len(orden)))
        ]

    @property
    def participaciones_generales(self):
        """Return the participations tied to no session (uses the prefetched rows)."""
        return [p for p in self.participaciones.all() if p.sesion_id is None]


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

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["evento", "orden", "inicio"]

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

    class Meta:
        verbose_name = _("participación")
        verbose_name_plural = _("participaciones")
        ordering = ["evento", "orden"]
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
        ordering = ["evento", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["evento", "organizacion", "rol"],
                name="colaboracion_unica",
                violation_error_message=_("Esta organización ya colabora con ese rol."),
            ),
        ]

    def __str__(self):
        return f"{self.organizacion} — {self.get_rol_display()}"
