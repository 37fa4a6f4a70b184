"""Surrogate keys: what a page shows, and what a write touched.

A page's keys are the watched model instances loaded while it was built
(`comunicado-12 evento-3 tema-5`), found with `post_init`, plus `listas` on every page
that lists items (lists, home, feeds, calendar, sitemap, directory pages, search). A
write's keys are its item, the items it points to, and `listas`: so a purge by those
keys reaches every page that could show the change.
"""

from contextlib import contextmanager
from contextvars import ContextVar

LISTAS = "listas"
# Fastly and others cap the header; past this the page relies on `listas`.
MAXIMO_CLAVES = 60

_vigiladas = set()
_pagina = ContextVar("claves_de_pagina", default=None)
_fragmento = ContextVar("claves_de_fragmento", default=None)


def vigilar(etiqueta_app):
    _vigiladas.add(etiqueta_app)


def vigilado(modelo):
    opciones = modelo._meta
    # django-simple-history's copies live in the same app; they are not on public pages.
    return opciones.app_label in _vigiladas and not modelo.__name__.startswith("Historical")


def clave(modelo, pk):
    return f"{modelo._meta.model_name}-{pk}"


# Stored pieces that list a whole table (cancilleria.base.fragmentos) depend on it: saving
# or deleting any of its rows touches this key. A CDN never sees it.
PREFIJO_TABLA = "tabla:"


def clave_de_tabla(modelo):
    return f"{PREFIJO_TABLA}{modelo._meta.model_name}"


def empezar_pagina():
    return _pagina.set(set())


def terminar_pagina(marca):
    claves = _pagina.get()
    _pagina.reset(marca)
    return claves or set()


@contextmanager
def reunir():
    """Collect, uncapped, the keys of the watched rows read inside: what a fragment shows.

    A collection inside another adds its keys to the outer one too.
    """
    claves = set()
    marca = _fragmento.set(claves)
    try:
        yield claves
    finally:
        _fragmento.reset(marca)
        afuera = _fragmento.get()
        if afuera is not None:
            afuera |= claves


def al_iniciar_instancia(sender, instance, **kwargs):
    """post_init: note the item on the page (and the fragment) being built, if one is."""
    claves = _pagina.get()
    fragmento = _fragmento.get()
    if (claves is None and fragmento is None) or not vigilado(sender):
        return
    # pk may be missing (a deferred or unsaved instance): nothing to name then.
    pk = instance.__dict__.get(sender._meta.pk.attname)
    if pk is None:
        return
    if claves is not None and len(claves) <= MAXIMO_CLAVES:
        claves.add(clave(sender, pk))
    if fragmento is not None:
        fragmento.add(clave(sender, pk))


def anotar(claves):
    """Name these items on the page being built (if one is): rows it did not read itself."""
    pagina = _pagina.get()
    if pagina is not None:
        for clave in claves:
            if len(pagina) > MAXIMO_CLAVES:
                break
            if not clave.startswith(PREFIJO_TABLA):
                pagina.add(clave)


def de_escritura(instancia):
    """Return the keys a write of this instance touches: itself and what it points to."""
    modelo = type(instancia)
    claves = {LISTAS, clave(modelo, instancia.pk)}
    for campo in modelo._meta.concrete_fields:
        if campo.is_relation and campo.many_to_one and vigilado(campo.related_model):
            valor = getattr(instancia, campo.attname)
            if valor is not None:
                claves.add(clave(campo.related_model, valor))
    return claves


def de_relaciones(instancia):
    """Return the keys of the items linked to it many-to-many (queries; only for a CDN)."""
    claves = set()
    for campo in type(instancia)._meta.many_to_many:
        if vigilado(campo.related_model):
            pks = getattr(instancia, campo.name).values_list("pk", flat=True)
            claves.update(clave(campo.related_model, pk) for pk in pks)
    return claves
