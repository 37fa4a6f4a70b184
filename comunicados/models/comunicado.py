"""The press release itself, and where its files are stored."""

import re
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
from cancilleria.base.models import Estado, Publicable, PublicableQuerySet, Salvaguardable
from cancilleria.directorio.models import avisos_de

from .. import numeracion
from ..adjuntos import CARPETA as CARPETA_ADJUNTOS
from ..adjuntos import TIPOS as TIPOS_ADJUNTO
from ..selectores import SelectoresComunicado


def _ruta(carpeta, nombre):
    # Generated names: never trust (or leak) the uploader's file name.
    extension = Path(nombre).suffix.lower()[:10]
    return f"{carpeta}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


_PREFIJO_CREDITO = re.compile(
    r"^\s*(?:foto(?:grafía|grafia)?|photo(?:graph)?|imagen|image|crédito|credito|credit)"
    r"\s*[:.\-–—]\s*",
    re.IGNORECASE,
)


def sin_prefijo_de_credito(credito):
    """Return the credit without a leading "Foto:"/"Photo:" label."""
    return _PREFIJO_CREDITO.sub("", credito or "", count=1)


def ruta_imagen(instancia, nombre):
    return _ruta("comunicados", nombre)


def ruta_adjunto(instancia, nombre):
    # The extension comes from the detected content (Adjunto.save), never from the upload.
    tipo = TIPOS_ADJUNTO.get(instancia.formato)
    extension = tipo.extension if tipo else ".bin"
    return _ruta(CARPETA_ADJUNTOS, f"adjunto{extension}")


class ComunicadoQuerySet(SelectoresComunicado, BuscableQuerySet, PublicableQuerySet):
    pass


class Comunicado(Publicable, Salvaguardable, Buscable):
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
    credito = models.CharField(
        _("crédito"),
        max_length=120,
        blank=True,
        help_text=_("Autor o fuente de la foto, p. ej. «Cancillería»; la página antepone «Foto:»."),
    )
    # Sensitive topics: when someone confirmed that no victim is identifiable in the
    # image (the admin asks again when the image changes). Nullable: see Salvaguardable.
    imagen_confirmada_en = models.DateTimeField(
        _("imagen revisada el"), null=True, blank=True, editable=False
    )
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
            # What the public reads, newest first: lists, home, feeds, sitemap pages.
            models.Index(
                fields=["-fecha_publicacion", "-id"],
                condition=Q(estado=Estado.PUBLICADO),
                name="comunicado_publico_fecha_idx",
            ),
            # Counting a filtered list: the published keys in key order, merged with a
            # link table's keys for the chosen topic or organisation (its own index,
            # migration 0023), instead of one probe per release in date order.
            models.Index(
                fields=["id", "fecha_publicacion"],
                condition=Q(estado=Estado.PUBLICADO),
                name="comunicado_publico_id_idx",
            ),
            # The home page's featured release: a handful of rows, not a table scan.
            models.Index(
                fields=["-fecha_publicacion", "-id"],
                condition=Q(estado=Estado.PUBLICADO, destacado=True),
                name="comunicado_destacado_idx",
            ),
            # MAX(actualizado) for the sitemap index: the first entry, read backwards.
            models.Index(
                fields=["-actualizado"],
                condition=Q(estado=Estado.PUBLICADO),
                name="comunicado_publico_act_idx",
            ),
            # Lists in Quechua and Aymara: the few translated rows, not a walk through all
            # (the condition is cancilleria.base.idiomas's, word for word).
            *(
                models.Index(
                    fields=["-fecha_publicacion", "-id"],
                    condition=Q(
                        estado=Estado.PUBLICADO,
                        **{f"titulo_{idioma}__gt": "", f"cuerpo_{idioma}__gt": ""},
                    ),
                    name=f"comunicado_publico_{idioma}_idx",
                )
                for idioma in ("qu", "ay")
            ),
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
        # The page prints "Foto:" itself; a typed "Foto: Cancillería" read "Foto: Foto: …".
        self.credito = sin_prefijo_de_credito(self.credito)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("comunicados:detalle", kwargs={"slug": self.slug})

    def clean(self):
        errores = {}
        try:
            # The series year as save() will store it: the unique constraint cannot see
            # it, `anio` not being a form field.
            numeracion.validar_numero(self, numeracion.anio_de(self.fecha_publicacion))
        except ValidationError as error:
            errores.update(error.error_dict)
        if self.imagen and not (self.texto_alternativo_es or "").strip():
            errores["texto_alternativo_es"] = [
                ValidationError(
                    _("Describa la imagen para quien no puede verla."),
                    code="falta_texto_alternativo",
                )
            ]
        if errores:
            raise ValidationError(errores)

    def validar_publicacion(self, fecha):
        numeracion.validar_numero(self, numeracion.anio_de(fecha))

    # Trafficking safeguards (cancilleria.base.salvaguardas): the texts read for warnings.
    campos_salvaguarda = (
        "titulo",
        "bajada",
        "resumen",
        "cuerpo",
        "texto_alternativo",
        "pie_de_foto",
    )

    @property
    def es_sensible(self):
        """Say whether a topic of the release is sensitive (uses the prefetch when there)."""
        return any(tema.sensible for tema in self.temas.all()) if self.pk else False

    @property
    def avisos_de_ayuda(self):
        """Return the helpline notices of the release's sensitive topics."""
        return avisos_de(self.temas.all())

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
