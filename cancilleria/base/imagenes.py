"""Uploaded images: what is accepted, and how it is cleaned before it is stored.

Only JPEG, PNG and WebP whose content matches the extension, within a size and a pixel
limit (settings IMAGENES_TAMANO_MAXIMO, IMAGENES_PIXELES_MAXIMOS), one frame. Every
accepted image is decoded and re-encoded, so nothing but pixels survives: no EXIF (GPS
included), no XMP, no bytes appended after the image data. The orientation in EXIF is
applied to the pixels first so the photo still shows upright.
"""

import io
import uuid
import warnings
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format -> (accepted extensions, extension for the stored file, MIME type).
FORMATOS = {
    "JPEG": ({".jpg", ".jpeg"}, ".jpg", "image/jpeg"),
    "PNG": ({".png"}, ".png", "image/png"),
    "WEBP": ({".webp"}, ".webp", "image/webp"),
}
EXTENSIONES = {ext: formato for formato, (exts, _ext, _mime) in FORMATOS.items() for ext in exts}
NOMBRES_FORMATO = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
OPCIONES_GUARDADO = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}


# The limits live in settings only; read on each call so tests can change them.
def tamano_maximo():
    return settings.IMAGENES_TAMANO_MAXIMO


def pixeles_maximos():
    return settings.IMAGENES_PIXELES_MAXIMOS


def _megapixeles(pixeles):
    return f"{pixeles / 1_000_000:.1f}".rstrip("0").rstrip(".")


def _error_demasiados_pixeles(ancho=None, alto=None):
    if ancho and alto:
        return ValidationError(
            _(
                "La imagen mide %(ancho)s × %(alto)s píxeles (%(mp)s megapíxeles); "
                "el máximo es de %(max)s megapíxeles. Redúzcala antes de subirla."
            ),
            code="demasiados_pixeles",
            params={
                "ancho": ancho,
                "alto": alto,
                "mp": _megapixeles(ancho * alto),
                "max": _megapixeles(pixeles_maximos()),
            },
        )
    return ValidationError(
        _("La imagen es demasiado grande; el máximo es de %(max)s megapíxeles."),
        code="demasiados_pixeles",
        params={"max": _megapixeles(pixeles_maximos())},
    )


