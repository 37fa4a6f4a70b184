"""Parts of public pages rendered once, stored, and reused until what they show is written.

A list page spent most of its time building its cards: the topics of every release,
then a template per card. A release page spent it reading a dozen related tables. Those
parts show only their item and what hangs from it, so they are the same on every page
and for every visitor in a language:

- `tarjetas()` reads a list's cards in one query by key (`v…:comunicado:12:en:`) and
  renders only the missing ones, in one batch (one query for what they show);
- `pieza()` reads a page's piece by key, or builds it with the function it is given.

Each is stored with the surrogate keys of what it shows, which the page's own keys then
include. Never stale: a committed write (cache.escrituras) deletes the fragments that
depend on what it touched and only then starts a new generation of the page cache, both
under one lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions take the
database's). A render reads the generation before reading its data and stores its
fragments, under the same lock, only if the generation is still the same: a render that
raced a write cannot store the old text after the write deleted it. Each process keeps
what it read in memory for the generation it read first (`_leer`); a write starts a new
one again once its deletion is committed, so no process keeps an old part. The key carries a
digest of the fragment templates, so a deploy that changes one never reads the old ones;
migrate, the demo loader and `renovar_cache` forget them all (`invalidar_todo()`).
"""

import hashlib
import json
import logging
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.template import loader
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import claves as claves_mod
from .cache import generacion
from .models import Fragmento, FragmentoDependencia

logger = logging.getLogger(__name__)

# An arbitrary constant: the advisory lock that orders storing and invalidating.
BLOQUEO = 7_411_904_210


@dataclass(frozen=True)
class Tarjeta:
    """How an item of `modelo` is shown as a card."""

    nombre: str
    plantilla: str
    # Reads, by their keys, the items with what their cards show: one batch.
    leer: object
    # Returns the surrogate keys of what the card shows: the item and its related rows.
    dependencias: object


_tarjetas = {}
_plantillas = set()
_version = None

# Each process keeps the fragments it read or built under the current generation: a
# page built again before the next write reads them from memory, not the database. The
# first read under a new generation forgets them all. At most this many, then anew.
MAXIMO_EN_MEMORIA = 5_000
_memoria = {"testigo": None, "partes": {}}


def _en_memoria(testigo):
    """Return this process's fragments of generation `testigo` ({} and kept nowhere
    when there is no cache to say which generation it is)."""
    if testigo is None:
        return {}
    if _memoria["testigo"] != testigo or len(_memoria["partes"]) >= MAXIMO_EN_MEMORIA:
        # A new dict, not clear(): a render still holding the old one keeps its own.
        _memoria.update(testigo=testigo, partes={})
    return _memoria["partes"]


def _leer(claves, testigo):
    """Return {clave: (html, dependencias)} of the stored fragments among `claves`.

    `testigo` is the generation read before this: what memory holds of it is as new as
    the database (a write deletes, commits, then starts a new generation).
    """
    memoria = _en_memoria(testigo)
    leidos = {clave: memoria[clave] for clave in claves if clave in memoria}
    if faltan := set(claves) - leidos.keys():
        del_disco = {
            clave: (html, dependencias)
            for clave, html, dependencias in Fragmento.objects.filter(clave__in=faltan).values_list(
                "clave", "html", "claves"
            )
        }
        memoria.update(del_disco)
        leidos.update(del_disco)
    return leidos


def registrar_plantilla(nombre):
    """Make a fragment template part of `version()`: a change to it is a new version."""
    global _version
    _plantillas.add(nombre)
    _version = None


def registrar_tarjeta(modelo, *, plantilla, leer, dependencias):
    """Say how `modelo` is shown as a card (each app, in its AppConfig.ready)."""
    _tarjetas[modelo] = Tarjeta(modelo._meta.model_name, plantilla, leer, dependencias)
    registrar_plantilla(plantilla)


def version():
    """A digest of the fragment templates: fragments stored by another are not read."""
    global _version
    if _version is None:
        resumen = hashlib.sha256()
        for nombre in sorted(_plantillas):
            resumen.update(loader.get_template(nombre).template.source.encode())
        _version = "v" + resumen.hexdigest()[:8]
    return _version


def _clave(tarjeta, pk, idioma, variante):
    return f"{version()}:{tarjeta.nombre}:{pk}:{idioma}:{variante}"


class Claves(list):
    """The keys of a list's items, in order, and their model: all `tarjetas()` needs.

    A page of cards reads only these (PaginadorDeTarjetas): no model instance is made
    for an item whose card is stored.
    """

    def __init__(self, modelo, claves):
        super().__init__(claves)
        self.modelo = modelo


def claves_de(queryset):
    """Return the keys of `queryset`'s items, in its order, as Claves (one column read)."""
    return Claves(queryset.model, queryset.values_list("pk", flat=True))


