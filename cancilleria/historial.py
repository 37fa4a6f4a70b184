"""Change history (django-simple-history) for models translated with modeltranslation."""

import simple_history
from modeltranslation.translator import NotRegistered, translator

# Touched on every save: recording it would make every version differ.
CAMPOS_SIN_HISTORIAL = ("actualizado",)
# Derived search text (cancilleria/busqueda.py): rebuilt from the recorded fields.
CAMPOS_SIN_HISTORIAL += ("busqueda_es", "busqueda_en", "relacionados")


def registrar_historial(modelo, **opciones):
    """Record the history of `modelo`, one column per language (titulo_es, titulo_en…).

    Call it after modeltranslation has added the language fields (from AppConfig.ready),
    so the historical model copies them. The original untranslated column only mirrors
    the language active when saving, so it is left out: a change in English is recorded
    as a change of `titulo_en`, not as a change of `titulo`.
    """
    try:
        originales = list(translator.get_options_for_model(modelo).fields)
    except NotRegistered:
        originales = []
    excluidos = [
        *originales,
        *(c for c in CAMPOS_SIN_HISTORIAL if any(f.name == c for f in modelo._meta.fields)),
    ]
    simple_history.register(modelo, excluded_fields=excluidos, **opciones)
