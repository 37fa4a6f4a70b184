"""The admin's search box: accent- and case-insensitive on every change list."""

from django.db.models import Q, Transform

from .texto import analizar, sin_acentos


class SinAcentos(Transform):
    """`campo__sin_acentos__contains="migracion"`: lowercase and accent-free comparison.

    Registered on CharField and TextField in BaseConfig.ready().
    """

    lookup_name = "sin_acentos"

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER({sql})", params

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"cancilleria_sin_acentos({sql})", params

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(unaccent({sql}))", params


def registrar_funcion_sqlite(connection):
    """Give a SQLite connection the accent-stripping function the lookup calls."""
    connection.connection.create_function(
        "cancilleria_sin_acentos", 1, sin_acentos, deterministic=True
    )


class BusquedaSinAcentosAdmin:
    """Admin mixin: the change list's search box ignores accents and case.

    A searchable model (releases, events) is searched with its full-text index, in both
    languages; any other model word by word over its `search_fields`.
    """

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        if hasattr(queryset, "buscar_en_admin"):
            return queryset.buscar_en_admin(search_term), False
        grupos = analizar(search_term)
        campos = [c.lstrip("^=@") for c in self.get_search_fields(request)]
        if not grupos or not campos:
            return super().get_search_results(request, queryset, search_term)
        condicion = Q()
        for grupo in grupos:
            alguno = Q()
            for termino in grupo:
                en_alguno = Q()
                for campo in campos:
                    en_alguno |= Q(**{f"{campo}__sin_acentos__contains": termino.frase})
                alguno |= ~en_alguno if termino.negado else en_alguno
            condicion &= alguno
        # Lookups across to-many relations may repeat rows.
        return queryset.filter(condicion), any("__" in c for c in campos)
