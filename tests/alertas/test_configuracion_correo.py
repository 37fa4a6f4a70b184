"""EMAIL_URL becomes Django 6.1's MAILERS: SMTP in production, files or console in development."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]


def mailers(**variables):
    entorno = {**os.environ, "DJANGO_SETTINGS_MODULE": "cancilleria.settings"}
    entorno.pop("EMAIL_URL", None)
    entorno.update(variables)
    guion = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.MAILERS))"
    )
    salida = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", guion],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return json.loads(salida.strip().splitlines()[-1])["default"]


@pytest.mark.parametrize(
    ("variables", "esperado"),
    [
        (
            {"EMAIL_URL": "smtp+tls://prensa:cl%40ve@smtp.example.org:587"},
            {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "smtp.example.org",
                    "port": 587,
                    "username": "prensa",
                    "password": "cl@ve",
                    "use_tls": True,
                    "timeout": 20,
                },
            },
        ),
        (
            {"EMAIL_URL": "filemail:///var/tmp/correo"},
            {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": "/var/tmp/correo"},
            },
        ),
        (
            {"DJANGO_DEBUG": "true"},
            {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}},
        ),
        (
            {"DJANGO_DEBUG": "false", "EMAIL_URL": ""},
            {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "localhost", "port": 25, "timeout": 20},
            },
        ),
    ],
    ids=["smtp", "archivos", "desarrollo", "produccion-por-defecto"],
)
def test_email_url_da_el_mailer(variables, esperado):
    """Each EMAIL_URL form gives the backend and options Django's mailer needs."""
    assert mailers(**variables) == esperado
