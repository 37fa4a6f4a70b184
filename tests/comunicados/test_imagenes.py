"""Hostile and good image uploads through the admin's real change form."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.factories import ComunicadoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


# -- files ---------------------------------------------------------------------------


def imagen(formato="PNG", tamano=(64, 48), modo="RGB", **opciones):
    salida = io.BytesIO()
    Image.new(modo, tamano, (200, 30, 30) if modo == "RGB" else 0).save(
        salida, format=formato, **opciones
    )
    return salida.getvalue()


def _trozo(tipo, datos):
    return (
        struct.pack(">I", len(datos))
        + tipo
        + datos
        + struct.pack(">I", zlib.crc32(tipo + datos) & 0xFFFFFFFF)
    )


@pytest.fixture(scope="session")
def bomba_png():
    """Return a 20000×20000 1-bit PNG: 400 megapixels in about 50 KB."""
    lado = 20_000
    fila = b"\x00" * (1 + lado // 8)  # filter byte + 2500 bytes of black pixels
    compresor = zlib.compressobj(9)
    comprimido = b"".join(compresor.compress(fila) for _ in range(lado)) + compresor.flush()
    cabecera = struct.pack(">IIBBBBB", lado, lado, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _trozo(b"IHDR", cabecera)
        + _trozo(b"IDAT", comprimido)
        + _trozo(b"IEND", b"")
    )


def gif_animado(fotogramas=30):
    cuadros = [Image.new("P", (32, 32), i % 255) for i in range(fotogramas)]
    salida = io.BytesIO()
    cuadros[0].save(salida, format="GIF", save_all=True, append_images=cuadros[1:])
    return salida.getvalue()


def webp_animado():
    cuadros = [Image.new("RGB", (32, 32), (i * 40, 0, 0)) for i in range(3)]
    salida = io.BytesIO()
    cuadros[0].save(salida, format="WEBP", save_all=True, append_images=cuadros[1:])
    return salida.getvalue()


def jpeg_con_gps():
    """Return a 200×100 JPEG whose EXIF has GPS, a camera and orientation 6 (rotate 90°)."""
    exif = Image.Exif()
    exif[0x010F] = "Cámara de prueba"  # Make
    exif[0x0112] = 6  # Orientation
    exif[0x8825] = {1: "S", 2: (12.0, 2.0, 47.0), 3: "W", 4: (77.0, 1.0, 43.0)}  # GPSInfo
    salida = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 120, 200)).save(salida, format="JPEG", exif=exif)
    return salida.getvalue()


PSD_FALSO = (
    b"8BPS\x00\x01" + b"\x00" * 6 + b"\x00\x03\x00\x00\x00\x10\x00\x00\x00\x10\x00\x08\x00\x03"
)
SVG_CON_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


# -- the admin form ------------------------------------------------------------------


@pytest.fixture
def redactor(client):
    usuario = crear_usuario(REDACTOR)
    client.force_login(usuario)
    return usuario


@pytest.fixture
def borrador():
    return ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)


def url(comunicado):
    return f"/admin/comunicados/comunicado/{comunicado.pk}/change/"


def subir(client, comunicado, nombre, contenido, alternativo="Una foto del seminario"):
    datos = datos_de_formulario(client.get(url(comunicado)).content, "comunicado_form")
    datos["texto_alternativo_es"] = [alternativo]
    datos["imagen"] = SimpleUploadedFile(nombre, contenido)
    return client.post(url(comunicado), datos)


def archivos_en_media():
    raiz = Path(settings.MEDIA_ROOT)
    return [p for p in raiz.rglob("*") if p.is_file()] if raiz.exists() else []


def errores_de(respuesta, campo):
    assert respuesta.status_code == 200, "the form should come back with errors"
    return " ".join(respuesta.context["adminform"].form.errors.get(campo, []))


HOSTILES = {
    "bomba_de_descompresion": ("bomba.png", None, "megapíxeles"),
    "gif_animado": ("animado.gif", gif_animado, "JPEG, PNG o WebP"),
    "gif_animado_con_extension_png": ("animado.png", gif_animado, "no es una imagen"),
    "webp_animado": ("animado.webp", webp_animado, "animadas"),
    "tiff_renombrado_jpg": ("foto.jpg", lambda: imagen("TIFF"), "no es una imagen"),
    "psd_renombrado_jpg": ("foto.jpg", lambda: PSD_FALSO, "no es una imagen"),
    "svg_con_script": ("logo.svg", lambda: SVG_CON_SCRIPT, "JPEG, PNG o WebP"),
    "svg_renombrado_png": ("logo.png", lambda: SVG_CON_SCRIPT, "no es una imagen"),
    "png_renombrado_jpg": ("foto.jpg", lambda: imagen("PNG"), "el contenido es PNG"),
    "vacio": ("vacia.jpg", lambda: b"", "vacío"),
    "png_truncado": ("rota.png", lambda: imagen("PNG", (400, 400))[:300], "dañada"),
}


@pytest.mark.parametrize("caso", list(HOSTILES))
def test_subida_hostil_da_error_y_no_deja_archivo(client, redactor, borrador, bomba_png, caso):
    """Each hostile upload gets a clear error on the image field and leaves no file behind."""
    nombre, fabrica, mensaje = HOSTILES[caso]
    contenido = bomba_png if fabrica is None else fabrica()
    respuesta = subir(client, borrador, nombre, contenido)
    assert mensaje in errores_de(respuesta, "imagen")
    borrador.refresh_from_db()
    assert not borrador.imagen
    assert archivos_en_media() == []


def test_imagen_por_encima_del_limite_de_pixeles(client, redactor, borrador, settings):
    """An image over the configured pixel limit is refused with its size in the message."""
    settings.IMAGENES_PIXELES_MAXIMOS = 10_000
    respuesta = subir(client, borrador, "grande.png", imagen("PNG", (200, 100)))
    error = errores_de(respuesta, "imagen")
    assert "200 × 100" in error
    assert "megapíxeles" in error
    assert archivos_en_media() == []


def test_archivo_por_encima_del_limite_de_peso(client, redactor, borrador, settings):
    """A file heavier than the configured limit is refused before it is decoded."""
    settings.IMAGENES_TAMANO_MAXIMO = 1_000
    respuesta = subir(client, borrador, "pesada.jpg", imagen("JPEG", (300, 300), quality=100))
    assert "el máximo es" in errores_de(respuesta, "imagen")
    assert archivos_en_media() == []


def test_png_con_html_anadido_se_guarda_reencodado(client, redactor, borrador):
    """A PNG with HTML appended is stored re-encoded: no `<script` in the stored bytes."""
    contenido = imagen("PNG") + b"<html><script>alert(1)</script></html>"
    respuesta = subir(client, borrador, "truco.png", contenido)
    assert respuesta.status_code == 302
    borrador.refresh_from_db()
    guardado = Path(borrador.imagen.path).read_bytes()
    assert b"<script" not in guardado.lower()
    assert guardado.endswith(b"IEND\xaeB`\x82")
    assert Image.open(borrador.imagen.path).format == "PNG"


def test_jpeg_con_gps_se_guarda_sin_exif_y_derecho(client, redactor, borrador):
    """A JPEG with GPS EXIF is stored without EXIF, its orientation applied to the pixels."""
    respuesta = subir(client, borrador, "IMG_0001 casa de Ana.JPG", jpeg_con_gps())
    assert respuesta.status_code == 302
    borrador.refresh_from_db()
    with Image.open(borrador.imagen.path) as guardada:
        assert guardada.format == "JPEG"
        assert len(guardada.getexif()) == 0
        assert guardada.getexif().get_ifd(0x8825) == {}
        assert "exif" not in guardada.info
        assert guardada.size == (100, 200)
    assert (borrador.imagen_ancho, borrador.imagen_alto) == (100, 200)
    # A generated name: the uploader's file name does not leak.
    assert "casa" not in borrador.imagen.name
    assert borrador.imagen.name.startswith("comunicados/")
    assert borrador.imagen.name.endswith(".jpg")


def test_webp_valido_se_acepta(client, redactor, borrador):
    """A still WebP is accepted and stored as WebP."""
    assert subir(client, borrador, "foto.webp", imagen("WEBP")).status_code == 302
    borrador.refresh_from_db()
    assert borrador.imagen.name.endswith(".webp")


def test_imagen_sin_texto_alternativo_da_error_en_ese_campo(client, redactor, borrador):
    """An image without alt text is a form error on the alt-text field, and no file is kept."""
    respuesta = subir(client, borrador, "foto.png", imagen("PNG"), alternativo="")
    assert "Describa la imagen" in errores_de(respuesta, "texto_alternativo_es")
    assert archivos_en_media() == []
    assert Comunicado.objects.get(pk=borrador.pk).imagen.name == ""


def test_variantes_responsivas_y_pagina_publica(client, redactor, borrador):
    """A saved image gets WebP renditions; the public page lists them in srcset with a size."""
    assert subir(client, borrador, "foto.png", imagen("PNG", (1200, 600))).status_code == 302
    borrador.refresh_from_db()
    variantes = borrador.imagen_variantes
    assert [(ancho, alto) for _v, ancho, alto in variantes] == [(480, 240), (960, 480), (1200, 600)]
    for variante, ancho, _alto in variantes:
        ruta = Path(settings.MEDIA_ROOT) / variante.name
        assert ruta.is_file(), "renditions are made when the release is saved"
        with Image.open(ruta) as rendida:
            assert rendida.format == "WEBP"
            assert rendida.width == ancho
    Comunicado.objects.filter(pk=borrador.pk).update(
        estado=Estado.PUBLICADO, fecha_publicacion=borrador.creado
    )
    html = client.get(borrador.get_absolute_url()).content.decode()
    assert 'srcset="' in html
    assert " 480w, " in html
    assert 'width="1200" height="600"' in html
    assert 'alt="Una foto del seminario"' in html


def test_la_foto_de_una_persona_pasa_por_las_mismas_reglas(admin_client):
    """The directory's photos use the same checks: an SVG portrait is refused."""
    alta = "/admin/cancilleria/persona/add/"
    datos = datos_de_formulario(admin_client.get(alta).content, "persona_form")
    datos.update(nombre=["Ana Pérez"], slug=["ana-perez"])
    datos["foto"] = SimpleUploadedFile("retrato.svg", SVG_CON_SCRIPT)
    respuesta = admin_client.post(alta, datos)
    assert "JPEG, PNG o WebP" in errores_de(respuesta, "foto")
    assert archivos_en_media() == []
