"""Sanitising of the rich text editors write: an allowlist, applied when saved."""

import nh3
from django.forms import Script
from django_prose_editor.fields import ProseEditorField
from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media

ETIQUETAS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "figure",
    "figcaption",
    "hr",
}
ATRIBUTOS = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}


def sanear_html(html):
    """Return the HTML with only allowed tags, attributes and http(s)/mailto links."""
    return nh3.clean(
        html,
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _sin_texto(html):
    # An editor's empty document is "<p></p>": store it as empty so `if campo` works.
    return not nh3.clean(html, tags=set(), strip_comments=True).strip() and "<hr" not in html


def sanear_texto_enriquecido(html):
    """Return sanitised HTML, or "" when nothing readable is left."""
    if not html:
        return html
    limpio = sanear_html(html)
    return "" if _sin_texto(limpio) else limpio


def sanear_campos(instancia, *campos):
    """Sanitise the rich-text fields of an instance in place, in every language."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    for campo in campos:
        nombres = [f"{campo}_{idioma}" for idioma in AVAILABLE_LANGUAGES]
        for nombre in [n for n in nombres if hasattr(instancia, n)] or [campo]:
            valor = getattr(instancia, nombre, None)
            if valor:
                setattr(instancia, nombre, sanear_texto_enriquecido(valor))


# What the editor may produce: kept inside the allowlist above, which is the rule.
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
    """A TextField edited with django-prose-editor and sanitised with our allowlist.

    It migrates as a plain TextField. Models still call sanear_campos() in save(), so
    text written without a form (commands, the shell) is cleaned too.
    """

    def __init__(self, *args, breve=False, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONES_EDITOR_BREVE if breve else EXTENSIONES_EDITOR)
        kwargs.setdefault("sanitize", sanear_texto_enriquecido)
        kwargs.setdefault("preset", "cancilleria")
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "widget": EditorProsa})
