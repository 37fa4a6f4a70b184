"""Faults (issue 12): a database outage is a 503 with a static page, and a quote's session
is its release's event's, shown only when that event is public (defects 4, 5, 7)."""

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import InterfaceError, OperationalError
from django.test import Client

from cancilleria.base import fallos
from cancilleria.base.models import Estado
from comunicados.models import Cita
from tests.factories import (
    CitaFactory,
    ComunicadoFactory,
    EventoFactory,
    PersonaFactory,
    SesionFactory,
)
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.django_db

RAIZ = Path(__file__).resolve().parent.parent
TEXTO_503 = "Volvemos enseguida"
TEXTO_500 = "Algo salió mal"


# -- database outage -------------------------------------------------------------------


def _caida(error=OperationalError):
    """Patch every connection so that reaching the database fails as in an outage."""

    def fallar(self):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", fallar)


def _afirmar_503(respuesta):
    assert respuesta.status_code == 503
    assert respuesta["Retry-After"] == "30"
    assert "no-store" in respuesta["Cache-Control"]


@pytest.fixture
def publicado():
    return ComunicadoFactory(slug="un-comunicado", evento=EventoFactory(slug="un-evento"))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/comunicados/",
        "/comunicados/un-comunicado/",
        "/eventos/",
        "/eventos/un-evento/",
        "/comunicados/feed/rss/",
        "/sitemap.xml",
    ],
)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_caida_de_la_base_da_503_con_pagina_amable(publicado, url, error):
    cliente = Client(raise_request_exception=False)
    with _caida(error):
        respuesta = cliente.get(url)
    _afirmar_503(respuesta)
    html = respuesta.content.decode()
    assert TEXTO_503 in html
    assert TEXTO_500 not in html
    assert '<html lang="es">' in html


def test_caida_en_ingles_da_la_pagina_en_ingles(publicado):
    with _caida():
        respuesta = Client(raise_request_exception=False).get("/en/comunicados/")
    _afirmar_503(respuesta)
    html = respuesta.content.decode()
    assert '<html lang="en">' in html
    assert "We will be right back" in html


def test_salud_da_503_json_con_retry_after():
    with _caida():
        respuesta = Client(raise_request_exception=False).get("/salud/")
    _afirmar_503(respuesta)
    assert respuesta.json() == {"estado": "error", "base_de_datos": False}


def test_admin_con_sesion_iniciada_da_503_no_500():
    """The session and user are read from the database: that failure is a 503 too."""
    cliente = Client(raise_request_exception=False)
    cliente.force_login(crear_usuario(EDITOR))
    with _caida():
        respuestas = [cliente.get("/admin/"), cliente.get("/admin/comunicados/comunicado/")]
    for respuesta in respuestas:
        _afirmar_503(respuesta)
        assert TEXTO_503 in respuesta.content.decode()


