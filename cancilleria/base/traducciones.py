"""Which languages of a translated item are complete: the one rule, used by the admin."""

from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.translator import NotRegistered, translator


def campos_traducidos(modelo):
    """Return the names of the model's translated fields, in declaration order."""
    try:
        opciones = translator.get_options_for_model(modelo)
    except NotRegistered:
        return []
    nombres = set(opciones.all_fields)
    return [campo.name for campo in modelo._meta.fields if campo.name in nombres]


def _tiene_texto(valor):
    # An editor's empty paragraph or bare whitespace is not a translation.
    return bool(valor) and bool(strip_tags(str(valor)).strip())


def faltantes_por_idioma(obj, campos=None):
    """Return {language: [field names]} of what each language lacks.

    A field counts once it has text in some language (an optional field left empty
    everywhere does not); a language is complete when it has text in every field that
    counts. `campos` narrows the check to some translated fields.
    """
    campos = [c for c in campos_traducidos(type(obj)) if campos is None or c in campos]
    valores = {
        campo: {
            idioma: _tiene_texto(getattr(obj, f"{campo}_{idioma}", ""))
            for idioma in AVAILABLE_LANGUAGES
        }
        for campo in campos
    }
    return {
        idioma: [c for c in campos if any(valores[c].values()) and not valores[c][idioma]]
        for idioma in AVAILABLE_LANGUAGES
    }


def idiomas_completos(obj):
    """Return the languages in which the item is complete."""
    return [idioma for idioma, faltan in faltantes_por_idioma(obj).items() if not faltan]


def sin_texto(obj):
    """Say whether no translated field has text in any language (a new, empty item)."""
    return not any(
        _tiene_texto(getattr(obj, f"{campo}_{idioma}", ""))
        for campo in campos_traducidos(type(obj))
        for idioma in AVAILABLE_LANGUAGES
    )


def resumen_traducciones(obj):
    """Return a one-line summary, e.g. "es ✔ / en — falta cuerpo, bajada"."""
    modelo = type(obj)
    # An empty add form is not "complete in every language".
    if sin_texto(obj):
        return gettext("aún sin texto")
    partes = []
    for idioma, faltan in faltantes_por_idioma(obj).items():
        if not faltan:
            partes.append(f"{idioma} ✔")
            continue
        nombres = ", ".join(str(modelo._meta.get_field(c).verbose_name) for c in faltan)
        falta = ngettext("falta %(campos)s", "faltan %(campos)s", len(faltan))
        partes.append(f"{idioma} — " + falta % {"campos": nombres})
    return " / ".join(partes)
