"""Idempotent writes shared by the seed and the synthetic loaders, and their tally."""

from collections import defaultdict

from django.db import models

_VACIOS = (None, "")


class Resumen:
    """Count what a run created, updated, deleted or left alone, per model."""

    ACCIONES = ("creados", "actualizados", "borrados", "omitidos")
    # Nouns, so the line reads well whatever the gender of the model's name.
    NOMBRES = {
        "creados": "altas",
        "actualizados": "modificaciones",
        "borrados": "bajas",
        "omitidos": "ya existentes",
    }

    def __init__(self):
        self.cuentas = defaultdict(lambda: dict.fromkeys(self.ACCIONES, 0))

    def sumar(self, modelo, accion, n=1):
        """Add n to a model's (or a labelled relation's) count for an action."""
        if n:
            etiqueta = modelo if isinstance(modelo, str) else str(modelo._meta.verbose_name_plural)
            self.cuentas[etiqueta][accion] += n

    def total(self, accion):
        return sum(c[accion] for c in self.cuentas.values())

    def lineas(self):
        """Yield one line per model that something happened to, in Spanish."""
        for nombre, cuenta in sorted(self.cuentas.items(), key=lambda par: par[0]):
            partes = [f"{cuenta[a]} {self.NOMBRES[a]}" for a in self.ACCIONES if cuenta[a]]
            if partes:
                yield f"  {nombre}: {', '.join(partes)}"


def _actual(obj, campo):
    if campo.many_to_one:
        return getattr(obj, campo.attname)
    valor = getattr(obj, campo.name)
    # CountryField returns a Country object; compare its code.
    return getattr(valor, "code", valor)


def _nuevo(campo, valor):
    if campo.many_to_one and isinstance(valor, models.Model):
        return valor.pk
    return valor


def _iguales(actual, nuevo):
    # Blank translations may come back as None or "": both mean "not translated".
    if actual in _VACIOS and nuevo in _VACIOS:
        return True
    return actual == nuevo


def guardar(modelo, resumen, clave, valores):
    """Create or update the row found by `clave`, saving only when a value differs.

    Same contract as update_or_create, but an unchanged row is not saved again, so
    auto_now fields (`actualizado`) stay put and a second run changes nothing.
    """
    obj = modelo._default_manager.filter(**clave).order_by("pk").first()
    if obj is None:
        obj = modelo(**clave, **valores)
        obj.save()
        resumen.sumar(modelo, "creados")
        return obj
    distintos = {
        nombre: valor
        for nombre, valor in valores.items()
        if not _iguales(
            _actual(obj, modelo._meta.get_field(nombre)),
            _nuevo(modelo._meta.get_field(nombre), valor),
        )
    }
    if distintos:
        for nombre, valor in distintos.items():
            setattr(obj, nombre, valor)
        obj.save()
        resumen.sumar(modelo, "actualizados")
    return obj


def sincronizar(modelo, resumen, filtro, filas, clave):
    """Make the rows matching `filtro` exactly `filas`: upsert each by `clave`, delete the rest."""
    conservar = []
    for fila in filas:
        identidad = {**filtro, **{k: fila[k] for k in clave}}
        valores = {k: v for k, v in fila.items() if k not in clave}
        conservar.append(guardar(modelo, resumen, identidad, valores).pk)
    borrados, _detalle = modelo._default_manager.filter(**filtro).exclude(pk__in=conservar).delete()
    resumen.sumar(modelo, "borrados", borrados)


def sincronizar_m2m(obj, nombre, objetos, resumen):
    """Set a plain many-to-many to exactly `objetos`, touching it only if it differs."""
    relacion = getattr(obj, nombre)
    actuales = set(relacion.values_list("pk", flat=True))
    nuevos = {o.pk for o in objetos}
    if actuales != nuevos:
        relacion.set(objetos)
        etiqueta = f"{obj._meta.verbose_name_plural} → {nombre}"
        resumen.sumar(etiqueta, "creados", len(nuevos - actuales))
        resumen.sumar(etiqueta, "borrados", len(actuales - nuevos))
