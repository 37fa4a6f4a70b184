"""The searchable model: its configuration, its stored text, its QuerySet methods.

A searchable row keeps plain text per language (`busqueda_es`, `busqueda_en`) and the
names of the directory entries it links to (`relacionados`, an index cannot reach into
other tables). Triggers written by each app's migration turn those columns into the
index: weighted tsvectors on PostgreSQL, FTS5 tables of Snowball stems on SQLite. So
Python only keeps the columns right: `save()` for the row's own fields, signals
(senales.py) for links and renamed directory entries.
"""

from dataclasses import dataclass, field

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from . import postgres, sqlite
from .texto import IDIOMAS, hay_consulta, idioma_de, texto_plano

# How many of the newest matches a search ranks by relevance (see acotar_a_candidatos):
# eight pages. Each is found by reading its row's search vector in date order, so this
# sets the cost at 100k releases (200 made a search page 1.4x its 1k time; make bench).
CANDIDATOS = 100


@dataclass(frozen=True)
class ConfiguracionBusqueda:
    """What a searchable model indexes.

    titulo: the translated field that weighs most (A); texto: translated fields searched
    with the least weight (C), also the snippet's source; relacionados: {path to a
    directory model: its name fields}, weight B.
    """

    titulo: str
    texto: tuple
    relacionados: dict = field(default_factory=dict)

    def fuentes(self):
        """Return the field names whose change makes the stored text stale."""
        nombres = (self.titulo, *self.texto)
        return {f"{n}{sufijo}" for n in nombres for sufijo in ("", "_es", "_en")}


def motor(queryset):
    """Return the search backend of the queryset's database."""
    return postgres if connections[queryset.db].vendor == "postgresql" else sqlite


def traducido(obj, campo, idioma):
    """Return a field's value in a language, falling back to Spanish, then to the plain field."""
    valor = getattr(obj, f"{campo}_{idioma}", None) or getattr(obj, f"{campo}_es", None)
    return valor or getattr(obj, campo, None) or ""


def textos_propios(obj, configuracion):
    """Return {"busqueda_es": …, "busqueda_en": …}: the row's own plain text per language."""
    return {
        f"busqueda_{idioma}": "\n".join(
            filter(None, (texto_plano(traducido(obj, c, idioma)) for c in configuracion.texto))
        )
        for idioma in IDIOMAS
    }


def nombres_relacionados(queryset, configuracion):
    """Return {pk: names of the linked directory entries}, one query per relation."""
    nombres = {pk: [] for pk in queryset.values_list("pk", flat=True)}
    for ruta, campos in configuracion.relacionados.items():
        filas = queryset.filter(**{f"{ruta}__isnull": False}).values_list(
            "pk", *(f"{ruta}__{c}" for c in campos)
        )
        for pk, *valores in filas.order_by("pk", *(f"{ruta}__{c}" for c in campos)):
            nombres[pk] += [v for v in valores if v]
    return {pk: " ".join(dict.fromkeys(lista)) for pk, lista in nombres.items()}


def reconstruir(queryset, configuracion):
    """Recompute the stored search text of these rows, writing only the rows that changed.

    For writes that skip save() and the signals (bulk loads, migrations).
    """
    relacionados = nombres_relacionados(queryset, configuracion)
    cambiadas = []
    for obj in queryset.iterator(chunk_size=500):
        nuevos = {**textos_propios(obj, configuracion), "relacionados": relacionados[obj.pk]}
        if any(getattr(obj, k) != v for k, v in nuevos.items()):
            for k, v in nuevos.items():
                setattr(obj, k, v)
            cambiadas.append(obj)
    queryset.model._base_manager.bulk_update(
        cambiadas, ["busqueda_es", "busqueda_en", "relacionados"], batch_size=200
    )
    return len(cambiadas)


def actualizar_relacionados(modelo, pks):
    """Rewrite `relacionados` of these rows (links or directory names changed)."""
    queryset = modelo._base_manager.filter(pk__in=list(pks))
    nuevos = nombres_relacionados(queryset, modelo.configuracion_busqueda)
    cambiadas = [
        modelo(pk=pk, relacionados=nuevos[pk])
        for pk, actual in queryset.values_list("pk", "relacionados")
        if actual != nuevos[pk]
    ]
    modelo._base_manager.bulk_update(cambiadas, ["relacionados"], batch_size=200)


class BuscableQuerySet(models.QuerySet):
    def buscar(self, texto, idioma):
        """Return the rows matching the visitor's text in a language, with `relevancia`.

        Order by relevance with `ordenar_por_relevancia`, then bound the result with
        `acotar_a_candidatos` (a list's FilterSet does both).

        A text with no words leaves the queryset as it is; one of only stop words
        matches nothing, on both databases.
        """
        if not hay_consulta(texto):
            return self
        backend, idioma = motor(self), idioma_de(idioma)
        # The rank reads each row's whole document: it is computed only for the rows a
        # query returns, and ordering by it is bounded by `acotar_a_candidatos`.
        return backend.filtrar(self, texto, idioma).annotate(
            relevancia=backend.puntuacion(self, texto, idioma)
        )

    def buscar_en_admin(self, texto):
        """Return the rows matching the text in either language (press office search)."""
        if not hay_consulta(texto):
            return self
        return motor(self).buscar_en_idiomas(self, texto)

    def con_fragmentos(self, texto, idioma):
        """Annotate `fragmento_busqueda`: the text around the hits, hits between markers."""
        if not hay_consulta(texto):
            return self
        return motor(self).con_fragmentos(self, texto, idioma_de(idioma))

    def reconstruir_busqueda(self):
        """Recompute the stored search text of these rows (after bulk writes)."""
        return reconstruir(self, self.model.configuracion_busqueda)


class Buscable(models.Model):
    """Abstract base of a searchable model; set `configuracion_busqueda` on the subclass."""

    busqueda_es = models.TextField(_("texto de búsqueda (es)"), blank=True, editable=False)
    busqueda_en = models.TextField(_("texto de búsqueda (en)"), blank=True, editable=False)
    relacionados = models.TextField(_("nombres relacionados"), blank=True, editable=False)

    configuracion_busqueda = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        textos = textos_propios(self, self.configuracion_busqueda)
        for columna, texto in textos.items():
            setattr(self, columna, texto)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.configuracion_busqueda.fuentes() & {*update_fields}:
            kwargs["update_fields"] = {*update_fields, *textos}
        super().save(*args, **kwargs)
