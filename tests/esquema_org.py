"""A small checker of schema.org JSON-LD against the properties search engines require or
recommend (Google's structured-data documentation for Article and Event).

Each function returns the list of problems found; an empty list means the data passes.
"""

from datetime import datetime

MODOS_DE_ASISTENCIA = {
    "https://schema.org/OfflineEventAttendanceMode",
    "https://schema.org/OnlineEventAttendanceMode",
    "https://schema.org/MixedEventAttendanceMode",
}
ESTADOS_DE_EVENTO = {
    "https://schema.org/EventScheduled",
    "https://schema.org/EventCancelled",
    "https://schema.org/EventMovedOnline",
    "https://schema.org/EventPostponed",
    "https://schema.org/EventRescheduled",
}


def _como_lista(valor):
    return valor if isinstance(valor, list) else [valor]


def _texto(datos, clave, problemas):
    valor = datos.get(clave)
    if not isinstance(valor, str) or not valor.strip():
        problemas.append(f"{clave}: missing or empty")
        return None
    return valor


def _fecha(datos, clave, problemas):
    valor = _texto(datos, clave, problemas)
    if valor is None:
        return None
    try:
        fecha = datetime.fromisoformat(valor)
    except ValueError:
        problemas.append(f"{clave}: not ISO 8601 ({valor!r})")
        return None
    if fecha.tzinfo is None:
        problemas.append(f"{clave}: no time zone ({valor!r})")
    return fecha


def _url(valor):
    return isinstance(valor, str) and valor.startswith(("http://", "https://"))


def _imagenes(datos, problemas):
    imagenes = _como_lista(datos.get("image") or [])
    urls = [i.get("url") if isinstance(i, dict) else i for i in imagenes]
    if not urls or not all(_url(u) for u in urls):
        problemas.append(f"image: needs absolute URLs, got {datos.get('image')!r}")


def _entidad(datos, clave, tipos, problemas):
    valores = _como_lista(datos.get(clave) or [])
    if not valores:
        problemas.append(f"{clave}: missing")
    for valor in valores:
        if not isinstance(valor, dict) or valor.get("@type") not in tipos:
            problemas.append(f"{clave}: must be one of {sorted(tipos)}, got {valor!r}")
        elif not valor.get("name"):
            problemas.append(f"{clave}: has no name")
    return valores


def problemas_news_article(datos):
    """Return what a NewsArticle lacks: headline (≤ 110), image, dates, author, publisher+logo."""
    problemas = []
    if datos.get("@context") != "https://schema.org" or datos.get("@type") != "NewsArticle":
        problemas.append("@context/@type: not a schema.org NewsArticle")
    titular = _texto(datos, "headline", problemas)
    if titular and len(titular) > 110:
        problemas.append(f"headline: {len(titular)} characters, at most 110")
    _imagenes(datos, problemas)
    publicado = _fecha(datos, "datePublished", problemas)
    modificado = _fecha(datos, "dateModified", problemas)
    if publicado and modificado and publicado.tzinfo and modificado < publicado:
        # Allowed by schema.org, but search engines read it as a wrong date.
        problemas.append("dateModified: before datePublished")
    _entidad(datos, "author", {"Organization", "Person"}, problemas)
    for editor in _entidad(datos, "publisher", {"Organization"}, problemas):
        logo = editor.get("logo") if isinstance(editor, dict) else None
        url = logo.get("url") if isinstance(logo, dict) else logo
        if not _url(url):
            problemas.append(f"publisher.logo: needs an absolute URL, got {logo!r}")
    return problemas


def problemas_event(datos):
    """Return what an Event lacks of Google's required and recommended properties."""
    problemas = []
    if datos.get("@context") != "https://schema.org" or datos.get("@type") != "Event":
        problemas.append("@context/@type: not a schema.org Event")
    _texto(datos, "name", problemas)
    inicio = _fecha(datos, "startDate", problemas)
    fin = _fecha(datos, "endDate", problemas)
    if inicio and fin and inicio.tzinfo and fin.tzinfo and fin < inicio:
        problemas.append("endDate: before startDate")
    if datos.get("eventAttendanceMode") not in MODOS_DE_ASISTENCIA:
        problemas.append(f"eventAttendanceMode: {datos.get('eventAttendanceMode')!r}")
    if datos.get("eventStatus") not in ESTADOS_DE_EVENTO:
        problemas.append(f"eventStatus: {datos.get('eventStatus')!r}")
    lugares = _como_lista(datos.get("location") or [])
    if not lugares:
        problemas.append("location: missing")
    for lugar in lugares:
        tipo = lugar.get("@type") if isinstance(lugar, dict) else None
        if tipo == "Place" and not (lugar.get("name") and lugar.get("address")):
            problemas.append(f"location: a Place needs name and address, got {lugar!r}")
        elif tipo == "VirtualLocation" and not _url(lugar.get("url")):
            problemas.append(f"location: a VirtualLocation needs a url, got {lugar!r}")
        elif tipo not in {"Place", "VirtualLocation"}:
            problemas.append(f"location: unknown {lugar!r}")
    _entidad(datos, "organizer", {"Organization", "Person"}, problemas)
    _entidad(datos, "performer", {"Person", "PerformingGroup", "Organization"}, problemas)
    _texto(datos, "description", problemas)
    _imagenes(datos, problemas)
    return problemas