def _abrir(archivo, formato_esperado):
    """Open the upload with Pillow, refusing bombs and anything but the expected format."""
    archivo.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that: make it an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            imagen = Image.open(archivo, formats=list(FORMATOS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _error_demasiados_pixeles() from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise ValidationError(
                _(
                    "El contenido del archivo no es una imagen JPEG, PNG o WebP válida "
                    "(¿un archivo de otro tipo con la extensión cambiada?)."
                ),
                code="contenido_no_valido",
            ) from None
    if imagen.format != formato_esperado:
        raise ValidationError(
            _(
                "La extensión dice %(esperado)s pero el contenido es %(real)s. "
                "Guarde la imagen con la extensión correcta."
            ),
            code="extension_no_coincide",
            params={
                "esperado": NOMBRES_FORMATO[formato_esperado],
                "real": NOMBRES_FORMATO.get(imagen.format, imagen.format),
            },
        )
    return imagen


def _decodificar(imagen):
    """Check frames and pixels, then decode the pixels (never before the checks)."""
    if getattr(imagen, "n_frames", 1) > 1:
        raise ValidationError(
            _("Las imágenes animadas no se admiten: suba una imagen fija."),
            code="animada",
        )
    ancho, alto = imagen.size
    if ancho * alto > pixeles_maximos():
        raise _error_demasiados_pixeles(ancho, alto)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            imagen.load()
    except Exception:
        # Truncated or corrupt data: Pillow raises many different types here.
        raise ValidationError(
            _("La imagen está dañada o incompleta y no se puede leer."), code="danada"
        ) from None
    return imagen


def _reencodar(imagen, formato):
    """Return the pixels re-encoded in the same format, with no metadata but the colour profile."""
    icc = imagen.info.get("icc_profile")
    limpia = ImageOps.exif_transpose(imagen)
    if formato == "JPEG":
        if limpia.mode not in ("RGB", "L"):
            limpia = limpia.convert("RGB")
    elif limpia.mode not in ("RGB", "RGBA", "L", "LA"):
        tiene_alfa = "A" in limpia.getbands() or "transparency" in limpia.info
        limpia = limpia.convert("RGBA" if tiene_alfa else "RGB")
    # Nothing from the original's info travels: EXIF, XMP, comments, text chunks.
    limpia.info = {}
    salida = io.BytesIO()
    opciones = dict(OPCIONES_GUARDADO[formato])
    if icc:
        opciones["icc_profile"] = icc
    limpia.save(salida, format=formato, **opciones)
    return salida.getvalue(), limpia.size


def limpiar_imagen(archivo):
    """Validate an uploaded image and return a clean, re-encoded copy of it.

    Raise ValidationError with a message in Spanish when the file is not accepted.
    The returned file has the extension of its real format and no metadata.
    """
    if archivo is None:
        return None
    if not archivo.size:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if archivo.size > tamano_maximo():
        raise ValidationError(
            _("El archivo pesa %(tamano)s; el máximo es %(max)s."),
            code="demasiado_pesado",
            params={
                "tamano": filesizeformat(archivo.size),
                "max": filesizeformat(tamano_maximo()),
            },
        )
    extension = Path(archivo.name or "").suffix.lower()
    formato = EXTENSIONES.get(extension)
    if formato is None:
        raise ValidationError(
            _("Solo se admiten imágenes JPEG, PNG o WebP (no «%(extension)s»)."),
            code="formato_no_admitido",
            params={"extension": extension or _("sin extensión")},
        )
    imagen = _decodificar(_abrir(archivo, formato))
    try:
        datos, tamano = _reencodar(imagen, formato)
    finally:
        imagen.close()
    _exts, extension_final, mime = FORMATOS[formato]
    limpio = SimpleUploadedFile(f"{Path(archivo.name).stem}{extension_final}", datos, mime)
    limpio.image_size = tamano
    return limpio


class CampoImagenFormulario(forms.ImageField):
    """An image form field that accepts only clean JPEG/PNG/WebP and re-encodes them."""

    default_error_messages = {
        "empty": _("El archivo está vacío."),
        "invalid_image": _("El archivo no es una imagen JPEG, PNG o WebP válida."),
    }

    def __init__(self, **kwargs):
        if not kwargs.get("help_text"):
            # The model's help text is empty: say the limits where the file is chosen.
            kwargs["help_text"] = _(
                "JPEG, PNG o WebP; hasta %(max)s y %(mp)s megapíxeles. Se eliminan los metadatos."
            ) % {"max": filesizeformat(tamano_maximo()), "mp": _megapixeles(pixeles_maximos())}
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(mime for _exts, _ext, mime in FORMATOS.values())
        if self.label:
            # The admin puts file inputs in a <fieldset>, whose legend is no label.
            attrs["aria-label"] = str(self.label)
        return attrs

    def to_python(self, data):
        # FileField.to_python checks the name and the empty file; we do the rest
        # (Django's ImageField would let Pillow open any of its formats).
        archivo = forms.FileField.to_python(self, data)
        return limpiar_imagen(archivo)


class CampoImagen(models.ImageField):
    """An ImageField whose forms validate and re-encode the upload (see limpiar_imagen)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CampoImagenFormulario, **kwargs})

    def deconstruct(self):
        # The checks live in forms only: migrations see a plain ImageField.
        nombre, _ruta, args, kwargs = super().deconstruct()
        return nombre, "django.db.models.ImageField", args, kwargs


def ruta_generada(carpeta, nombre):
    """Return a generated storage path: never trust (or leak) the uploader's file name."""
    extension = Path(nombre).suffix.lower()[:10]
    return f"{carpeta}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_foto(instancia, nombre):
    return ruta_generada("personas", nombre)


def ruta_logo(instancia, nombre):
    return ruta_generada("organizaciones", nombre)


def variante(campo, ancho):
    """Return an imagekit spec field: the image at most `ancho` pixels wide, as WebP.

    Optimistic: made once when the source is saved, so a page view never resizes.
    """
    return ImageSpecField(
        source=campo,
        processors=[ResizeToFit(width=ancho, upscale=False)],
        format="WEBP",
        options={"quality": 80},
        cachefile_strategy="imagekit.cachefiles.strategies.Optimistic",
    )


def variantes(instancia, campo, anchos):
    """Return [(rendition, width, height)] of the spec fields `<campo>_<ancho>`.

    Sizes come from the stored dimensions of the original (no file is opened); a
    rendition as wide as the original is kept once.
    """
    ancho = getattr(instancia, f"{campo}_ancho", None)
    alto = getattr(instancia, f"{campo}_alto", None)
    if not getattr(instancia, campo) or not ancho or not alto:
        return []
    resultado = []
    for objetivo in anchos:
        w = min(objetivo, ancho)
        resultado.append((getattr(instancia, f"{campo}_{objetivo}"), w, round(alto * w / ancho)))
        if w == ancho:
            break
    return resultado
