"""Login throttling (django-axes): lockout by account and by address, its page, unlocking."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import resolve, reverse

from tests.usuarios import ADMINISTRADOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

CLAVE = "clave-de-prueba-1"
LOGIN = "/admin/login/"
LIMA = ZoneInfo("America/Lima")
# 10:00 in Lima: the page must say 10:30 for a 30-minute cool-off.
INICIO = dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
DIRECCION = "203.0.113.7"
OTRA_DIRECCION = "198.51.100.9"


def _entrar(client, usuario, clave, direccion=DIRECCION, **extra):
    return client.post(
        LOGIN,
        {"username": usuario, "password": clave, "next": "/admin/"},
        REMOTE_ADDR=direccion,
        **extra,
    )


def _fallar(client, usuario, veces, direccion=DIRECCION):
    return [_entrar(client, usuario, "equivocada", direccion).status_code for _ in range(veces)]


def _dentro(respuesta):
    return respuesta.status_code == 302 and respuesta["Location"] == "/admin/"


@pytest.fixture(autouse=True)
def _clave_rapida(settings):
    # Dozens of logins per test: the production hasher would make them slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reloj():
    with time_machine.travel(INICIO, tick=False) as viajero:
        yield viajero


@pytest.fixture
def redactor():
    return crear_usuario(REDACTOR, "redactora")


def test_ajustes_del_bloqueo():
    """Ten failures, 30 minutes, by account and by address, the axes backend first."""
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_el_login_de_gestion_es_el_del_admin(client):
    """/gestion/ sends visitors to the admin's login form, which axes guards."""
    respuesta = client.get("/gestion/consulados/")
    assert respuesta.status_code == 302
    destino = respuesta["Location"].split("?")[0]
    assert destino == reverse("admin:login") == LOGIN
    assert resolve(destino).url_name == "login"


def test_diez_fallos_bloquean_la_cuenta_hasta_que_pasa_el_enfriamiento(client, reloj, redactor):
    """The tenth failure locks; the right password is refused for 30 minutes, then works."""
    assert _fallar(client, "redactora", 9) == [200] * 9
    assert _entrar(client, "redactora", "equivocada").status_code == 429

    reloj.shift(dt.timedelta(minutes=29, seconds=59))
    respuesta = _entrar(client, "redactora", CLAVE)
    assert respuesta.status_code == 429
    assert "_auth_user_id" not in client.session

    reloj.shift(dt.timedelta(seconds=2))
    assert _dentro(_entrar(client, "redactora", CLAVE))
    assert int(client.session["_auth_user_id"]) == redactor.pk


def test_otra_direccion_no_desbloquea_la_cuenta(client, reloj, redactor):
    """A locked account stays locked from any address, even with the right password."""
    _fallar(client, "redactora", 10)
    assert _entrar(client, "redactora", CLAVE, OTRA_DIRECCION).status_code == 429
    assert "_auth_user_id" not in client.session


def test_la_direccion_queda_bloqueada_para_cualquier_cuenta(client, reloj, redactor):
    """Ten failures spread over several names lock the address, for real accounts too."""
    for numero in range(10):
        _entrar(client, f"inventado{numero}", "equivocada")
    assert _entrar(client, "redactora", CLAVE).status_code == 429
    # Another address is not concerned: the account itself is not locked.
    assert _dentro(_entrar(client, "redactora", CLAVE, OTRA_DIRECCION))


def test_los_intentos_durante_el_bloqueo_no_lo_alargan(client, reloj, redactor):
    """The cool-off runs from the tenth failure: tries while locked out do not extend it."""
    _fallar(client, "redactora", 10)
    for _ in range(5):
        reloj.shift(dt.timedelta(minutes=5))
        assert _entrar(client, "redactora", "equivocada").status_code == 429
    reloj.shift(dt.timedelta(minutes=5, seconds=1))
    assert _dentro(_entrar(client, "redactora", CLAVE))


def test_un_acierto_olvida_los_fallos_de_la_cuenta(client, reloj, redactor):
    """After a successful login the account starts again from zero failures."""
    _fallar(client, "redactora", 9)
    assert _dentro(_entrar(client, "redactora", CLAVE))
    client.logout()
    assert _fallar(client, "redactora", 9) == [200] * 9
    assert not AccessAttempt.objects.filter(failures_since_start__gte=10).exists()


def test_el_acierto_de_otra_cuenta_no_borra_los_fallos_ajenos(client, reloj, redactor):
    """Logging in to one's own account does not reset the count on an account being guessed."""
    crear_usuario(ADMINISTRADOR, "jefa")
    assert _fallar(client, "jefa", 9, OTRA_DIRECCION) == [200] * 9
    assert _dentro(_entrar(client, "redactora", CLAVE, OTRA_DIRECCION))
    client.logout()
    assert _fallar(client, "jefa", 1, OTRA_DIRECCION) == [429]


