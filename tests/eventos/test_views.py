from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import (
    CargoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    SesionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def _evento_completo(n):
    evento = EventoFactory(organizador=OrganizacionFactory(padre=OrganizacionFactory()))
    for i in range(n):
        evento.temas.add(TemaFactory())
        sesion = SesionFactory(evento=evento, orden=i)
        cargo = CargoFactory()
        ParticipacionFactory(evento=evento, sesion=sesion, persona=cargo.persona, cargo=cargo)
        ParticipacionFactory(evento=evento, persona=CargoFactory().persona)
        evento.colaboraciones.create(organizacion=OrganizacionFactory())
        evento.consulados.add(ConsuladoFactory(pais=["FR", "JP", "BR"][i % 3]))
    return evento


def test_lista_y_detalle_solo_publicados(client):
    """Draft events appear neither in the list nor at their address."""
    visible = EventoFactory(nombre="Seminario visible")
    borrador = EventoFactory(nombre="Seminario oculto", estado=Estado.BORRADOR)
    contenido = client.get(reverse("eventos:lista")).content.decode()
    assert visible.nombre in contenido and borrador.nombre not in contenido
    assert client.get(borrador.get_absolute_url()).status_code == 404


def test_lista_consultas_no_crecen(client):
    """The event list makes the same number of queries with 3 and with 30 events."""

    def preparar(n):
        for _ in range(n - Evento.objects.count()):
            EventoFactory(organizador=OrganizacionFactory())
        return reverse("eventos:lista")

    presupuesto_constante(client, preparar)


def test_detalle_consultas_no_crecen(client):
    """The event page's query count does not grow with sessions, people and consulates."""
    presupuesto_constante(client, lambda n: _evento_completo(n).get_absolute_url())


def test_detalle_agrupa_consulados_por_region(client):
    """The event page lists the participating consulates under their region, with a count."""
    evento = EventoFactory()
    evento.consulados.add(
        ConsuladoFactory(nombre="Consulado en París", pais="FR"),
        ConsuladoFactory(nombre="Consulado en Tokio", pais="JP"),
    )
    contenido = client.get(evento.get_absolute_url()).content.decode()
    assert "2 oficinas consulares participantes" in contenido
    assert "Europa" in contenido and "Asia" in contenido


def test_filtros_por_consulado_region_y_cuando(client):
    """Events filter by several consulates, by region and by upcoming/past."""
    francia = ConsuladoFactory(slug="francia", pais="FR")
    japon = ConsuladoFactory(slug="japon", pais="JP")
    ahora = timezone.now()
    pasado = EventoFactory(nombre="Pasado en Francia")
    pasado.consulados.add(francia)
    futuro = EventoFactory(
        nombre="Futuro en Japón", inicio=ahora + timedelta(days=3), fin=ahora + timedelta(days=4)
    )
    futuro.consulados.add(japon)
    EventoFactory(nombre="Sin consulados")

    def nombres(consulta):
        contenido = client.get(reverse("eventos:lista") + "?" + consulta).content.decode()
        return {
            n for n in ("Pasado en Francia", "Futuro en Japón", "Sin consulados") if n in contenido
        }

    assert nombres("consulado=francia&consulado=japon") == {"Pasado en Francia", "Futuro en Japón"}
    assert nombres("region=europa") == {"Pasado en Francia"}
    assert nombres("cuando=proximos") == {"Futuro en Japón"}
    assert nombres("cuando=pasados&consulado=japon") == set()


@pytest.mark.parametrize(
    "consulta", ["consulado=no-existe", "region=marte", "cuando=ayer", "desde=x", "modalidad=1"]
)
def test_filtros_malos_no_dan_500(client, consulta):
    """Bad filter values in the event list give a message and no events, never a 500."""
    EventoFactory(nombre="Un evento cualquiera")
    respuesta = client.get(reverse("eventos:lista") + "?" + consulta)
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert 'role="alert"' in contenido
    assert "Un evento cualquiera" not in contenido


def test_pagina_no_numerica_da_404(client):
    """A page number that is not a number is Django's paginator 404, not a 500."""
    EventoFactory()
    assert client.get(reverse("eventos:lista") + "?page=abc").status_code == 404
