"""The search text of synthetic rows, computed before they are written (`--rapido`).

bulk_create skips save() and the signals. Rebuilding the text afterwards
(`reconstruir_busqueda`) writes every row twice, which made a 100k load slow and its tables
twice the size; the fast load fills the three columns in memory instead, so the database's
triggers index each row once, on insert. The result is what `reconstruir_busqueda` gives.
The usual load still writes twice: a test's expected query plan (GIN index at 10k rows) was
tuned on tables holding those dead rows, and a compact table tips the planner elsewhere.
"""

from cancilleria.base.busqueda.modelo import textos_propios


def _modelo_final(modelo, ruta):
    for parte in ruta.split("__"):
        modelo = modelo._meta.get_field(parte).related_model
    return modelo


class TextosBusqueda:
    """Fill `busqueda_es`, `busqueda_en` and `relacionados` of unsaved searchable rows."""

    def __init__(self, modelo, *, activo=True):
        # Inactive: rows go in untouched and the caller rebuilds them (the usual load).
        self.activo = activo
        self.configuracion = modelo.configuracion_busqueda
        # {ruta: {pk: (place in the database's order, names)}}: the database's own collation
        # orders the names, as nombres_relacionados() does with ORDER BY.
        self.nombres = {}
        for ruta, campos in self.configuracion.relacionados.items() if activo else ():
            destino = _modelo_final(modelo, ruta)
            filas = destino._base_manager.order_by(*campos, "pk").values_list("pk", *campos)
            self.nombres[ruta] = {
                pk: (lugar, [v for v in valores if v]) for lugar, (pk, *valores) in enumerate(filas)
            }

    def rellenar(self, obj, enlaces):
        """Set the search columns of obj; enlaces = {ruta: pks of the linked entries}."""
        if not self.activo:
            return obj
        for columna, texto in textos_propios(obj, self.configuracion).items():
            setattr(obj, columna, texto)
        nombres = []
        for ruta in self.configuracion.relacionados:
            tabla = self.nombres[ruta]
            for _lugar, valores in sorted(tabla[pk] for pk in enlaces.get(ruta, ())):
                nombres += valores
        obj.relacionados = " ".join(dict.fromkeys(nombres))
        return obj

    def reconstruir(self, queryset):
        """Rebuild the rows' search text after the insert, unless it was written with them."""
        if not self.activo:
            queryset.reconstruir_busqueda()
