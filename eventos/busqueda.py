"""Search over events: which text is searched and how it is weighted.

The machinery is in cancilleria/busqueda.py. An event's own fields (name A; place,
audience and description C) are copied normalised into `busqueda_es` / `busqueda_en`
by `save()`; the names of its topics, collaborating organisations and speakers, in both
languages, are denormalised into `relacionados` (B) by the receivers below.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cancilleria.base import busqueda as base
from cancilleria.directorio.models import Organizacion, Persona, Tema

CAMPOS = ("nombre", "lugar", "publico", "descripcion")
PREFETCH = ("temas", "colaboraciones__organizacion", "participaciones__persona")
# (field or column, weight, translated?) of the stored tsvector; see the migration.
PARTES = (
    ("nombre", "A", True),
    ("relacionados", "B", False),
    ("busqueda_{idioma}", "C", False),
)


def buscar(queryset, texto, idioma):
    """Return the events of `queryset` that match `texto` in `idioma`."""
    return base.buscar_con(queryset, texto, idioma)


def buscar_en_admin(queryset, texto):
    """Return the events matching `texto` in either language (press office search)."""
    grupos = base.analizar(texto)
    if not grupos:
        return queryset
    return queryset.filter(
        base.condicion_like(["busqueda_es", "busqueda_en", "relacionados"], grupos)
    )


def anotar_fragmentos(queryset, texto, idioma):
    """Annotate `fragmento_pg` (PostgreSQL's ts_headline) on a page of events."""
    if base.es_postgresql(queryset) and base.hay_consulta(texto):
        expresion = base.campo_con_respaldo("descripcion", base.idioma_de(idioma))
        return queryset.annotate(fragmento_pg=base.titular_postgresql(expresion, texto, idioma))
    return queryset


def fragmento(evento, texto, idioma):
    """Return the safe-HTML snippet of an event with the query's hits marked."""
    titular = getattr(evento, "fragmento_pg", None)
    if titular is not None:
        return base.marcado_seguro(titular)
    return base.resaltar(base.traducido(evento, "descripcion", base.idioma_de(idioma)), texto)


# --- Keeping the columns right ----------------------------------------------------------


def documentos_propios(evento):
    return base.documentos_propios(evento, CAMPOS)


def campos_a_guardar(update_fields):
    return base.campos_a_guardar(update_fields, CAMPOS)


def texto_relacionados(evento):
    """Return the normalised names of an event's topics, collaborators and speakers."""
    nombres = []
    for tema in evento.temas.all():
        nombres += base.nombres_tema(tema)
    for colaboracion in evento.colaboraciones.all():
        nombres += base.nombres_organizacion(colaboracion.organizacion)
    nombres += [p.persona.nombre for p in evento.participaciones.all()]
    return base.documento(*nombres)


def reconstruir(queryset):
    """Recompute the search columns of these events (bulk loads, links, renames)."""
    return base.reconstruir(queryset, CAMPOS, texto_relacionados, PREFETCH)


def _eventos(pks):
    from .models import Evento

    return Evento._base_manager.filter(pk__in=pks)


def _al_cambiar_temas(sender, instance, action, reverse, model, pk_set, **kwargs):
    pks = base.filas_afectadas(instance, action, reverse, pk_set, "eventos")
    if pks:
        reconstruir(_eventos(pks))


def _al_cambiar_parte(sender, instance, raw=False, **kwargs):
    # A collaboration or a speaker added, changed or removed: its event's names change.
    if not raw and instance.evento_id:
        reconstruir(_eventos([instance.evento_id]))


def _al_renombrar(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    if isinstance(instance, Tema):
        pks = instance.eventos.values_list("pk", flat=True)
    elif isinstance(instance, Organizacion):
        pks = instance.colaboraciones.values_list("evento_id", flat=True)
    else:
        pks = instance.participaciones.values_list("evento_id", flat=True)
    reconstruir(_eventos(pks))


def conectar_senales():
    """Connect the receivers that keep `relacionados` right (called from AppConfig.ready)."""
    from .models import Colaboracion, Evento, Participacion

    m2m_changed.connect(
        _al_cambiar_temas, sender=Evento.temas.through, dispatch_uid="busqueda_eventos_temas"
    )
    for modelo in (Colaboracion, Participacion):
        for senal in (post_save, post_delete):
            senal.connect(
                _al_cambiar_parte,
                sender=modelo,
                dispatch_uid=f"busqueda_eventos_{modelo._meta.model_name}_{senal is post_save}",
            )
    for modelo in (Tema, Organizacion, Persona):
        post_save.connect(
            _al_renombrar,
            sender=modelo,
            dispatch_uid=f"busqueda_eventos_{modelo._meta.model_name}",
        )
