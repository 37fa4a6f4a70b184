"""Rich text: django-prose-editor's editor and its sanitiser, from one extensions list."""

import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.forms import Script
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField
from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media

# What the editor may produce. prose-editor derives the sanitiser's allowlist from these
# same settings, so the editor and the server never disagree.
EXTENSIONES_EDITOR = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}
EXTENSIONES_EDITOR_BREVE = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


# Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
_INVISIBLES = re.compile(r"[\x00-\x20\x7f]+")
_ESQUEMA = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


class _LectorEnlaces(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.enlaces = []

    def handle_starttag(self, tag, attrs):
        for nombre, valor in attrs:
            if nombre in {"href", "src"} and valor is not None:
                self.enlaces.append(valor)


def enlaces_no_permitidos(html, protocolos):
    """Return the links of `html` whose scheme is not one of `protocolos`, in order.

    Relative links ("/comunicados/…", "#nota") have no scheme and are allowed.
    """
    lector = _LectorEnlaces()
    lector.feed(html or "")
    lector.close()
    malos = []
    for enlace in lector.enlaces:
        esquema = _ESQUEMA.match(_INVISIBLES.sub("", enlace))
        if esquema and esquema.group(1).casefold() not in protocolos and enlace not in malos:
            malos.append(enlace)
    return malos


class ValidadorEnlaces:
    """Reject rich text with links the sanitiser would empty (javascript:, data:…).

    Runs on the text as typed, before sanitising: the writer learns which link is wrong
    instead of publishing a silent href="".
    """

    def __init__(self, protocolos):
        self.protocolos = tuple(protocolos)

    def __call__(self, html):
        malos = enlaces_no_permitidos(html, self.protocolos)
        if malos:
            raise ValidationError(
                _(
                    "Este enlace no está permitido: «%(enlace)s». Use una dirección que "
                    "empiece por %(protocolos)s, o quite el enlace."
                ),
                code="enlace_no_permitido",
                params={
                    "enlace": malos[0][:120],
                    "protocolos": ", ".join(f"{p}:" for p in self.protocolos),
                },
            )

    def __eq__(self, otro):
        return isinstance(otro, ValidadorEnlaces) and otro.protocolos == self.protocolos

    def deconstruct(self):
        return ("cancilleria.base.html.ValidadorEnlaces", (list(self.protocolos),), {})


def crear_saneador(extensiones):
    """Return prose-editor's sanitiser for these extensions, with our two additions."""
    reglas = allowlist_from_extensions(extensiones)
    # prose-editor keeps whatever rel a writer typed; every link gets ours instead.
    reglas["attributes"]["a"].discard("rel")
    reglas["link_rel"] = "noopener noreferrer"
    limpiador = nh3.Cleaner(**reglas)

    def sanear(html):
        if not html:
            return html
        limpio = limpiador.clean(html)
        return "" if _sin_texto(limpio) else limpio

    return sanear


def _sin_texto(html):
    # prose-editor empties only "<p></p>"; "<p> </p>" or "<p><br></p>" is empty too,
    # so `if campo` works.
    return not nh3.clean(html, tags=set(), strip_comments=True).strip() and "<hr" not in html


# The widest rule, for output (the `prosa` filter) and the empty-document check.
sanear_texto_enriquecido = crear_saneador(EXTENSIONES_EDITOR)
sanear_html = sanear_texto_enriquecido


def sanear_campos(instancia, *campos):
    """Sanitise the rich-text fields of an instance in place, in every language."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    for campo in campos:
        sanear = instancia._meta.get_field(campo).sanitize
        nombres = [f"{campo}_{idioma}" for idioma in AVAILABLE_LANGUAGES]
        for nombre in [n for n in nombres if hasattr(instancia, n)] or [campo]:
            valor = getattr(instancia, nombre, None)
            if valor:
                setattr(instancia, nombre, sanear(valor))


class EditorProsa(AdminProseEditorWidget):
    """The prose editor with our preset (static/js/editor-prosa.js), which keeps Tiptap
    from injecting a <style> element that the CSP would block."""

    @property
    def media(self):
        return prose_editor_admin_media + Media(
            css={"all": ["css/editor-prosa.css"]},
            js=[prose_editor_js, Script("js/editor-prosa.js", type="module")],
        )


class CampoTextoEnriquecido(ProseEditorField):
    """A TextField edited with django-prose-editor and sanitised by its own extensions.

    It migrates as a plain TextField. Models still call sanear_campos() in save(), so
    text written without a form (commands, the shell) is cleaned too.
    """

    def __init__(self, *args, breve=False, **kwargs):
        extensiones = EXTENSIONES_EDITOR_BREVE if breve else EXTENSIONES_EDITOR
        kwargs.setdefault("extensions", extensiones)
        kwargs.setdefault("sanitize", crear_saneador(kwargs["extensions"]))
        kwargs.setdefault("preset", "cancilleria")
        super().__init__(*args, **kwargs)
        protocolos = (extensiones.get("Link") or {}).get("protocols", ())
        self.validators.append(ValidadorEnlaces(protocolos))

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "widget": EditorProsa})
