"""Which items exist in a content-only language (Quechua, Aymara), and in which languages.

Spanish and English pages exist for every public item (English falls back to Spanish,
with a notice). A language in `IDIOMAS_SOLO_TRADUCIDOS` is different: an item exists in
it only when its essential fields (a release's title and body…) are written in it; its
lists leave the others out, and their pages redirect to Spanish. Each app names the
essential fields of its models next to their translation options (`registrar`).
"""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import get_language

# Django's LANG_INFO lacks both (base/apps.py adds them).
INFORMACION_DE_IDIOMAS = {
    "qu": {"bidi": False, "code": "qu", "name": "Quechua", "name_local": "Runasimi"},
    "ay": {"bidi": False, "code": "ay", "name": "Aymara", "name_local": "Aymar aru"},
}

_esenciales = {}


def registrar(modelo, campos):
    """Name the translated fields an item of `modelo` needs in a language to exist in it."""
    _esenciales[modelo] = tuple(campos)


def campos_esenciales(modelo):
    """Return the essential translated fields of `modelo` (empty if it has none)."""
    return _esenciales.get(modelo._meta.concrete_model, ())


def solo_traducidos(idioma=None):
    """Say whether pages in `idioma` (the active language) show only translated items."""
    return (idioma or get_language()) in settings.IDIOMAS_SOLO_TRADUCIDOS


def condicion_traducidos(modelo, idioma):
    """Return the Q of the items of `modelo` translated into `idioma` (None: no item is)."""
    campos = campos_esenciales(modelo)
    if not campos:
        return None
    # `> ''` leaves out both NULL and the empty string, on SQLite and PostgreSQL.
    return Q(**{f"{campo}_{idioma}__gt": "" for campo in campos})


def marcas_de_traduccion(modelo):
    """Return annotations `traducido_<language>`: whether a row of `modelo` exists in each
    content-only language, read with the row. A page whose row defers its long texts (a
    release's body) then checks its languages without reading them (tiene_traduccion)."""
    marcas = {}
    for idioma in settings.IDIOMAS_SOLO_TRADUCIDOS:
        if (condicion := condicion_traducidos(modelo, idioma)) is not None:
            marcas[f"traducido_{idioma}"] = ExpressionWrapper(
                condicion, output_field=BooleanField()
            )
    return marcas


def filtrar_traducidos(queryset, idioma=None):
    """Return `queryset` narrowed to the items that exist in `idioma` (the active language).

    In Spanish and English every item exists; in Quechua or Aymara only those with every
    essential field written in it (a model with none has no item there).
    """
    idioma = idioma or get_language()
    if not solo_traducidos(idioma):
        return queryset
    condicion = condicion_traducidos(queryset.model, idioma)
    return queryset.none() if condicion is None else queryset.filter(condicion)


def tiene_traduccion(obj, idioma=None):
    """Say whether `obj` exists in `idioma`: `filtrar_traducidos` for one row."""
    idioma = idioma or get_language()
    if not solo_traducidos(idioma):
        return True
    if (marca := getattr(obj, f"traducido_{idioma}", None)) is not None:
        return marca  # read with the row (marcas_de_traduccion)
    campos = campos_esenciales(type(obj))
    return bool(campos) and all(getattr(obj, f"{campo}_{idioma}", None) for campo in campos)


def idiomas_de(obj=None):
    """Return the codes of the languages a page exists in: every one without an item."""
    codigos = [codigo for codigo, _nombre in settings.LANGUAGES]
    if obj is None or not campos_esenciales(type(obj)):
        return codigos
    return [codigo for codigo in codigos if tiene_traduccion(obj, codigo)]
