from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import ConsuladoFactory, EventoFactory, TemaFactory

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


def test_ics_de_un_evento_con_hora_de_lima(client):
    """An event's .ics parses with icalendar and carries its start and end in Lima time."""
    inicio = datetime(2022, 9, 21, 9, 0, tzinfo=LIMA)
    evento = EventoFactory(
        slug="seminario", nombre="Seminario", inicio=inicio, fin=inicio + timedelta(hours=4)
    )
    evento.temas.add(TemaFactory(nombre="Trata de personas"))
    respuesta = client.get(reverse("eventos:ics", args=["seminario"]))
    assert respuesta["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(respuesta.content)
    (vevento,) = cal.walk("VEVENT")
    assert str(vevento["summary"]) == "Seminario"
    assert vevento.decoded("dtstart") == inicio
    assert vevento.decoded("dtstart").utcoffset() == timedelta(hours=-5)
    assert vevento.decoded("dtend") == inicio + timedelta(hours=4)
    assert "http://testserver/eventos/seminario/" in str(vevento["url"])
    assert cal.walk("VTIMEZONE"), "the calendar must define the Lima time zone"


def test_ics_de_borrador_da_404(client):
    """A draft event has no calendar file."""
    EventoFactory(slug="oculto", estado=Estado.BORRADOR)
    assert client.get(reverse("eventos:ics", args=["oculto"])).status_code == 404


def test_calendario_filtrado(client):
    """The list calendar applies the list's filters and never includes drafts."""
    francia = ConsuladoFactory(slug="francia", pais="FR")
    con = EventoFactory(nombre="Con Francia")
    con.consulados.add(francia)
    EventoFactory(nombre="Sin Francia")
    EventoFactory(nombre="Borrador con Francia", estado=Estado.BORRADOR).consulados.add(francia)
    cal = Calendar.from_ical(
        client.get(reverse("eventos:calendario") + "?consulado=francia").content
    )
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Con Francia"]


def test_calendario_con_filtro_invalido_da_404(client):
    """A malformed filter on the calendar is a 404, never a 500."""
    assert client.get(reverse("eventos:calendario") + "?desde=ayer").status_code == 404


def test_calendario_consultas_no_crecen(client):
    """The calendar's query count does not grow with the number of events."""

    def preparar(n):
        for _ in range(n - Evento.objects.count()):
            EventoFactory(inicio=timezone.now()).temas.add(TemaFactory())
        return reverse("eventos:calendario")

    assert presupuesto_constante(client, preparar) <= 2
