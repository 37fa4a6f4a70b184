from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from eventos.models import Evento
from tests.factories import ComunicadoFactory, EventoFactory

pytestmark = pytest.mark.django_db


def test_publicados_excluye_borradores_revision_y_retirados():
    """Only published items are public; drafts, items in review and withdrawn ones are not."""
    publico = ComunicadoFactory()
    for estado in (Estado.BORRADOR, Estado.EN_REVISION, Estado.RETIRADO):
        ComunicadoFactory(estado=estado)
    assert list(Comunicado.objects.publicados()) == [publico]


def test_publicados_excluye_programados_hasta_su_hora():
    """A published release with a future date becomes public by itself once its time comes."""
    ahora = timezone.now()
    programado = ComunicadoFactory(fecha_publicacion=ahora + timedelta(hours=2))
    assert programado not in Comunicado.objects.publicados(ahora)
    assert programado in Comunicado.objects.programados(ahora)
    assert programado.esta_programado
    with time_machine.travel(ahora + timedelta(hours=2, seconds=1), tick=False):
        assert programado in Comunicado.objects.publicados()
        assert programado.es_publico


def test_publicados_incluye_el_instante_exacto():
    """An item due exactly now is public (the boundary is inclusive)."""
    ahora = timezone.now()
    justo = EventoFactory(fecha_publicacion=ahora)
    assert justo in Evento.objects.publicados(ahora)


def test_proximos_y_pasados_en_el_limite():
    """A running event is upcoming; one that ended a second ago is past."""
    ahora = timezone.now()
    en_curso = EventoFactory(inicio=ahora - timedelta(hours=1), fin=ahora + timedelta(hours=1))
    terminado = EventoFactory(inicio=ahora - timedelta(hours=3), fin=ahora - timedelta(seconds=1))
    futuro_sin_fin = EventoFactory(inicio=ahora + timedelta(days=1), fin=None)
    assert set(Evento.objects.proximos(ahora)) == {en_curso, futuro_sin_fin}
    assert set(Evento.objects.pasados(ahora)) == {terminado}


def test_evento_sin_fin_dura_hasta_el_final_de_su_dia():
    """An event with no end time stays upcoming all its day in Lima, and is past the next day."""
    lima_15h = timezone.make_aware(timezone.datetime(2026, 3, 10, 15, 0))
    de_manana = EventoFactory(inicio=lima_15h.replace(hour=9), fin=None)
    de_ayer = EventoFactory(inicio=lima_15h - timedelta(days=1), fin=None)
    assert list(Evento.objects.proximos(lima_15h)) == [de_manana]
    assert list(Evento.objects.pasados(lima_15h)) == [de_ayer]
    medianoche = lima_15h.replace(hour=0) + timedelta(days=1)
    assert set(Evento.objects.pasados(medianoche)) == {de_manana, de_ayer}


def test_proximos_se_encadena_con_publicados():
    """The event methods chain: upcoming and public excludes upcoming drafts."""
    ahora = timezone.now()
    EventoFactory(estado=Estado.BORRADOR, inicio=ahora + timedelta(days=2))
    visible = EventoFactory(inicio=ahora + timedelta(days=3))
    assert list(Evento.objects.publicados(ahora).proximos(ahora)) == [visible]
    assert list(Evento.objects.proximos(ahora).publicados(ahora)) == [visible]


@pytest.mark.parametrize("leidos", [200, 1], ids=["pocos-en-curso", "mas-de-los-leidos"])
@pytest.mark.parametrize("limite", [1, 2, 3, 6])
def test_primeros_proximos_son_los_primeros_de_proximos(limite, leidos, monkeypatch):
    """The home page's bounded read gives exactly proximos() by start, whatever the mix,
    and also when more events are running than it reads at once."""
    from eventos.models import evento as modulo

    monkeypatch.setattr(modulo, "EN_CURSO_LEIDOS", leidos)
    lima_15h = timezone.make_aware(timezone.datetime(2026, 3, 10, 15, 0))
    dia = timedelta(days=1)

    def evento(**campos):
        return EventoFactory(fecha_publicacion=lima_15h - 30 * dia, **campos)

    evento(inicio=lima_15h - 3 * dia, fin=lima_15h - 2 * dia)  # over
    evento(inicio=lima_15h.replace(hour=8), fin=lima_15h.replace(hour=10))  # over today
    evento(inicio=lima_15h - dia, fin=None)  # yesterday, no end: over
    evento(inicio=lima_15h - 5 * dia, fin=lima_15h + dia)  # running for days
    evento(inicio=lima_15h - dia, fin=lima_15h + timedelta(hours=1))  # running
    evento(inicio=lima_15h.replace(hour=9), fin=None)  # today, no end
    evento(inicio=lima_15h + dia, fin=lima_15h + 2 * dia)
    evento(inicio=lima_15h + 2 * dia, fin=None)
    evento(estado=Estado.BORRADOR, inicio=lima_15h + dia)
    esperados = list(
        Evento.objects.publicados(lima_15h).proximos(lima_15h).order_by("inicio", "pk")[:limite]
    )
    assert len(esperados) == min(limite, 5)
    assert Evento.objects.publicados(lima_15h).primeros_proximos(limite, lima_15h) == esperados