def tarjetas(objetos, **opciones):
    """Return the cards of `objetos` (Claves, a list, a queryset or one item), in order.

    `opciones` go to the card template (`sin_temas=True`) and are part of the key.
    """
    if objetos is None:
        return ""
    if hasattr(objetos, "_meta"):
        objetos = [objetos]
    if isinstance(objetos, Claves):
        modelo, pks = objetos.modelo, list(objetos)
    else:
        objetos = list(objetos)
        modelo, pks = (type(objetos[0]) if objetos else None), [o.pk for o in objetos]
    if not pks:
        return ""
    tarjeta = _tarjetas[modelo._meta.concrete_model]
    idioma = get_language()
    variante = ",".join(f"{k}={v}" for k, v in sorted(opciones.items()) if v)
    claves = {pk: _clave(tarjeta, pk, idioma, variante) for pk in pks}
    # Read first: what is read or built after it is no older than this generation.
    testigo = _testigo()
    guardados = _leer(claves.values(), testigo)
    faltan = [pk for pk in pks if claves[pk] not in guardados]
    if faltan:
        nuevos = _renderizar(tarjeta, faltan, claves, idioma, opciones, testigo)
        _en_memoria(testigo).update(nuevos)
        guardados.update(nuevos)
    partes = []
    for pk in pks:
        if claves[pk] not in guardados:
            continue  # deleted since the list was read
        html, dependencias = guardados[claves[pk]]
        # The page names what its cards show, as if it had read those rows itself.
        claves_mod.anotar(dependencias.split())
        partes.append(html)
    return mark_safe("".join(partes))  # noqa: S308 - rendered by our own templates


def _renderizar(tarjeta, pks, claves, idioma, opciones, testigo):
    # Read again, after the generation: what a card shows is no older than `testigo`.
    leidos = {objeto.pk: objeto for objeto in tarjeta.leer(pks)}
    nombre = tarjeta.nombre
    nuevos = {}
    for pk in pks:
        if (objeto := leidos.get(pk)) is None:
            continue
        contexto = {nombre: objeto, "LANGUAGE_CODE": idioma, **opciones}
        html = render_to_string(tarjeta.plantilla, contexto)
        dependencias = " ".join(sorted(tarjeta.dependencias(objeto)))
        nuevos[claves[objeto.pk]] = (html, dependencias)
    _guardar(nuevos, testigo)
    return nuevos


def pieza(nombre, *partes, construir, tablas=()):
    """Return the stored piece `nombre` for these key parts, or build, store and return it.

    A piece is what `construir()` returns: a JSON-serialisable dict (rendered HTML, data).
    The dict returned is shared by the requests of this process: read it, never change it.
    `construir()` reads what it shows itself; those rows (of watched models, found by
    `post_init`) are its dependencies. It must not depend on the time or the visitor:
    what does goes into `partes`. A piece that lists every row of some tables (a
    filter's options) names their models in `tablas` instead: saving or deleting any row
    of them deletes it, and linking a release to one does not.
    """
    clave = ":".join((version(), nombre, *map(str, partes)))
    testigo = _testigo()
    if (guardada := _leer([clave], testigo).get(clave)) is not None:
        datos, dependencias = guardada
        if isinstance(datos, str):
            # Parsed once per process and generation: what it returns is shared, to read.
            datos = json.loads(datos)
            _en_memoria(testigo)[clave] = (datos, dependencias)
        claves_mod.anotar(dependencias.split())
        return datos
    with claves_mod.reunir() as dependencias:
        datos = construir()
    if tablas:
        # Every row of those tables: a write to any of them, and no link to one, counts.
        dependencias = {claves_mod.clave_de_tabla(modelo) for modelo in tablas}
    dependencias = " ".join(sorted(dependencias))
    _guardar({clave: (json.dumps(datos), dependencias)}, testigo)
    _en_memoria(testigo)[clave] = (datos, dependencias)
    return datos


def _testigo():
    # Any committed write starts a new generation (after deleting what it touched).
    try:
        return generacion.generacion_actual()[0]
    except Exception:  # noqa: BLE001 - no cache: pages are built, nothing is stored
        logger.warning("Cache público no disponible: no se guardan fragmentos", exc_info=True)
        return None


def _bloquear():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BLOQUEO])


def _guardar(nuevos, testigo):
    """Store the new fragments, unless a write committed since `testigo` was read."""
    try:
        with transaction.atomic():
            _bloquear()
            if testigo is None or _testigo() != testigo:
                # Their data may predate the write, which deleted what it touched already.
                return
            # A twin stored meanwhile by another worker is the same text: keep either.
            Fragmento.objects.bulk_create(
                [
                    Fragmento(clave=clave, html=html, claves=dependencias)
                    for clave, (html, dependencias) in nuevos.items()
                ],
                ignore_conflicts=True,
            )
            FragmentoDependencia.objects.bulk_create(
                [
                    FragmentoDependencia(fragmento_id=clave, clave=dependencia)
                    for clave, (_html, dependencias) in nuevos.items()
                    for dependencia in dependencias.split()
                ],
                ignore_conflicts=True,
            )
    except DatabaseError:
        # The page is right without them; they are rendered again next time.
        logger.warning("No se pudieron guardar los fragmentos", exc_info=True)


def invalidar(claves):
    """After a committed write: delete the fragments showing these items, then renew pages.

    Both under the lock `_guardar` takes, in that order, so no render from before can
    store one; and a new generation again after the commit, so a page built under the
    newest generation (and a process's memory of it) finds no old fragment.
    """
    claves = {clave for clave in claves if clave != claves_mod.LISTAS}
    fragmentos = Fragmento.objects.filter(
        clave__in=FragmentoDependencia.objects.filter(clave__in=claves).values("fragmento_id")
    )
    _invalidar(fragmentos if claves else None)


def invalidar_todo():
    """Forget every fragment and renew pages (a migration, a bulk load: anything changed)."""
    _invalidar(Fragmento.objects.all())


def _invalidar(fragmentos):
    try:
        with transaction.atomic():
            _bloquear()
            if fragmentos is not None:
                fragmentos.delete()
            # Under the lock: a render from before this cannot store what was deleted.
            generacion.invalidar()
    finally:
        # And again once the deletion is committed: a page built between the first and
        # the commit could still read the old fragments, and under the new generation.
        generacion.invalidar()
