import html
import json
import re
from decimal import Decimal
from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, override

from cancilleria.base import fragmentos
from cancilleria.base.html import sanear_html
from cancilleria.base.idiomas import idiomas_de
from cancilleria.base.marcado import entrada
from cancilleria.base.vistas import consulta_editada

register = template.Library()


def ruta_en_idioma(request, idioma):
    """Return `translate_url(request.get_full_path(), idioma)`, from the request's own match.

    `translate_url` resolves the path again, once per language on every page (the
    language links and their `hreflang` alternates); the request was resolved already.
    """
    ruta = request.get_full_path()
    coincidencia = getattr(request, "resolver_match", None)
    if coincidencia is None or not coincidencia.url_name or request.path != request.path_info:
        return translate_url(ruta, idioma)
    partes = urlsplit(ruta)
    with override(idioma):
        try:
            nueva = reverse(
                coincidencia.view_name, args=coincidencia.args, kwargs=coincidencia.kwargs
            )
        except NoReverseMatch:
            return ruta
    return urlunsplit((partes.scheme, partes.netloc, nueva, partes.query, partes.fragment))


@register.simple_tag(takes_context=True)
def url_en_idioma(context, idioma):
    """Return the current page, filters included, in another language."""
    return ruta_en_idioma(context["request"], idioma)


# The only parameters that make another page for search engines: a page of a list.
PARAMETROS_DE_PAGINA = ("page", "pagina_comunicados")


@register.simple_tag(takes_context=True)
def url_canonica(context):
    """Return this page's absolute URL without filters or tracking: only a page past the first.

    Every filtered view of a list points search engines at the list itself.
    """
    request = context["request"]
    paginas = [
        (nombre, int(valor))
        for nombre in PARAMETROS_DE_PAGINA
        if (valor := request.GET.get(nombre, "")).isdigit() and int(valor) > 1
    ]
    return request.build_absolute_uri(request.path) + (f"?{urlencode(paginas)}" if paginas else "")


@register.simple_tag(takes_context=True)
def idiomas_de_pagina(context):
    """Return [(code, name in that language, path)] of the languages this page exists in.

    A detail page (its `object`) exists in Quechua or Aymara only when translated into it;
    every other page exists in every language.
    """
    request = context["request"]
    return [
        (codigo, get_language_info(codigo)["name_local"], ruta_en_idioma(request, codigo))
        for codigo in idiomas_de(context.get("object"))
    ]


@register.simple_tag
def lang_de_interfaz():
    """Return ` lang="es"` where the UI strings are not translated into the active language."""
    if get_language() in settings.IDIOMAS_INTERFAZ:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag
def idiomas_de_interfaz():
    """Return the codes of the languages the UI is translated into (the admin's choice)."""
    return settings.IDIOMAS_INTERFAZ


@register.simple_tag
def campo(campo):
    """Return a form field in its box: its label, its widget and each of its errors.

    A tag, not an include: the nine includes of a list's filters were a sixth of its page.
    """
    errores = campo.errors
    return format_html(
        '<div class="campo{}">\n  <label for="{}">{}</label>\n  {}\n  {}\n</div>\n',
        " campo--error" if errores else "",
        campo.id_for_label,
        campo.label,
        campo,
        format_html_join(
            "",
            '<p class="campo__error" id="{}_error">{}</p>',
            ((campo.auto_id, error) for error in errores),
        ),
    )


@register.simple_tag
def casillas(opciones):
    """Return the check boxes of a bound field (or of one group of it), each with its label.

    The markup of `{{ opcion.tag }} <label…>` for each box, written in one go: a template
    per box made the consulates' filter (46 boxes) a fifth of the events page.
    """
    return mark_safe(  # noqa: S308 - every value escaped, as format_html would
        "".join(
            f'<div class="casilla">{entrada(opcion.data)} <label for="'
            f'{_escapar(opcion.id_for_label)}">{_escapar(opcion.choice_label)}</label></div>'
            for opcion in opciones
        )
    )


def _escapar(valor):
    # conditional_escape without its lazy-string wrapper (per box, it was most of the
    # tag's time): Django's escape is the standard library's.
    return valor.__html__() if hasattr(valor, "__html__") else html.escape(str(valor))


@register.simple_tag
def tarjetas(objetos, **opciones):
    """Return the cards of these items (or of one), rendered once and kept (fragmentos)."""
    return fragmentos.tarjetas(objetos, **opciones)


@register.filter
def sin_traducir(obj, campo):
    """Say whether `obj.campo` shows its Spanish text on a page in another language."""
    idioma = get_language()
    return idioma != settings.LANGUAGE_CODE and not getattr(obj, f"{campo}_{idioma}", None)


@register.simple_tag(takes_context=True)
def url_pagina(context, numero, parametro="page"):
    """Return the current list URL with another page number, keeping the filters."""
    return "?" + consulta_editada(context["request"], con={parametro: numero}).urlencode()


_ESCAPES_JSON = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(datos):
    """Render structured data as a JSON-LD block, escaped so text can never close the tag."""
    texto = json.dumps(datos, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_ESCAPES_JSON)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(texto))


@register.filter
def numero(valor):
    """Localise a number with only the decimals it has: 57.80 → "57,8", 1100 → "1 100"."""
    if valor is None or valor == "":
        return ""
    decimal = Decimal(str(valor)).normalize()
    decimales = max(0, -decimal.as_tuple().exponent)
    return floatformat(decimal, f"{decimales}g")


_HTML_DE_EDITOR = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|blockquote|table|figure|hr|div)\b", re.IGNORECASE
)


@register.filter
def prosa(valor):
    """Render rich text safely: HTML is sanitised again here, plain text gets paragraphs.

    Rich fields are sanitised when saved; doing it again on output (nh3 takes
    microseconds) means a row written around the models (raw SQL, a data migration)
    still cannot put a script on a public page.
    """
    if not valor:
        return ""
    texto = str(valor)
    if _HTML_DE_EDITOR.match(texto):
        # Just sanitised with the allowlist.
        return mark_safe(sanear_html(texto))
    # Escaped first, then wrapped in <p>/<br>.
    return mark_safe(linebreaks(texto, autoescape=True))


@register.filter
def opciones_agrupadas(campo):
    """Return [(group label, [check boxes])] of a bound multiple-choice field with groups,
    the chosen ones first in a group of their own, so they are seen without scrolling.

    Django's own rendering puts each group's name in a <label> that labels nothing; this
    lets a template give each group a fieldset and legend instead.
    """
    casillas = list(campo.subwidgets)
    grupos, inicio = [], 0
    for etiqueta, opciones in campo.field.widget.choices:
        agrupadas = isinstance(opciones, list | tuple)
        cuantas = len(opciones) if agrupadas else 1
        grupos.append((etiqueta if agrupadas else "", casillas[inicio : inicio + cuantas]))
        inicio += cuantas
    elegidas = [c for _grupo, lista in grupos for c in lista if c.data["selected"]]
    restantes = [(g, [c for c in lista if not c.data["selected"]]) for g, lista in grupos]
    restantes = [(g, lista) for g, lista in restantes if lista]
    return ([(gettext("Elegidos"), elegidas)] if elegidas else []) + restantes
