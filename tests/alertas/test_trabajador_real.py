"""The acceptance test of the alerts with the real worker: `manage.py trabajador` runs as
its own process on the same database, and writes its mails to files."""

import email
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cancilleria.alertas.models import AlertaEnviada, Suscripcion
from cancilleria.base.models import Estado
from comunicados import services
from tests.factories import ComunicadoFactory, TemaFactory
from tests.usuarios import EDITOR, crear_usuario

RAIZ = Path(__file__).resolve().parents[2]
SEPARADOR = "-" * 79


def _entorno(carpeta_correo):
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cancilleria.settings",
        "EMAIL_URL": f"filemail://{quote(str(carpeta_correo))}",
        "DJANGO_SITIO_URL": "https://prensa.example.gob.pe",
    }
    ajustes = connection.settings_dict
    if connection.vendor == "sqlite":
        entorno.pop("DATABASE_URL", None)
        entorno["SQLITE_PATH"] = ajustes["NAME"]
    else:
        usuario = quote(ajustes["USER"] or "")
        clave = f":{quote(ajustes['PASSWORD'])}" if ajustes["PASSWORD"] else ""
        servidor = quote(ajustes["HOST"] or "", safe="")
        entorno["DATABASE_URL"] = (
            f"postgres://{usuario}{clave}@{servidor}:{ajustes['PORT'] or 5432}/{ajustes['NAME']}"
        )
    return entorno


@pytest.fixture
def trabajador_real(transactional_db, tmp_path):
    """Return (run one pass of the worker process, read the mails it has written)."""
    carpeta = tmp_path / "correo"
    carpeta.mkdir()

    def pasada():
        resultado = subprocess.run(
            [sys.executable, "manage.py", "trabajador", "--una-vez"],
            cwd=RAIZ,
            env=_entorno(carpeta),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert resultado.returncode == 0, resultado.stdout + resultado.stderr

    def correos():
        mensajes = []
        for archivo in sorted(carpeta.iterdir()):
            for parte in archivo.read_bytes().split(SEPARADOR.encode()):
                if parte.strip():
                    mensajes.append(email.message_from_bytes(parte.strip() + b"\n"))
        return mensajes

    return pasada, correos


def _cuerpo(mensaje):
    return mensaje.get_payload(decode=True).decode(mensaje.get_content_charset() or "utf-8")


def test_alerta_de_trata_de_personas_con_el_trabajador_real(trabajador_real):
    """Subscribe → confirmation mail → confirm → a matching release: one mail with the
    unsubscribe headers; a non-matching one: none; unsubscribe deletes the address."""
    pasada, correos = trabajador_real
    trata = TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    cliente = Client()

    respuesta = cliente.post(
        "/alertas/?lista=comunicados&tema=trata-de-personas",
        {"correo": "periodista@example.org", "frecuencia": "inmediata"},
    )
    assert respuesta.status_code == 200
    pasada()
    [confirmacion] = correos()
    assert confirmacion["To"] == "periodista@example.org"
    suscripcion = Suscripcion.objects.get()
    url_confirmar = f"https://prensa.example.gob.pe/alertas/confirmar/{suscripcion.token}/"
    assert url_confirmar in _cuerpo(confirmacion)

    cliente.post(url_confirmar.removeprefix("https://prensa.example.gob.pe"))
    assert Suscripcion.objects.get().confirmada_en is not None

    editor = crear_usuario(EDITOR)
    sobre_trata = ComunicadoFactory(titulo="Alerta sobre trata", estado=Estado.BORRADOR)
    sobre_trata.temas.add(trata)
    otro = ComunicadoFactory(titulo="Sobre otra cosa", estado=Estado.BORRADOR)
    otro.temas.add(TemaFactory())
    services.publicar(comunicado=sobre_trata, usuario=editor)
    services.publicar(comunicado=otro, usuario=editor)
    pasada()
    pasada()  # a second pass sends nothing again
    _confirmacion, alerta = correos()
    assert len(correos()) == 2
    assert "Alerta sobre trata" in alerta["Subject"]
    assert sobre_trata.get_absolute_url() in _cuerpo(alerta)
    baja = f"https://prensa.example.gob.pe/alertas/baja/{suscripcion.token}/"
    assert alerta["List-Unsubscribe"] == f"<{baja}>"
    assert alerta["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertaEnviada.objects.count() == 1

    respuesta = Client(enforce_csrf_checks=True).post(
        baja.removeprefix("https://prensa.example.gob.pe"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert respuesta.status_code == 200
    assert not Suscripcion.objects.filter(correo="periodista@example.org").exists()
    assert not AlertaEnviada.objects.exists()
    assert reverse("alertas:baja", args=[suscripcion.token]) in baja
