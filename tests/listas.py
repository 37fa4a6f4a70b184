"""What a list page shows: a public list's context holds the keys of its cards."""


def mostrados(respuesta, nombre="comunicados"):
    """Return the items the list page `respuesta` shows, in order.

    A public list holds their keys (fragmentos.Claves): they are read by those; a staff
    list holds the items themselves.
    """
    claves = respuesta.context[nombre]
    if not hasattr(claves, "modelo"):
        return list(claves)
    por_clave = claves.modelo._base_manager.in_bulk(list(claves))
    return [por_clave[pk] for pk in claves]
