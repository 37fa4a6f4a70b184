"""Change history (django-simple-history) for models translated with modeltranslation."""

import simple_history
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import HistoricalRecords

# Touched on every save: recording it would make every version differ.
CAMPOS_SIN_HISTORIAL = ("actualizado",)
# Derived search text (cancilleria/base/busqueda/): rebuilt from the recorded fields.
CAMPOS_SIN_HISTORIAL += ("busqueda_es", "busqueda_en", "relacionados")


class RegistrosHistoricos(HistoricalRecords):
    """simple-history's records, also when an m2m changes from the other side.

    The library records on the signal's `instance`, which for `tema.eventos.clear()` is
    the topic (no history): it raised AttributeError. Record on each item whose links
    changed instead.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        marca = f"_historial_{attr}_afectados"
        if action == "pre_clear":
            # After the clear the links are gone: remember whose they were.
            afectados = self.cls._default_manager.filter(**{attr: instance})
            setattr(instance, marca, list(afectados.values_list("pk", flat=True)))
            return None
        if action not in ("post_add", "post_remove", "post_clear"):
            return None
        pks = getattr(instance, marca, []) if action == "post_clear" else (pk_set or [])
        for objeto in self.cls._default_manager.filter(pk__in=pks):
            super().m2m_changed(objeto, action, attr, pk_set, False, **kwargs)
        return None


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
    simple_history.register(
        modelo, excluded_fields=excluidos, records_class=RegistrosHistoricos, **opciones
    )
