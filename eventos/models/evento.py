"""The event itself: what, when, where, who organised it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cancilleria.base.busqueda import Buscable, BuscableQuerySet, ConfiguracionBusqueda
from cancilleria.base.html import CampoTextoEnriquecido, sanear_campos
from cancilleria.base.models import Estado, Publicable, PublicableQuerySet, Salvaguardable
from cancilleria.directorio.models import avisos_de
from cancilleria.directorio.regiones import agrupar_por_region

from ..selectores import SelectoresEvento


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("presencial")
    VIRTUAL = "virtual", _("virtual")
    HIBRIDA = "hibrida", _("híbrida")


def _inicio_de_hoy(ahora):
    # An event with no end time lasts until the end of its day (Lima time).
    return timezone.localtime(ahora).replace(hour=0, minute=0, second=0, microsecond=0)


# Running events read at once for the home page (see primeros_proximos).
EN_CURSO_LEIDOS = 200


class EventoQuerySet(SelectoresEvento, BuscableQuerySet, PublicableQuerySet):
    def proximos(self, ahora=None):
        """Return events that have not ended: running now or still to come."""
        ahora = ahora or timezone.now()
        return self.filter(
            Q(fin__gte=ahora) | Q(fin__isnull=True, inicio__gte=_inicio_de_hoy(ahora))
        )

    def primeros_proximos(self, limite, ahora=None):
        """Return the first `limite` events of proximos(), by start, as a list.

        Ordering proximos() by start walks every past event before the first upcoming
        one (8.8k pages at 100k releases). Two bounded reads instead: events running since
        before today, found by their end (few), and those starting today or later.
        """
        ahora = ahora or timezone.now()
        hoy = _inicio_de_hoy(ahora)
        en_curso = self.filter(inicio__lt=hoy, fin__gte=ahora)
        por_venir = self.filter(Q(fin__gte=ahora) | Q(fin__isnull=True), inicio__gte=hoy)
        # The running ones in the end index's own order, with a limit: without one the
        # planner, which cannot know that few events run at once, scanned every public
        # event (7 ms at 100k releases; 0.1 ms this way). All running events start before
        # any upcoming one, so more than EN_CURSO_LEIDOS running needs only the first by start.
        en_curso_leidos = list(en_curso.order_by("fin", "inicio")[: EN_CURSO_LEIDOS + 1])
        if len(en_curso_leidos) > EN_CURSO_LEIDOS:
            en_curso_leidos = list(en_curso.order_by("inicio", "pk")[:limite])
        eventos = [*en_curso_leidos, *por_venir.order_by("inicio", "pk")[:limite]]
        return sorted(eventos, key=lambda evento: (evento.inicio, evento.pk))[:limite]

    def pasados(self, ahora=None):
        """Return events that are over."""
        ahora = ahora or timezone.now()
        return self.filter(Q(fin__lt=ahora) | Q(fin__isnull=True, inicio__lt=_inicio_de_hoy(ahora)))


class Evento(Publicable, Salvaguardable, Buscable):
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
    # What the search indexes (cancilleria/base/busqueda/): the collaborating
    # organisations and the speakers are found through the rows that link them.
    configuracion_busqueda = ConfiguracionBusqueda(
        titulo="nombre",
        texto=("descripcion", "lugar", "publico"),
        relacionados={
            "temas": ("nombre_es", "nombre_en"),
            "colaboraciones__organizacion": ("nombre_es", "nombre_en", "sigla_es", "sigla_en"),
            "participaciones__persona": ("nombre",),
        },
    )

    objects = EventoQuerySet.as_manager()

    class Meta(Publicable.Meta):
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        ordering = ["-inicio", "-id"]
        # Publishing, scheduling and withdrawing go through eventos.services.
        permissions = [("publicar_evento", _("Puede publicar, programar y retirar eventos"))]
        indexes = [
            models.Index(fields=["estado", "fecha_publicacion"], name="evento_estado_fecha_idx"),
            models.Index(fields=["inicio"], name="evento_inicio_idx"),
            models.Index(fields=["tipo", "modalidad"], name="evento_tipo_modalidad_idx"),
            # What the public reads, by start date (lists, directory pages, sitemap pages).
            models.Index(
                fields=["-inicio", "-id"],
                condition=Q(estado=Estado.PUBLICADO),
                name="evento_publico_inicio_idx",
            ),
            # Counting a filtered list: the published keys in key order, merged with a
            # link table's keys for the chosen consulate or topic (migration 0017).
            models.Index(
                fields=["id", "fecha_publicacion"],
                condition=Q(estado=Estado.PUBLICADO),
                name="evento_publico_id_idx",
            ),
            # MAX(actualizado) for the sitemap index.
            models.Index(
                fields=["-actualizado"],
                condition=Q(estado=Estado.PUBLICADO),
                name="evento_publico_act_idx",
            ),
            # Events running since before today, by their end (primeros_proximos).
            models.Index(
                fields=["fin", "inicio"],
                condition=Q(estado=Estado.PUBLICADO),
                name="evento_publico_fin_idx",
            ),
            # Lists in Quechua and Aymara: the few translated rows, not a walk through all
            # (the condition is cancilleria.base.idiomas's, word for word).
            *(
                models.Index(
                    fields=["-inicio", "-id"],
                    condition=Q(
                        estado=Estado.PUBLICADO,
                        **{f"nombre_{idioma}__gt": "", f"descripcion_{idioma}__gt": ""},
                    ),
                    name=f"evento_publico_{idioma}_idx",
                )
                for idioma in ("qu", "ay")
            ),
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
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("eventos:detalle", kwargs={"slug": self.slug})

    # Trafficking safeguards (cancilleria.base.salvaguardas): the texts read for warnings.
    campos_salvaguarda = ("nombre", "descripcion", "lugar", "publico")

    @property
    def es_sensible(self):
        """Say whether a topic of the event is sensitive (uses the prefetch when there)."""
        return any(tema.sensible for tema in self.temas.all()) if self.pk else False

    @property
    def avisos_de_ayuda(self):
        """Return the helpline notices of the event's sensitive topics."""
        return avisos_de(self.temas.all())

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
        return agrupar_por_region(sorted(self.consulados.all(), key=lambda c: c.nombre))

    @property
    def participaciones_generales(self):
        """Return the participations tied to no session (uses the prefetched rows)."""
        return [p for p in self.participaciones.all() if p.sesion_id is None]
