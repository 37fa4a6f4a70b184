"""Press releases and their parts: key figures, quotes, attachments."""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cancilleria.base.busqueda import Buscable, BuscableQuerySet, ConfiguracionBusqueda
from cancilleria.base.html import CampoTextoEnriquecido, sanear_campos
from cancilleria.base.imagenes import CampoImagen, variante, variantes
from cancilleria.base.models import Publicable, PublicableQuerySet

from .adjuntos import CARPETA as CARPETA_ADJUNTOS
from .adjuntos import TIPOS as TIPOS_ADJUNTO
from .adjuntos import Formato as FormatoAdjunto
from .adjuntos import detectar_formato, validar_adjunto
from .selectores import SelectoresComunicado


def _ruta(carpeta, nombre):
    # Generated names: never trust (or leak) the uploader's file name.
    extension = Path(nombre).suffix.lower()[:10]
    return f"{carpeta}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_imagen(instancia, nombre):
    return _ruta("comunicados", nombre)


def ruta_adjunto(instancia, nombre):
    # The extension comes from the detected content (Adjunto.save), never from the upload.
    tipo = TIPOS_ADJUNTO.get(instancia.formato)
    extension = tipo.extension if tipo else ".bin"
    return _ruta(CARPETA_ADJUNTOS, f"adjunto{extension}")


class ComunicadoQuerySet(SelectoresComunicado, BuscableQuerySet, PublicableQuerySet):
    pass


