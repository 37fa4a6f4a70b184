"""Attachments: which documents are accepted, recognised by their content.

Allowed: PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV and TXT, up to ADJUNTOS_TAMANO_MAXIMO bytes.
The type comes from the bytes, never from the name, and decides the stored extension.

Not allowed:
- ZIP: an archive's members cannot be vouched for (any HTML or executable may hide inside)
  and a browser or the reader's desktop may open them; share the documents one by one.
- Macro-enabled or encrypted Office files: the macros or the hidden content cannot be checked.

Written with the standard library on purpose. `filetype` matches only the first bytes (a
ZIP whose first member is called `word/…` is a DOCX for it) and knows no TXT/CSV;
python-magic needs the system's libmagic; `puremagic` 2.x does look into ZIPs and text,
but returns ranked guesses, can be switched off by an environment variable
(PUREMAGIC_DEEPSCAN=0) and would still leave us the macro, encryption and markup rules.
Opening the ZIP ourselves is a few lines and exactly what we need to vouch for.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

CARPETA = "adjuntos"
LISTA_ADMITIDOS = "PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT"


class Formato(models.TextChoices):
    # Format names are the same in every language.
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PPTX = "pptx", "PPTX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"
    CSV = "csv", "CSV"
    TXT = "txt", "TXT"


@dataclass(frozen=True)
class Tipo:
    extension: str
    mime: str


TIPOS = {
    Formato.PDF: Tipo(".pdf", "application/pdf"),
    Formato.DOCX: Tipo(
        ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    Formato.XLSX: Tipo(
        ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    Formato.PPTX: Tipo(
        ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    Formato.ODT: Tipo(".odt", "application/vnd.oasis.opendocument.text"),
    Formato.ODS: Tipo(".ods", "application/vnd.oasis.opendocument.spreadsheet"),
    Formato.CSV: Tipo(".csv", "text/csv"),
    Formato.TXT: Tipo(".txt", "text/plain"),
}

# OOXML: the main part each format must have (with [Content_Types].xml).
PARTES_OOXML = {
    "word/document.xml": Formato.DOCX,
    "xl/workbook.xml": Formato.XLSX,
    "ppt/presentation.xml": Formato.PPTX,
}
# ODF: the uncompressed `mimetype` member names the format.
MIMETYPES_ODF = {
    b"application/vnd.oasis.opendocument.text": Formato.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": Formato.ODS,
}
# Text that a browser (or a careless sniffer) could take for a page or an image.
MARCADO = re.compile(rb"<\s*(?:html|script|svg|!doctype|\?xml|iframe|object|embed|body)", re.I)
BOM = b"\xef\xbb\xbf"


def tamano_maximo():
    # Read on each call so tests (and settings overrides) can change it.
    return settings.ADJUNTOS_TAMANO_MAXIMO


def _leer(archivo):
    archivo.seek(0)
    datos = archivo.read()
    archivo.seek(0)
    return datos


def _formato_zip(archivo):
    """Return the Office/ODF format of a ZIP upload, or None (plain, macro or encrypted ZIPs)."""
    try:
        archivo.seek(0)
        with zipfile.ZipFile(archivo) as zip_:
            miembros = zip_.infolist()
            nombres = {m.filename for m in miembros}
            if any(m.flag_bits & 0x1 for m in miembros):
                return None  # encrypted members
            if "mimetype" in nombres:
                with zip_.open("mimetype") as miembro:
                    return MIMETYPES_ODF.get(miembro.read(100).strip())
            if "[Content_Types].xml" not in nombres:
                return None
            with zip_.open("[Content_Types].xml") as miembro:
                tipos = miembro.read(1_000_000)
            # docm/xlsm/pptm renamed: macros live in vbaProject.bin and are declared here.
            if b"macroEnabled" in tipos or any(
                n.lower().endswith("vbaproject.bin") for n in nombres
            ):
                return None
            encontrados = {formato for parte, formato in PARTES_OOXML.items() if parte in nombres}
            return encontrados.pop() if len(encontrados) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError):
        return None
    finally:
        archivo.seek(0)


def _es_texto_seguro(datos):
    datos = datos.removeprefix(BOM)
    if b"\x00" in datos or MARCADO.search(datos):
        return False
    try:
        datos.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detectar_formato(archivo, nombre=""):
    """Return the Formato of the file's content, or None when it is not an allowed document.

    Only plain text needs the name: its bytes cannot tell a CSV from a TXT (both are safe)
    nor from a script, so text is accepted only when named .csv or .txt.
    """
    archivo.seek(0)
    cabecera = archivo.read(8)
    archivo.seek(0)
    if cabecera.startswith(b"%PDF-"):
        return Formato.PDF
    if cabecera.startswith(b"PK\x03\x04"):
        return _formato_zip(archivo)
    extension = Path(nombre or "").suffix.lower()
    if extension not in (".csv", ".txt") or not _es_texto_seguro(_leer(archivo)):
        return None
    return Formato.CSV if extension == ".csv" else Formato.TXT


def validar_adjunto(valor):
    """Refuse a new upload that is empty, too heavy or not an allowed document.

    Files already stored are not checked again (the field's value is then committed).
    """
    if not valor or getattr(valor, "_committed", True):
        return
    tamano = valor.size
    if not tamano:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if tamano > tamano_maximo():
        raise ValidationError(
            _("El archivo pesa %(tamano)s; el máximo es %(max)s."),
            code="demasiado_pesado",
            params={"tamano": filesizeformat(tamano), "max": filesizeformat(tamano_maximo())},
        )
    try:
        formato = detectar_formato(valor.file, valor.name)
    except OSError:
        formato = None
    if formato is None:
        raise ValidationError(
            _(
                "El contenido de este archivo no es un documento admitido. Se admiten "
                "%(admitidos)s (no ZIP, ni documentos con macros o contraseña); "
                "el tipo se reconoce por el contenido, no por la extensión."
            ),
            code="formato_no_admitido",
            params={"admitidos": LISTA_ADMITIDOS},
        )


def ayuda():
    """Return the help text shown where the file is chosen."""
    return _("%(admitidos)s; hasta %(max)s. Se guarda con un nombre nuevo.") % {
        "admitidos": LISTA_ADMITIDOS,
        "max": filesizeformat(tamano_maximo()),
    }


def accept():
    """Return the file input's `accept` list (a hint for the picker; the server decides)."""
    return ",".join(t.extension for t in TIPOS.values())


class ArchivoAdjunto(FieldFile):
    """Read a new file's type and size before it is stored, so its name can carry them.

    Both ways of storing a file go through here: a form (the field's pre_save) and code
    calling `adjunto.archivo.save(nombre, contenido)`.
    """

    def save(self, name, content, save=True):
        self.instance.formato = detectar_formato(content, name) or ""
        self.instance.tamano = content.size
        super().save(name, content, save=save)


class CampoAdjunto(models.FileField):
    attr_class = ArchivoAdjunto
