"""iCalendar (RFC 5545) for one event or a filtered list, built with the icalendar library."""

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Ministerio de Relaciones Exteriores del Peru//Sala de prensa//ES"


def calendario(eventos, *, nombre, url_de, dominio):
    """Return the bytes of a VCALENDAR of `eventos`; `url_de(evento)` gives each absolute URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nombre)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for evento in eventos:
        cal.add_component(_vevento(evento, url_de(evento), dominio))
    # Times are written in Lima's zone with its VTIMEZONE, so clients show them right.
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevento(evento, url, dominio):
    zona = timezone.get_current_timezone()
    vevento = Event()
    # Stable per event and site, so a re-import updates instead of duplicating.
    vevento.add("uid", f"evento-{evento.pk}@{dominio}")
    vevento.add("dtstamp", evento.actualizado)
    vevento.add("last-modified", evento.actualizado)
    vevento.add("dtstart", evento.inicio.astimezone(zona))
    if evento.fin:
        vevento.add("dtend", evento.fin.astimezone(zona))
    vevento.add("summary", evento.nombre)
    descripcion = strip_tags(evento.descripcion or "").strip()
    vevento.add("description", f"{descripcion}\n\n{url}".strip())
    if evento.lugar:
        vevento.add("location", evento.lugar)
    vevento.add("url", url)
    vevento.add("status", "CONFIRMED")
    temas = [tema.nombre for tema in evento.temas.all()]
    if temas:
        vevento.add("categories", temas)
    return vevento