class Comunicado(Publicable, Buscable):
    class Tipo(models.TextChoices):
        # The type needs its own msgid: in English it is "statement", the model "press release".
        COMUNICADO = "comunicado", pgettext_lazy("tipo de comunicado", "comunicado")
        NOTA_DE_PRENSA = "nota_de_prensa", _("nota de prensa")
        NOTA_INFORMATIVA = "nota_informativa", _("nota informativa")
        COMUNICADO_CONJUNTO = "comunicado_conjunto", _("comunicado conjunto")

    class Ambito(models.TextChoices):
        LOCAL = "local", _("local")
        EXTERIOR = "exterior", _("exterior")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo, default=Tipo.NOTA_DE_PRENSA)
    ambito = models.CharField(_("ámbito"), max_length=20, choices=Ambito, default=Ambito.LOCAL)
    numero = models.PositiveIntegerField(
        _("número"), null=True, blank=True, help_text=_("Número oficial de la serie, si tiene.")
    )
    # The series year, taken from the publication date so numbers restart each year.
    anio = models.PositiveSmallIntegerField(_("año"), null=True, blank=True, editable=False)
    titulo = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    bajada = models.CharField(
        _("bajada"), max_length=400, blank=True, help_text=_("La línea que sigue al título.")
    )
    resumen = models.TextField(_("resumen"), blank=True)
    cuerpo = CampoTextoEnriquecido(_("cuerpo"), blank=True)
    destacado = models.BooleanField(
        _("destacado"),
        default=False,
        help_text=_("Se muestra en primer lugar en la página de inicio."),
    )
    lugar = models.CharField(
        _("lugar"), max_length=120, blank=True, help_text=_("La ciudad de la data, p. ej. Lima.")
    )
    imagen = CampoImagen(
        _("imagen"),
        upload_to=ruta_imagen,
        blank=True,
        width_field="imagen_ancho",
        height_field="imagen_alto",
    )
    # Stored so pages can give width/height (no layout shift) without opening the file.
    imagen_ancho = models.PositiveIntegerField(_("ancho de la imagen"), null=True, editable=False)
    imagen_alto = models.PositiveIntegerField(_("alto de la imagen"), null=True, editable=False)
    # Responsive renditions (django-imagekit), made when the release is saved.
    imagen_480 = variante("imagen", 480)
    imagen_960 = variante("imagen", 960)
    imagen_1440 = variante("imagen", 1440)
    texto_alternativo = models.CharField(_("texto alternativo"), max_length=250, blank=True)
    pie_de_foto = models.CharField(_("pie de foto"), max_length=300, blank=True)
    credito = models.CharField(_("crédito"), max_length=120, blank=True)
    temas = models.ManyToManyField(
        "cancilleria.Tema", verbose_name=_("temas"), blank=True, related_name="comunicados"
    )
    evento = models.ForeignKey(
        "eventos.Evento",
        verbose_name=_("evento"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comunicados",
    )
    organizaciones = models.ManyToManyField(
        "cancilleria.Organizacion",
        verbose_name=_("organizaciones mencionadas"),
        blank=True,
        related_name="comunicados",
    )
    personas = models.ManyToManyField(
        "cancilleria.Persona",
        verbose_name=_("personas mencionadas"),
        blank=True,
        related_name="comunicados",
    )
    # What the search indexes (cancilleria/base/busqueda/): names weigh less than the
    # title and more than the text; the acronyms (OIT, ILO) are names too.
    configuracion_busqueda = ConfiguracionBusqueda(
        titulo="titulo",
        texto=("bajada", "resumen", "cuerpo"),
        relacionados={
            "temas": ("nombre_es", "nombre_en"),
            "organizaciones": ("nombre_es", "nombre_en", "sigla_es", "sigla_en"),
            "personas": ("nombre",),
        },
    )

    objects = ComunicadoQuerySet.as_manager()

    class Meta(Publicable.Meta):
        verbose_name = _("comunicado")
        verbose_name_plural = _("comunicados")
        ordering = ["-fecha_publicacion", "-id"]
        # Publishing, scheduling and withdrawing go through comunicados.services.
        permissions = [
            ("publicar_comunicado", _("Puede publicar, programar y retirar comunicados")),
        ]
        indexes = [
            models.Index(
                fields=["estado", "-fecha_publicacion"], name="comunicado_estado_fecha_idx"
            ),
            models.Index(fields=["tipo", "ambito"], name="comunicado_tipo_ambito_idx"),
            models.Index(fields=["anio"], name="comunicado_anio_idx"),
        ]
        constraints = [
            *Publicable.Meta.constraints,
            models.UniqueConstraint(
                fields=["tipo", "anio", "numero"],
                condition=Q(numero__isnull=False),
                name="comunicado_numero_unico_por_tipo_y_anio",
                violation_error_message=_(
                    "Ya hay un comunicado de ese tipo con ese número este año."
                ),
            ),
        ]

    def __str__(self):
        return self.titulo

    def save(self, *args, **kwargs):
        if self.fecha_publicacion:
            self.anio = timezone.localtime(self.fecha_publicacion).year
        else:
            self.anio = None
        sanear_campos(self, "cuerpo")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("comunicados:detalle", kwargs={"slug": self.slug})

    def clean(self):
        if self.imagen and not (self.texto_alternativo_es or "").strip():
            raise ValidationError(
                {"texto_alternativo_es": _("Describa la imagen para quien no puede verla.")},
                code="falta_texto_alternativo",
            )

    @property
    def evento_publico(self):
        """Return the linked event only if the public may see it."""
        evento = self.evento if self.evento_id else None
        return evento if evento is not None and evento.es_publico else None

    @property
    def imagen_variantes(self):
        """Return [(rendition, width, height)] for srcset, widest last, no duplicates."""
        return variantes(self, "imagen", (480, 960, 1440))

    @property
    def numero_oficial(self):
        if self.numero is None:
            return ""
        return f"N.° {self.numero:03d}-{self.anio}" if self.anio else f"N.° {self.numero:03d}"


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
    archivo = models.FileField(_("archivo"), upload_to=ruta_adjunto, validators=[validar_adjunto])
    titulo = models.CharField(_("título"), max_length=250)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    # Read from the content when the file is saved; empty for files stored before.
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

    def save(self, *args, **kwargs):
        # A new upload: its type and size come from the bytes and name the stored file.
        if self.archivo and not self.archivo._committed:
            self.formato = detectar_formato(self.archivo.file, self.archivo.name) or ""
            self.tamano = self.archivo.size
        super().save(*args, **kwargs)

    @property
    def tipo_mime(self):
        tipo = TIPOS_ADJUNTO.get(self.formato)
        return tipo.mime if tipo else "application/octet-stream"
