"""What the worker sends: one mail per new matching item, digests, never twice."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cancilleria.alertas import services
from cancilleria.alertas.models import AlertaEnviada, Suscripcion
from cancilleria.base.models import Estado
from comunicados import services as servicios_comunicados
from tests.factories import (
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    ParticipacionConsularFactory,
    TemaFactory,
)
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.django_db

HACE_UNA_HORA = timedelta(hours=1)


def activa(filtros="tema=trata-de-personas", **kwargs):
    kwargs.setdefault("confirmada_en", timezone.now() - HACE_UNA_HORA)
    kwargs.setdefault("lista", "comunicados")
    return Suscripcion.objects.create(correo="ana@example.org", filtros=filtros, **kwargs)


def sobre(tema, **kwargs):
    kwargs.setdefault("fecha_publicacion", timezone.now())
    comunicado = ComunicadoFactory(**kwargs)
    comunicado.temas.add(tema)
    return comunicado


def test_publicar_un_comunicado_que_coincide_envia_un_correo(trata, trabajador):
    """Publishing a matching release sends one mail, with the one-click unsubscribe headers."""
    suscripcion = activa()
    borrador = ComunicadoFactory(titulo="Nuevo sobre trata", estado=Estado.BORRADOR)
    borrador.temas.add(trata)
    servicios_comunicados.publicar(comunicado=borrador, usuario=crear_usuario(EDITOR))
    trabajador()
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["ana@example.org"]
    assert "Nuevo sobre trata" in correo.subject
    assert borrador.get_absolute_url() in correo.body
    baja = f"/alertas/baja/{suscripcion.token}/"
    assert correo.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{baja}>"
    assert correo.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert baja in correo.body
    assert "Temas: Trata de personas" in correo.body


def test_un_comunicado_que_no_coincide_no_envia_nada(trata, trabajador):
    """A release on another topic sends nothing; neither do drafts and scheduled ones."""
    activa()
    sobre(TemaFactory())
    ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=timezone.now()).temas.add(trata)
    sobre(trata, fecha_publicacion=timezone.now() + timedelta(hours=2))
    trabajador()
    assert mail.outbox == []


def test_nunca_dos_veces_el_mismo_elemento(trata):
    """A second pass, or an edit of the release, sends nothing new."""
    activa()
    comunicado = sobre(trata)
    assert services.revisar() == 1
    comunicado.titulo = "Corregido"
    comunicado.save()
    assert services.revisar() == 0
    assert len(mail.outbox) == 1
    assert AlertaEnviada.objects.count() == 1


def test_un_programado_se_envia_cuando_llega_su_hora(trata):
    """A scheduled release is alerted by the first check after its time, not before."""
    activa()
    ahora = timezone.now()
    sobre(trata, fecha_publicacion=ahora + timedelta(hours=2))
    assert services.revisar() == 0
    with time_machine.travel(ahora + timedelta(hours=2, minutes=1), tick=False):
        assert services.revisar() == 1
    assert len(mail.outbox) == 1


def test_lo_publicado_antes_de_confirmar_no_se_envia(trata):
    """Items dated before the subscription was confirmed are not news to it."""
    sobre(trata, fecha_publicacion=timezone.now() - timedelta(hours=3))
    activa()
    assert services.revisar() == 0


def test_sin_confirmar_no_recibe_alertas_y_vencida_se_borra(trata):
    """An unconfirmed subscription gets no alert; past the limit its address is deleted."""
    pendiente = activa(confirmada_en=None)
    sobre(trata)
    assert services.revisar() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=73), tick=False):
        services.revisar()
    assert not Suscripcion.objects.filter(pk=pendiente.pk).exists()


def test_varias_suscripciones_cada_una_su_correo(trata):
    """Each matching subscription gets its own mail; the one that does not match none."""
    activa()
    Suscripcion.objects.create(
        correo="luis@example.org",
        lista="comunicados",
        filtros="tema=trata-de-personas",
        confirmada_en=timezone.now() - HACE_UNA_HORA,
    )
    Suscripcion.objects.create(
        correo="eva@example.org",
        lista="comunicados",
        filtros="tipo=comunicado_conjunto",
        confirmada_en=timezone.now() - HACE_UNA_HORA,
    )
    sobre(trata, tipo="nota_de_prensa")
    assert services.revisar() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "luis@example.org"]


def test_alertas_de_eventos_con_filtros_de_eventos():
    """An event alert uses the event list's filters (a consulate here)."""
    francia = ConsuladoFactory(slug="francia", pais="FR")
    activa(lista="eventos", filtros="consulado=francia")
    con_francia = EventoFactory(nombre="Con Francia", fecha_publicacion=timezone.now())
    ParticipacionConsularFactory(evento=con_francia, consulado=francia)
    EventoFactory(nombre="Sin Francia", fecha_publicacion=timezone.now())
    assert services.revisar() == 1
    assert "Con Francia" in mail.outbox[0].subject
    assert con_francia.get_absolute_url() in mail.outbox[0].body


