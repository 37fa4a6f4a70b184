"""Search over releases: which text is searched and how it is weighted.

The machinery is in cancilleria/busqueda.py. A release's search text has three parts:

- its own fields, copied normalised (no tags, accents or case) per language into
  `busqueda_es` / `busqueda_en` by `save()`;
- the names of its topics, organisations (with their acronyms: OIT, ILO) and people, in
  both languages, denormalised into `relacionados` because an index cannot reach into
  other tables; the receivers below keep it right when links change or a directory
  entry is renamed.

SQLite searches those columns with LIKE. On PostgreSQL a trigger folds them, with the
title (A) and second line (B), into the stored weighted tsvectors `documento_es/en`
(PARTES; names weigh B, the rest C), which GIN indexes serve.
"""

from django.db.models import TextField, Value
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_save

from cancilleria.base import busqueda as base
from cancilleria.directorio.models import Organizacion, Persona, Tema

CAMPOS = ("titulo", "bajada", "resumen", "cuerpo")
PREFETCH = ("temas", "organizaciones", "personas")
# (field or column, weight, translated?) of the stored tsvector; see the migration.
PARTES = (
    ("titulo", "A", True),
    ("bajada", "B", True),
    ("relacionados", "B", False),
    ("busqueda_{idioma}", "C", False),
)


def buscar(queryset, texto, idioma):
    """Return the releases of `queryset` that match `texto` in `idioma`.

    On PostgreSQL each row gets `relevancia`; order with base.ordenar_por_relevancia.
    """
    return base.buscar_con(queryset, texto, idioma)


def buscar_en_admin(queryset, texto):
    """Return the releases matching `texto` in either language (press office search)."""
    grupos = base.analizar(texto)
    if not grupos:
        return queryset
    return queryset.filter(
        base.condicion_like(["busqueda_es", "busqueda_en", "relacionados"], grupos)
    )


def expresion_fragmento(idioma):
    idioma = base.idioma_de(idioma)
    return Concat(
        base.campo_con_respaldo("resumen", idioma),
        Value(" "),
        base.campo_con_respaldo("cuerpo", idioma),
        output_field=TextField(),
    )


def anotar_fragmentos(queryset, texto, idioma):
    """Annotate `fragmento_pg` (PostgreSQL's ts_headline) on a page of releases."""
    if base.es_postgresql(queryset) and base.hay_consulta(texto):
        return queryset.annotate(
            fragmento_pg=base.titular_postgresql(expresion_fragmento(idioma), texto, idioma)
        )
    return queryset


def fragmento(comunicado, texto, idioma):
    """Return the safe-HTML snippet of a release with the query's hits marked."""
    titular = getattr(comunicado, "fragmento_pg", None)
    if titular is not None:
        return base.marcado_seguro(titular)
    idioma = base.idioma_de(idioma)
    cuerpo = " ".join(base.traducido(comunicado, c, idioma) for c in ("resumen", "cuerpo"))
    return base.resaltar(cuerpo or base.traducido(comunicado, "bajada", idioma), texto)


# --- Keeping the columns right ----------------------------------------------------------


def documentos_propios(comunicado):
    return base.documentos_propios(comunicado, CAMPOS)


def campos_a_guardar(update_fields):
    return base.campos_a_guardar(update_fields, CAMPOS)


def texto_relacionados(comunicado):
    """Return the normalised names of a release's topics, organisations and people."""
    nombres = []
    for tema in comunicado.temas.all():
        nombres += base.nombres_tema(tema)
    for organizacion in comunicado.organizaciones.all():
        nombres += base.nombres_organizacion(organizacion)
    nombres += [persona.nombre for persona in comunicado.personas.all()]
    return base.documento(*nombres)


def reconstruir(queryset):
    """Recompute the search columns of these releases (bulk loads, links, renames)."""
    return base.reconstruir(queryset, CAMPOS, texto_relacionados, PREFETCH)


def _al_cambiar_enlaces(sender, instance, action, reverse, model, pk_set, **kwargs):
    from .models import Comunicado

    pks = base.filas_afectadas(instance, action, reverse, pk_set, "comunicados")
    if pks:
        reconstruir(Comunicado._base_manager.filter(pk__in=pks))


def _al_renombrar(sender, instance, created, raw=False, **kwargs):
    # A new directory entry has no releases yet; fixtures (raw) are loaded as they are.
    if created or raw:
        return
    reconstruir(instance.comunicados.all())


def conectar_senales():
    """Connect the receivers that keep `relacionados` right (called from AppConfig.ready)."""
    from .models import Comunicado

    for relacion in (Comunicado.temas, Comunicado.organizaciones, Comunicado.personas):
        m2m_changed.connect(
            _al_cambiar_enlaces,
            sender=relacion.through,
            dispatch_uid=f"busqueda_comunicados_{relacion.field.name}",
        )
    for modelo in (Tema, Organizacion, Persona):
        post_save.connect(
            _al_renombrar,
            sender=modelo,
            dispatch_uid=f"busqueda_comunicados_{modelo._meta.model_name}",
        )
