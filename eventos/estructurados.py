"""schema.org Event data (JSON-LD) for an event page."""

from django.utils.html import strip_tags

from cancilleria.base.estructurados import ministerio

from .models import Modalidad, Participacion

_MODO = {
    Modalidad.PRESENCIAL: "https://schema.org/OfflineEventAttendanceMode",
    Modalidad.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Modalidad.HIBRIDA: "https://schema.org/MixedEventAttendanceMode",
}


# Those who spoke; an authority who only attended is not a performer.
ROLES_QUE_HABLAN = {
    Participacion.Rol.INAUGURA,
    Participacion.Rol.CONFERENCISTA,
    Participacion.Rol.PONENTE,
    Participacion.Rol.MODERADOR,
}


def evento(evento, url, *, url_imagen=None):
    datos = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": evento.nombre,
        "url": url,
        "startDate": evento.inicio.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _MODO.get(evento.modalidad, _MODO[Modalidad.PRESENCIAL]),
    }
    if evento.fin:
        datos["endDate"] = evento.fin.isoformat()
    if evento.descripcion:
        # Rich text: search engines want the words, not the markup.
        datos["description"] = strip_tags(evento.descripcion).strip()
    lugares = []
    if evento.modalidad != Modalidad.PRESENCIAL:
        lugares.append({"@type": "VirtualLocation", "url": url})
    if evento.lugar and evento.modalidad != Modalidad.VIRTUAL:
        lugares.append({"@type": "Place", "name": evento.lugar, "address": evento.lugar})
    if lugares:
        datos["location"] = lugares[0] if len(lugares) == 1 else lugares
    if url_imagen:
        datos["image"] = [url_imagen]
    if evento.organizador:
        datos["organizer"] = {"@type": "Organization", "name": evento.organizador.nombre}
    else:
        datos["organizer"] = ministerio()
    ponentes = [p.persona.nombre for p in evento.participaciones.all() if p.rol in ROLES_QUE_HABLAN]
    if ponentes:
        datos["performer"] = [{"@type": "Person", "name": n} for n in dict.fromkeys(ponentes)]
    return datos