def test_correo_en_ingles_para_quien_se_suscribio_en_ingles(trata):
    """A subscription made in English gets English mails and English links."""
    activa(idioma="en")
    comunicado = sobre(trata)
    services.revisar()
    correo = mail.outbox[0]
    assert f"/en{comunicado.get_absolute_url()}" in correo.body
    assert "/en/alertas/baja/" in correo.extra_headers["List-Unsubscribe"]
    assert "Unsubscribe" in correo.body


def test_resumen_diario_un_correo_con_los_del_dia(trata):
    """A daily subscription gets one mail listing the day's items, once a day."""
    ayer_7 = timezone.localtime().replace(hour=7, minute=0, second=0, microsecond=0)
    with time_machine.travel(ayer_7 - timedelta(days=1), tick=False):
        activa(frecuencia="diaria")
        services.revisar()  # the day's digest time: nothing yet
    with time_machine.travel(ayer_7 - timedelta(hours=10), tick=False):
        uno, dos = sobre(trata, titulo="Uno"), sobre(trata, titulo="Dos")
        sobre(TemaFactory(), titulo="Otro tema")
        assert services.revisar() == 0  # before 07:00: no digest yet
    with time_machine.travel(ayer_7 + timedelta(minutes=1), tick=False):
        assert services.revisar() == 1
        assert services.revisar() == 0  # once a day
    assert len(mail.outbox) == 1
    cuerpo = mail.outbox[0].body
    assert "Uno" in cuerpo and "Dos" in cuerpo and "Otro tema" not in cuerpo
    assert uno.get_absolute_url() in cuerpo and dos.get_absolute_url() in cuerpo
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_un_correo_que_falla_se_reintenta_en_la_siguiente_pasada(trata, monkeypatch):
    """A send that fails records nothing, so the next check sends it."""
    activa()
    sobre(trata)
    from django.core.mail import EmailMessage

    original = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self, **k: (_ for _ in ()).throw(OSError()))
    assert services.revisar() == 0
    assert AlertaEnviada.objects.count() == 0
    monkeypatch.setattr(EmailMessage, "send", original)
    assert services.revisar() == 1


def test_el_trabajador_ejecuta_las_tareas_en_cola(trata, trabajador):
    """The worker runs queued tasks (the confirmation mail) through django-tasks-db."""
    suscripcion = services.suscribir(
        correo_electronico="Ana@Example.ORG",
        lista="comunicados",
        filtros="tema=trata-de-personas",
        frecuencia="inmediata",
        idioma="es",
    )
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    trabajador()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2  # confirm + check
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Ana@example.org"]
    assert f"/alertas/confirmar/{suscripcion.token}/" in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_revisar_consultas_acotadas(trata, django_assert_max_num_queries):
    """A check with nothing new reads a fixed few rows, whatever the subscribers."""
    for n in range(5):
        Suscripcion.objects.create(
            correo=f"p{n}@example.org",
            lista="comunicados",
            filtros="tema=trata-de-personas",
            confirmada_en=timezone.now() - HACE_UNA_HORA,
        )
    # One group of identical filters: delete expired, subscriptions, the topic, items, sent.
    with django_assert_max_num_queries(5):
        services.revisar()


def test_una_rafaga_de_publicaciones_llega_en_un_solo_correo(trata):
    """More than MAXIMO_INMEDIATAS new items at once (an import) make one mail, not dozens."""
    activa()
    for n in range(services.MAXIMO_INMEDIATAS + 2):
        sobre(trata, titulo=f"Importado {n}")
    assert services.revisar() == 1
    assert services.revisar() == 0
    assert len(mail.outbox) == 1
    assert "Importado 0" in mail.outbox[0].body and "Importado 11" in mail.outbox[0].body
    assert AlertaEnviada.objects.count() == services.MAXIMO_INMEDIATAS + 2
