"""Attachments: accepted by content, stored under our name, served as safe downloads."""

import importlib
import io
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import clear_url_caches
from django.utils import translation
from PIL import Image

from cancilleria.base.models import Estado
from cancilleria.directorio.models import Persona
from cancilleria.sitio import medios
from comunicados.adjuntos import Formato, detectar_formato
from comunicados.models import Adjunto, Comunicado
from tests.factories import ComunicadoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


# -- sample files --------------------------------------------------------------------


def _zip(miembros):
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as zip_:
        for nombre, contenido in miembros.items():
            zip_.writestr(nombre, contenido)
    return salida.getvalue()


def ooxml(parte, tipos=b"<Types/>"):
    return _zip({"[Content_Types].xml": tipos, "_rels/.rels": b"<Relationships/>", parte: b"<x/>"})


def odf(mimetype):
    return _zip({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = ooxml("word/document.xml")
XLSX = ooxml("xl/workbook.xml")
PPTX = ooxml("ppt/presentation.xml")
ODT = odf(b"application/vnd.oasis.opendocument.text")
ODS = odf(b"application/vnd.oasis.opendocument.spreadsheet")
HTML = b"<!DOCTYPE html><html><script>alert(document.domain)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

ACEPTADOS = {
    "pdf": ("informe.pdf", PDF, Formato.PDF),
    "docx": ("informe.docx", DOCX, Formato.DOCX),
    "xlsx": ("cifras.xlsx", XLSX, Formato.XLSX),
    "pptx": ("ponencia.pptx", PPTX, Formato.PPTX),
    "odt": ("acta.odt", ODT, Formato.ODT),
    "ods": ("tabla.ods", ODS, Formato.ODS),
    "csv": ("datos.csv", "región;casos\nLima;1100\n".encode(), Formato.CSV),
    "txt_con_bom": ("nota.txt", "\ufeffAño de la cooperación".encode(), Formato.TXT),
    # The content decides the extension, whatever the name says.
    "pdf_con_otro_nombre": ("informe.doc", PDF, Formato.PDF),
}

RECHAZADOS = {
    "html": ("pagina.html", HTML),
    "svg": ("logo.svg", SVG),
    "js": ("codigo.js", b"alert(document.cookie)"),
    "exe": ("programa.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    "html_renombrado_pdf": ("informe.pdf", HTML),
    "html_renombrado_txt": ("nota.txt", b"Hola\n<script>alert(1)</script>"),
    "xml_renombrado_csv": ("datos.csv", b'<?xml version="1.0"?><a/>'),
    "texto_con_nul": ("nota.txt", b"hola\x00mundo"),
    "texto_latin1": ("nota.txt", "Año".encode("latin-1")),
    "zip": ("documentos.zip", _zip({"informe.pdf": PDF})),
    "zip_renombrado_docx": ("informe.docx", _zip({"word/document.xml": b"<x/>"})),
    "docm_renombrado_docx": (
        "informe.docx",
        ooxml(
            "word/document.xml",
            tipos=b'<Types><Override ContentType="application/'
            b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        ),
    ),
    "zip_roto": ("informe.docx", b"PK\x03\x04roto"),
}


@pytest.mark.parametrize("caso", ACEPTADOS)
def test_detectar_formato_por_contenido(caso):
    """Each allowed document is recognised from its bytes."""
    nombre, contenido, formato = ACEPTADOS[caso]
    assert detectar_formato(io.BytesIO(contenido), nombre) == formato


@pytest.mark.parametrize("caso", RECHAZADOS)
def test_detectar_formato_rechaza(caso):
    """Markup, scripts, executables, archives and macro documents are not recognised."""
    nombre, contenido = RECHAZADOS[caso]
    assert detectar_formato(io.BytesIO(contenido), nombre) is None


# -- the admin form ------------------------------------------------------------------


@pytest.fixture
def redactor(client):
    usuario = crear_usuario(REDACTOR)
    client.force_login(usuario)
    return usuario


@pytest.fixture
def borrador():
    return ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_es="Título original"
    )


def url(comunicado):
    return f"/admin/comunicados/comunicado/{comunicado.pk}/change/"


def subir(client, comunicado, nombre, contenido, **cambios):
    datos = datos_de_formulario(client.get(url(comunicado)).content, "comunicado_form")
    datos.update(
        {
            "adjuntos-TOTAL_FORMS": ["1"],
            "adjuntos-0-id": [""],
            "adjuntos-0-comunicado": [str(comunicado.pk)],
            "adjuntos-0-titulo_es": ["Informe anual"],
            "adjuntos-0-orden": ["0"],
            "adjuntos-0-archivo": SimpleUploadedFile(nombre, contenido),
        }
    )
    datos.update(cambios)
    return client.post(url(comunicado), datos)


def errores_del_adjunto(respuesta):
    assert respuesta.status_code == 200, "the form should come back with errors"
    for inline in respuesta.context["inline_admin_formsets"]:
        if inline.formset.model is Adjunto:
            return " ".join(inline.formset.forms[0].errors.get("archivo", []))
    raise AssertionError("no attachment inline")


def archivos_en_media():
    raiz = Path(settings.MEDIA_ROOT)
    return [p for p in raiz.rglob("*") if p.is_file()] if raiz.exists() else []


@pytest.mark.parametrize("caso", ["html", "svg", "js", "exe", "html_renombrado_pdf", "zip"])
def test_subida_no_admitida_da_error_en_el_campo(client, redactor, borrador, caso):
    """A Redactor's hostile upload is refused with a message naming what is allowed."""
    nombre, contenido = RECHAZADOS[caso]
    mensaje = errores_del_adjunto(subir(client, borrador, nombre, contenido))
    assert "no es un documento admitido" in mensaje
    assert "PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT" in mensaje
    assert not Adjunto.objects.exists()
    assert archivos_en_media() == []


def test_archivo_demasiado_pesado(client, redactor, borrador, settings):
    """A file over ADJUNTOS_TAMANO_MAXIMO is refused, with both sizes in the message."""
    settings.ADJUNTOS_TAMANO_MAXIMO = 1024
    mensaje = errores_del_adjunto(subir(client, borrador, "grande.pdf", PDF + b"0" * 2048))
    assert "el máximo es 1,0\xa0KB" in mensaje
    assert not Adjunto.objects.exists()


def test_mensaje_en_ingles(client, redactor, borrador):
    """The refusal is translated for staff who chose English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    mensaje = errores_del_adjunto(subir(client, borrador, "pagina.html", HTML))
    assert "is not an accepted document" in mensaje


@pytest.mark.parametrize("caso", ["pdf", "docx", "xlsx", "odt", "csv", "txt_con_bom"])
def test_documento_admitido_se_guarda_con_nuestra_extension(client, redactor, borrador, caso):
    """Allowed documents are stored under a generated name with the detected type's extension."""
    nombre, contenido, formato = ACEPTADOS[caso]
    respuesta = subir(client, borrador, nombre, contenido)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    adjunto = Adjunto.objects.get()
    assert adjunto.formato == formato
    assert adjunto.tamano == len(contenido)
    ruta = Path(adjunto.archivo.name)
    assert ruta.parts[0] == "adjuntos"
    assert ruta.suffix == f".{formato}"
    assert Path(nombre).stem not in ruta.name
    assert adjunto.archivo.read() == contenido


def test_pdf_con_nombre_de_otro_tipo_se_guarda_como_pdf(client, redactor, borrador):
    """The uploaded extension is never kept: a PDF named .doc is stored as .pdf."""
    assert subir(client, borrador, "informe.doc", PDF).status_code == 302
    assert Adjunto.objects.get().archivo.name.endswith(".pdf")


def test_un_adjunto_guardado_desde_el_codigo_tambien_lleva_nuestro_nombre(borrador):
    """Code storing a file directly (not through a form) gets the same name, type and size."""
    adjunto = Adjunto(comunicado=borrador, titulo="Programa")
    adjunto.archivo.save("programa.doc", ContentFile(PDF), save=False)
    adjunto.save()
    adjunto.refresh_from_db()
    assert adjunto.archivo.name.endswith(".pdf")
    assert (adjunto.formato, adjunto.tamano) == (Formato.PDF, len(PDF))


def test_formulario_dice_lo_admitido(client, redactor, borrador):
    """The file input says what is allowed and up to what size."""
    html = client.get(url(borrador)).content.decode()
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt"' in html
    assert "hasta 20,0\xa0MB" in html


# -- media write errors --------------------------------------------------------------


def _png():
    salida = io.BytesIO()
    Image.new("RGB", (32, 24), "navy").save(salida, "PNG")
    return salida.getvalue()


@pytest.mark.parametrize("que", ["adjunto", "imagen"])
def test_error_de_escritura_es_error_de_formulario(client, redactor, borrador, que):
    """Disk full while saving: the form comes back with an error and what was typed, no 500."""
    cambios = {"titulo_es": ["Título corregido"]}
    if que == "imagen":
        cambios |= {
            "adjuntos-TOTAL_FORMS": ["0"],
            "imagen": SimpleUploadedFile("foto.png", _png()),
            "texto_alternativo_es": ["Foto del seminario"],
        }
    lleno = OSError(28, "No space left on device")
    with mock.patch.object(FileSystemStorage, "_save", side_effect=lleno):
        respuesta = subir(client, borrador, "informe.pdf", PDF, **cambios)
    assert respuesta.status_code == 200
    formulario = respuesta.context["adminform"].form
    assert "No se pudo guardar el archivo" in " ".join(formulario.non_field_errors())
    assert formulario["titulo_es"].value() == "Título corregido"
    assert "No se pudo guardar el archivo" in respuesta.content.decode()
    if que == "adjunto":
        # The title typed for the attachment is kept; its file must be chosen again.
        assert "obligatorio" in errores_del_adjunto(respuesta)
        assert 'value="Informe anual"' in respuesta.content.decode()
    # Nothing half-saved: the release and its attachments are as before.
    borrador.refresh_from_db()
    assert borrador.titulo_es == "Título original"
    assert not borrador.imagen
    assert not Adjunto.objects.exists()


def test_tras_el_error_de_escritura_el_reintento_guarda(client, redactor, borrador):
    """Once the disk has room again, the same upload is saved."""
    with mock.patch.object(FileSystemStorage, "_save", side_effect=PermissionError(13, "ro")):
        assert subir(client, borrador, "informe.pdf", PDF).status_code == 200
    assert subir(client, borrador, "informe.pdf", PDF).status_code == 302
    assert Adjunto.objects.get().formato == Formato.PDF


def test_error_de_escritura_en_el_directorio_tampoco_da_500(admin_client):
    """A person's photo on a read-only disk: the add form comes back with the name typed."""
    alta = "/admin/cancilleria/persona/add/"
    datos = datos_de_formulario(admin_client.get(alta).content, "persona_form")
    datos.update(nombre=["Ana Pérez"], slug=["ana-perez"])
    datos["foto"] = SimpleUploadedFile("retrato.png", _png())
    solo_lectura = OSError(30, "Read-only file system")
    with mock.patch.object(FileSystemStorage, "_save", side_effect=solo_lectura):
        respuesta = admin_client.post(alta, datos)
    assert respuesta.status_code == 200
    formulario = respuesta.context["adminform"].form
    assert "No se pudo guardar el archivo" in " ".join(formulario.non_field_errors())
    assert formulario["nombre"].value() == "Ana Pérez"
    assert not Persona.objects.exists()


# -- the public page -----------------------------------------------------------------


def test_pagina_publica_muestra_tipo_y_tamano(client):
    """Each attachment shows its type and size, localised, and is offered as a download."""
    comunicado = ComunicadoFactory()
    contenido = PDF + b"0" * (1_258_291 - len(PDF))  # 1.2 MB
    Adjunto.objects.create(
        comunicado=comunicado,
        titulo="Informe",
        archivo=SimpleUploadedFile("informe.pdf", contenido),
    )
    es = client.get(comunicado.get_absolute_url()).content.decode()
    assert "(PDF, 1,2\xa0MB)" in es
    assert 'type="application/pdf" download>Informe</a>' in es
    with translation.override("en"):
        url_en = comunicado.get_absolute_url()
    assert "(PDF, 1.2\xa0MB)" in client.get(url_en).content.decode()


def test_adjunto_anterior_sin_formato_se_muestra_sin_datos(client):
    """Files stored before the checks have no type or size: the link alone is shown."""
    comunicado = ComunicadoFactory()
    Adjunto.objects.create(
        comunicado=comunicado, titulo="Antiguo", archivo=SimpleUploadedFile("a.pdf", PDF)
    )
    Adjunto.objects.update(formato="", tamano=None)
    html = client.get(comunicado.get_absolute_url()).content.decode()
    assert "download>Antiguo</a></li>" in html


# -- serving /media/ in development --------------------------------------------------


@pytest.fixture
def servidor_de_desarrollo(settings):
    """Load the root URLconf as `runserver` with DEBUG on does, then restore it."""
    import cancilleria.urls

    settings.DEBUG = True
    importlib.reload(cancilleria.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(cancilleria.urls)
    clear_url_caches()


def _adjunto(nombre="informe.pdf", contenido=PDF):
    return Adjunto.objects.create(
        comunicado=ComunicadoFactory(),
        titulo="Informe",
        archivo=SimpleUploadedFile(nombre, contenido),
    )


def test_adjunto_se_sirve_como_descarga_aislada(client, servidor_de_desarrollo):
    """An attachment is a download, never sniffed, in a CSP sandbox."""
    adjunto = _adjunto()
    respuesta = client.get(adjunto.archivo.url)
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == PDF
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"].startswith("attachment;")
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_adjunto_guardado_antes_tambien_es_descarga(client, servidor_de_desarrollo):
    """An old .html stored before the checks is still only a sandboxed download."""
    ruta = Path(settings.MEDIA_ROOT) / "adjuntos/2024/01/viejo.html"
    ruta.parent.mkdir(parents=True)
    ruta.write_bytes(HTML)
    respuesta = client.get("/media/adjuntos/2024/01/viejo.html")
    assert respuesta["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in respuesta["Content-Security-Policy"]


def test_otros_medios_llevan_nosniff_sin_descarga(client, servidor_de_desarrollo):
    """Images are shown inline, with nosniff."""
    ruta = Path(settings.MEDIA_ROOT) / "comunicados/2024/01/foto.png"
    ruta.parent.mkdir(parents=True)
    ruta.write_bytes(_png())
    respuesta = client.get("/media/comunicados/2024/01/foto.png")
    assert respuesta.status_code == 200
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in respuesta.get("Content-Disposition", "")


@pytest.mark.parametrize(
    "ruta",
    [
        "adjuntos/" + "a" * 300 + ".pdf",
        "a" * 300,
        "/".join(["a" * 200] * 30),
        "adjuntos/no-existe.pdf",
        "../settings.py",
        "adjuntos/%00.pdf",
        "adjuntos/",
    ],
)
def test_nombres_malos_dan_404(client, servidor_de_desarrollo, ruta):
    """Over-long, missing, escaping or odd names are a 404, never a 500."""
    assert client.get(f"/media/{ruta}").status_code == 404


def test_vista_de_medios_no_da_500_si_el_sistema_falla(settings, tmp_path):
    """Whatever the file system raises (ENAMETOOLONG and the like) is a 404."""
    from django.http import Http404

    peticion = RequestFactory().get("/media/x")
    with (
        mock.patch.object(medios.static, "serve", side_effect=OSError(36, "too long")),
        pytest.raises(Http404),
    ):
        medios.servir(peticion, "adjuntos/x.pdf")
    assert Comunicado.objects.count() == 0
