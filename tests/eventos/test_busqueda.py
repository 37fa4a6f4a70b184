"""Searching events: accents, case, related names, drafts."""

from django.urls import reverse

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.factories import (
    ColaboracionFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    PersonaFactory,
)


def slugs(texto, idioma="es"):
    return set(Evento.objects.publicados().buscar(texto, idioma).values_list("slug", flat=True))


def test_evento_se_encuentra_sin_tildes(db):
    """ "reunion tecnica" finds "Reunión técnica"."""
    EventoFactory(nombre="Reunión técnica", slug="reunion")
    EventoFactory(nombre="Otro", slug="otro")
    assert slugs("REUNION tecnica") == {"reunion"}


def test_evento_se_encuentra_por_colaboradores_y_ponentes(db):
    """Collaborating organisations and speakers make an event findable, and stop when removed."""
    evento = EventoFactory(nombre="Seminario", slug="seminario")
    colaboracion = ColaboracionFactory(
        evento=evento, organizacion=OrganizacionFactory(nombre="Org", sigla="OIT")
    )
    ParticipacionFactory(evento=evento, persona=PersonaFactory(nombre="Ana Flores"))
    assert slugs("oit flores") == {"seminario"}
    colaboracion.delete()
    assert slugs("oit") == set()


def test_evento_borrador_nunca_aparece(client, db):
    """A draft event is not found by the list's `q`."""
    EventoFactory(nombre="Palabraoculta", estado=Estado.BORRADOR, fecha_publicacion=None)
    respuesta = client.get(reverse("eventos:lista"), {"q": "palabraoculta"})
    assert respuesta.status_code == 200
    assert respuesta.context["paginator"].count == 0


def test_lista_de_eventos_con_consulta_rara(client, db):
    """Odd queries on the event list and its calendar never give a 500."""
    EventoFactory(nombre="Taller")
    for consulta in ['"(', "&|!:*", "x" * 10_000]:
        assert client.get(reverse("eventos:lista"), {"q": consulta}).status_code == 200
        assert client.get(reverse("eventos:calendario"), {"q": consulta}).status_code == 200


def test_temas_del_evento_siguen_a_los_enlaces(db):
    """A topic's name finds its events, and stops once the topic is cleared from them."""
    from tests.factories import TemaFactory

    evento = EventoFactory(nombre="Seminario", slug="seminario")
    tema = TemaFactory(nombre="Gobernanza migratoria")
    evento.temas.add(tema)
    assert slugs("gobernanza") == {"seminario"}
    tema.eventos.clear()
    assert slugs("gobernanza") == set()
    evento.temas.add(tema)
    evento.temas.remove(tema)
    assert slugs("gobernanza") == set()