def test_la_pagina_de_bloqueo_dice_cuando_volver(client, reloj, redactor):
    """429, Retry-After, a Spanish message with the time (Lima) and no inline script or style."""
    _fallar(client, "redactora", 9)
    reloj.shift(dt.timedelta(minutes=5))
    respuesta = _entrar(client, "redactora", "equivocada")
    assert respuesta.status_code == 429
    assert respuesta["Retry-After"] == "1800"
    texto = respuesta.content.decode()
    assert "Demasiados intentos fallidos" in texto
    assert "en 30 minutos, a partir de las 10:35 (hora de Lima)" in texto
    assert "Administrador" in texto
    assert "Content-Security-Policy" in respuesta.headers
    assert " style=" not in texto
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", texto)

    # Ten minutes later the page counts what is left.
    reloj.shift(dt.timedelta(minutes=10))
    respuesta = _entrar(client, "redactora", CLAVE)
    assert "en 20 minutos, a partir de las 10:35" in respuesta.content.decode()
    assert respuesta["Retry-After"] == "1200"


def test_la_pagina_de_bloqueo_en_ingles(client, reloj, redactor):
    """Staff who chose English in the admin read the lockout message in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _fallar(client, "redactora", 10)
    texto = _entrar(client, "redactora", CLAVE).content.decode()
    assert "Too many failed login attempts" in texto
    assert "Demasiados" not in texto


def test_los_fallos_quedan_registrados_y_el_administrador_los_ve(client, reloj, redactor):
    """Every failure is kept (who, from where, when); Administrador sees them, others do not."""
    _fallar(client, "redactora", 10)
    assert AccessFailureLog.objects.filter(username="redactora", ip_address=DIRECCION).count() == 10
    assert AccessFailureLog.objects.filter(locked_out=True).count() == 1

    client.force_login(crear_usuario(ADMINISTRADOR, "jefa"))
    for modelo in ("accessattempt", "accessfailurelog", "accesslog"):
        respuesta = client.get(reverse(f"admin:axes_{modelo}_changelist"))
        assert respuesta.status_code == 200, modelo
    assert "redactora" in client.get(reverse("admin:axes_accessattempt_changelist")).text
    client.force_login(redactor)
    assert client.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("comando", "argumentos"),
    [
        ("axes_reset_username", ["redactora"]),
        ("axes_reset_ip", [DIRECCION]),
        ("axes_reset", []),
    ],
)
def test_los_comandos_de_axes_desbloquean(client, reloj, redactor, comando, argumentos):
    """An Administrador unlocks with axes' own commands, without waiting."""
    _fallar(client, "redactora", 10)
    assert _entrar(client, "redactora", CLAVE).status_code == 429
    call_command(comando, *argumentos)
    assert _dentro(_entrar(client, "redactora", CLAVE))
    assert AccessLog.objects.filter(username="redactora").exists()


def test_un_next_inseguro_lleva_al_indice_del_admin(client, redactor):
    """A missing or off-site `next` lands on the admin index, never /accounts/profile/."""
    for consulta, datos in (
        ("?next=https://malicioso.example/", {}),
        ("", {"next": "//malicioso.example/"}),
        ("", {}),
    ):
        client.logout()
        respuesta = client.post(
            LOGIN + consulta, {"username": "redactora", "password": CLAVE, **datos}
        )
        assert respuesta.status_code == 302
        assert respuesta["Location"] == reverse("admin:index"), (consulta, datos)
    assert client.get(reverse("admin:index")).status_code == 200


class TestDireccionDelCliente:
    """The address axes counts: REMOTE_ADDR unless we are told we sit behind a proxy."""

    def _peticion(self, **meta):
        return RequestFactory().post(LOGIN, REMOTE_ADDR="127.0.0.1", **meta)

    def test_sin_proxy_configurado_se_ignora_la_cabecera(self):
        peticion = self._peticion(HTTP_X_FORWARDED_FOR="203.0.113.50")
        assert get_client_ip_address(peticion) == "127.0.0.1"

    def test_detras_de_un_proxy_cuenta_la_entrada_que_escribio(self, settings):
        # What settings.py sets for DJANGO_PROXIES_DE_CONFIANZA=1.
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
        settings.AXES_IPWARE_PROXY_COUNT = 0
        settings.IPWARE_STRICT = False
        peticion = self._peticion(HTTP_X_FORWARDED_FOR="203.0.113.50")
        assert get_client_ip_address(peticion) == "203.0.113.50"
        # A client cannot choose its address by sending the header itself.
        falsa = self._peticion(HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.50")
        assert get_client_ip_address(falsa) == "203.0.113.50"
