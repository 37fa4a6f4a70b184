from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados import services
from comunicados.models import Comunicado
from tests.factories import ComunicadoFactory
from tests.usuarios import EDITOR, PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


@pytest.fixture
def borrador():
    return ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)


def test_enviar_a_revision_cambia_el_estado_y_deja_motivo(borrador):
    """A writer's submission moves the draft to review and the history says who and why."""
    redactor = crear_usuario(REDACTOR)
    services.enviar_a_revision(comunicado=borrador, usuario=redactor)
    borrador.refresh_from_db()
    assert borrador.estado == Estado.EN_REVISION
    ultimo = borrador.history.first()
    assert ultimo.history_user == redactor
    assert ultimo.history_change_reason == "Enviado a revisión"


def test_enviar_a_revision_es_idempotente(borrador):
    """Submitting twice changes nothing the second time (no extra history row)."""
    redactor = crear_usuario(REDACTOR)
    services.enviar_a_revision(comunicado=borrador, usuario=redactor)
    versiones = borrador.history.count()
    services.enviar_a_revision(comunicado=borrador, usuario=redactor)
    assert borrador.history.count() == versiones


def test_enviar_a_revision_rechaza_lo_publicado():
    """A published release cannot go back to review without being withdrawn first."""
    comunicado = ComunicadoFactory()
    with pytest.raises(ValidationError):
        services.enviar_a_revision(comunicado=comunicado, usuario=crear_usuario(EDITOR))


@pytest.mark.parametrize("rol", [REDACTOR, PERSONAL])
def test_publicar_exige_permiso(borrador, rol):
    """Only an editor may publish: anyone else gets PermissionDenied and nothing changes."""
    with pytest.raises(PermissionDenied):
        services.publicar(comunicado=borrador, usuario=crear_usuario(rol))
    borrador.refresh_from_db()
    assert borrador.estado == Estado.BORRADOR
    assert borrador.fecha_publicacion is None


def test_personal_no_puede_enviar_a_revision(borrador):
    """Read-only staff cannot even submit a draft."""
    with pytest.raises(PermissionDenied):
        services.enviar_a_revision(comunicado=borrador, usuario=crear_usuario(PERSONAL))


def test_publicar_ahora_lo_hace_visible(borrador):
    """Publishing now makes the release public at once."""
    services.publicar(comunicado=borrador, usuario=crear_usuario(EDITOR))
    assert Comunicado.objects.publicados().filter(pk=borrador.pk).exists()


def test_publicar_es_idempotente_y_conserva_la_fecha():
    """Publishing what is already public keeps its original date and writes no history."""
    fecha = timezone.now() - timedelta(days=3)
    comunicado = ComunicadoFactory(fecha_publicacion=fecha)
    versiones = comunicado.history.count()
    services.publicar(comunicado=comunicado, usuario=crear_usuario(EDITOR))
    comunicado.refresh_from_db()
    assert comunicado.fecha_publicacion == fecha
    assert comunicado.history.count() == versiones


def test_programar_oculta_hasta_la_hora(borrador, time_machine):
    """A future date schedules the release: hidden before its time, public after."""
    time_machine.move_to(timezone.now(), tick=False)
    fecha = timezone.now() + timedelta(hours=2)
    services.publicar(comunicado=borrador, usuario=crear_usuario(EDITOR), fecha=fecha)
    borrador.refresh_from_db()
    assert borrador.esta_programado
    assert not Comunicado.objects.publicados().filter(pk=borrador.pk).exists()
    assert borrador.history.first().history_change_reason.startswith("Programado para")
    time_machine.move_to(fecha + timedelta(minutes=1), tick=False)
    assert Comunicado.objects.publicados().filter(pk=borrador.pk).exists()


def test_publicar_ahora_adelanta_un_programado():
    """'Publish now' on a scheduled release brings its date forward to now."""
    comunicado = ComunicadoFactory(fecha_publicacion=timezone.now() + timedelta(days=1))
    services.publicar(comunicado=comunicado, usuario=crear_usuario(EDITOR))
    comunicado.refresh_from_db()
    assert comunicado.es_publico


def test_retirar_es_idempotente_y_exige_permiso():
    """Withdrawing hides the release from lists; twice is harmless; a writer may not."""
    comunicado = ComunicadoFactory()
    motivos = {"es": "Cifras corregidas.", "en": "Figures corrected."}
    with pytest.raises(PermissionDenied):
        services.retirar(comunicado=comunicado, usuario=crear_usuario(REDACTOR), motivos=motivos)
    editor = crear_usuario(EDITOR)
    services.retirar(comunicado=comunicado, usuario=editor, motivos=motivos)
    versiones = comunicado.history.count()
    services.retirar(comunicado=comunicado, usuario=editor, motivos=motivos)
    comunicado.refresh_from_db()
    assert comunicado.estado == Estado.RETIRADO
    assert comunicado.retirado_en is not None
    assert comunicado.history.count() == versiones
    assert comunicado.history.first().history_change_reason == "Retirado: Cifras corregidas."
    assert not Comunicado.objects.publicados().filter(pk=comunicado.pk).exists()
    assert Comunicado.objects.retirados_en_su_url().filter(pk=comunicado.pk).exists()


def test_los_servicios_solo_aceptan_argumentos_con_nombre(borrador):
    """Keyword-only arguments: a positional call is a programming error."""
    with pytest.raises(TypeError):
        services.publicar(borrador, crear_usuario(EDITOR))