def test_la_sesion_guardada_por_su_middleware_no_da_500(settings):
    """A database error outside any view (the session saved on the way out) is a 503."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    cliente = Client(raise_request_exception=False)
    cliente.force_login(crear_usuario(EDITOR))
    with _caida():
        # robots.txt reads nothing from the database; only the session middleware does.
        respuesta = cliente.get("/robots.txt")
    _afirmar_503(respuesta)
    assert TEXTO_503 in respuesta.content.decode()


def test_la_pagina_503_no_toca_la_base_de_datos(rf, django_assert_num_queries):
    fallos._paginas.clear()
    with django_assert_num_queries(0), _caida():
        respuesta = fallos.respuesta_no_disponible(rf.get("/eventos/"))
    assert TEXTO_503 in respuesta.content.decode()


def test_otros_errores_siguen_siendo_500(publicado):
    with mock.patch(
        "comunicados.views.ComunicadoListView.get_queryset", side_effect=ValueError("otro")
    ):
        respuesta = Client(raise_request_exception=False).get("/comunicados/")
    assert respuesta.status_code == 500


def test_la_base_se_recupera_sin_reiniciar(publicado):
    cliente = Client(raise_request_exception=False)
    with _caida():
        assert cliente.get("/comunicados/").status_code == 503
    assert cliente.get("/comunicados/").status_code == 200


def test_postgresql_con_chequeo_de_conexion_y_tiempo_de_espera():
    """With DATABASE_URL: health checks on reused connections and a 2 s connect timeout."""
    guion = (
        "from django.conf import settings as s; import json; "
        "d = s.DATABASES['default']; "
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS']]))"
    )
    entorno = {
        **os.environ,
        "DATABASE_URL": "postgres://u@127.0.0.1:9/x",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_SETTINGS_MODULE": "cancilleria.settings",
    }
    salida = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {guion}"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    edad, chequeo, opciones = json.loads(salida.strip().splitlines()[-1])
    assert edad == 60
    assert chequeo is True
    assert opciones["connect_timeout"] == 2


def test_servidor_que_no_responde_da_503_sin_esperar_minutos():
    """A PostgreSQL that accepts the TCP connection and never answers: 503 within 3 s."""
    mudo = socket.socket()
    mudo.bind(("127.0.0.1", 0))
    mudo.listen(8)
    puerto = mudo.getsockname()[1]
    guion = textwrap.dedent(
        """
        import json, time
        import django
        django.setup()
        from django.test import Client
        cliente = Client(raise_request_exception=False)
        resultados = []
        for url in ("/", "/comunicados/", "/salud/"):
            t = time.monotonic()
            r = cliente.get(url)
            resultados.append([url, r.status_code, r.get("Retry-After"), time.monotonic() - t])
        print(json.dumps(resultados))
        """
    )
    entorno = {
        **os.environ,
        "DATABASE_URL": f"postgres://u@127.0.0.1:{puerto}/x",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_DEBUG": "false",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        "DJANGO_SETTINGS_MODULE": "cancilleria.settings",
    }
    try:
        salida = subprocess.run(
            [sys.executable, "-c", guion],
            cwd=RAIZ,
            env=entorno,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    finally:
        mudo.close()
    for url, estado, reintento, segundos in json.loads(salida.strip().splitlines()[-1]):
        assert estado == 503, url
        assert reintento == "30", url
        # The connect timeout is 2 s; without it a silent server holds a worker for
        # minutes. The margin is for a loaded machine, not a budget (make bench has those).
        assert segundos < 10, url


def test_middleware_va_justo_despues_de_seguridad_y_whitenoise():
    assert settings.MIDDLEWARE[:3] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "cancilleria.base.fallos.BaseDeDatosNoDisponibleMiddleware",
    ]


# -- a quote's session belongs to its release's event ------------------------------------


@pytest.fixture
def programa():
    """Return (public event with a session, draft event with a session)."""
    publico = EventoFactory(slug="publico")
    borrador = EventoFactory(slug="borrador", estado=Estado.BORRADOR, nombre="Evento secreto")
    return (
        SesionFactory(evento=publico, titulo="Mesa pública"),
        SesionFactory(evento=borrador, titulo="Mesa secreta"),
    )


def test_clean_rechaza_una_sesion_de_otro_evento(programa):
    propia, ajena = programa
    comunicado = ComunicadoFactory(evento=propia.evento)
    cita = Cita(comunicado=comunicado, persona=PersonaFactory(), texto="Hola", sesion=ajena)
    with pytest.raises(ValidationError) as error:
        cita.full_clean()
    assert error.value.error_dict["sesion"][0].code == "sesion_de_otro_evento"
    cita.sesion = propia
    cita.full_clean()


def test_clean_rechaza_una_sesion_si_el_comunicado_no_tiene_evento(programa):
    propia, _ajena = programa
    cita = Cita(comunicado=ComunicadoFactory(), persona=PersonaFactory(), texto="Hola")
    cita.sesion = propia
    with pytest.raises(ValidationError) as error:
        cita.full_clean()
    assert error.value.error_dict["sesion"][0].code == "sesion_de_otro_evento"


def test_la_base_de_datos_rechaza_una_sesion_de_otro_evento(programa):
    propia, ajena = programa
    comunicado = ComunicadoFactory(evento=propia.evento)
    with pytest.raises(IntegrityError), transaction.atomic():
        CitaFactory(comunicado=comunicado, sesion=ajena)
    cita = CitaFactory(comunicado=comunicado, sesion=propia)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cita.objects.filter(pk=cita.pk).update(sesion=ajena)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cita.objects.filter(pk=cita.pk).update(comunicado=ComunicadoFactory())
    cita.refresh_from_db()
    assert cita.sesion == propia


def test_cambiar_el_evento_del_comunicado_quita_la_sesion_de_sus_citas(programa):
    propia, ajena = programa
    comunicado = ComunicadoFactory(evento=propia.evento)
    cita = CitaFactory(comunicado=comunicado, sesion=propia)
    comunicado.save()  # same event: the session stays
    cita.refresh_from_db()
    assert cita.sesion == propia
    comunicado.evento = ajena.evento
    comunicado.save()
    cita.refresh_from_db()
    assert cita.sesion is None


def test_borrar_el_evento_o_mover_la_sesion_no_deja_citas_incoherentes(programa):
    propia, ajena = programa
    comunicado = ComunicadoFactory(evento=propia.evento)
    cita = CitaFactory(comunicado=comunicado, sesion=propia)
    propia.evento = ajena.evento
    propia.save()
    cita.refresh_from_db()
    assert cita.sesion is None
    otra = SesionFactory(evento=comunicado.evento)
    Cita.objects.filter(pk=cita.pk).update(sesion=otra)
    comunicado.evento.delete()
    cita.refresh_from_db()
    comunicado.refresh_from_db()
    assert cita.sesion is None
    assert comunicado.evento is None


def _formset_de_citas(respuesta):
    for formset in respuesta.context["inline_admin_formsets"]:
        if formset.formset.model is Cita:
            return formset.formset
    raise AssertionError("no quote inline")


def test_el_admin_ofrece_solo_las_sesiones_del_evento_del_comunicado(client, programa):
    propia, ajena = programa
    client.force_login(crear_usuario(EDITOR))
    con_evento = ComunicadoFactory(evento=propia.evento, estado=Estado.BORRADOR)
    sin_evento = ComunicadoFactory(estado=Estado.BORRADOR)
    url = "/admin/comunicados/comunicado/{}/change/"
    formset = _formset_de_citas(client.get(url.format(con_evento.pk)))
    assert list(formset.empty_form.fields["sesion"].queryset) == [propia]
    formset = _formset_de_citas(client.get(url.format(sin_evento.pk)))
    assert list(formset.empty_form.fields["sesion"].queryset) == []
    formset = _formset_de_citas(client.get("/admin/comunicados/comunicado/add/"))
    assert list(formset.empty_form.fields["sesion"].queryset) == []


def test_el_admin_rechaza_una_sesion_ajena_con_mensaje(client, programa):
    propia, ajena = programa
    client.force_login(crear_usuario(EDITOR))
    comunicado = ComunicadoFactory(evento=propia.evento, estado=Estado.BORRADOR)
    cita = CitaFactory(comunicado=comunicado, sesion=propia)
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["citas-0-sesion"] = [str(ajena.pk)]
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "sesion" in _formset_de_citas(respuesta).errors[0]
    cita.refresh_from_db()
    assert cita.sesion == propia


# -- no unpublished event's data on a public page ----------------------------------------


@pytest.fixture
def comunicado_de_evento_borrador(programa):
    _propia, ajena = programa
    comunicado = ComunicadoFactory(slug="con-borrador", evento=ajena.evento)
    CitaFactory(comunicado=comunicado, sesion=ajena, texto="Una frase.")
    return comunicado


def test_la_pagina_no_muestra_nada_de_un_evento_no_publicado(client, comunicado_de_evento_borrador):
    html = client.get("/comunicados/con-borrador/").content.decode()
    assert "Una frase." in html
    for secreto in ("Evento secreto", "Mesa secreta", "mesa secreta", "/eventos/borrador/"):
        assert secreto not in html


def test_el_feed_no_muestra_un_evento_no_publicado(client, comunicado_de_evento_borrador):
    for url in ("/comunicados/feed/rss/", "/comunicados/feed/atom/"):
        contenido = client.get(url).content.decode()
        assert "con-borrador" in contenido
        assert "Evento secreto" not in contenido
        assert "Mesa secreta" not in contenido


def test_un_evento_publicado_si_se_muestra(client, programa):
    propia, _ajena = programa
    comunicado = ComunicadoFactory(slug="con-publico", evento=propia.evento)
    CitaFactory(comunicado=comunicado, sesion=propia, texto="Otra frase.")
    html = client.get("/comunicados/con-publico/").content.decode()
    assert "mesa pública" in html
    assert '"about"' in html
    assert "/eventos/publico/" in html


@pytest.mark.parametrize("estado", [Estado.BORRADOR, Estado.EN_REVISION, Estado.RETIRADO])
def test_ni_siquiera_en_json_ld(client, programa, estado):
    _propia, ajena = programa
    ajena.evento.estado = estado
    ajena.evento.save()
    ComunicadoFactory(slug="otro", evento=ajena.evento)
    html = client.get("/comunicados/otro/").content.decode()
    assert '"about"' not in html
    assert "Evento secreto" not in html
