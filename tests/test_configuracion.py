"""Settings come from the environment and .env, and tests never read a developer's .env."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

RAIZ = Path(__file__).resolve().parent.parent
LEER = (
    "import json; from cancilleria import settings as s; print(json.dumps("
    "[s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS]))"
)


def _leer_ajustes(tmp_path, dotenv, **variables):
    # The settings module alone, beside its own .env: the real tree's .env is never touched.
    (tmp_path / "cancilleria").mkdir()
    (tmp_path / "cancilleria" / "__init__.py").touch()
    shutil.copy(RAIZ / "cancilleria" / "settings.py", tmp_path / "cancilleria")
    (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    resultado = subprocess.run(
        [sys.executable, "-c", LEER],
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(tmp_path), **variables},
        capture_output=True,
        text=True,
        check=False,
    )
    return resultado


def test_pytest_no_usa_el_env_del_desarrollador():
    """Under pytest the settings are the test ones from pyproject.toml, whatever .env says."""
    assert settings.SECRET_KEY == "solo-para-pruebas"
    assert not settings.SECURE_SSL_REDIRECT and not settings.SESSION_COOKIE_SECURE
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith(".StaticFilesStorage")


def test_el_env_se_lee_y_las_variables_reales_ganan(tmp_path):
    """A .env sets what the environment does not; a real variable wins over it."""
    dotenv = "DJANGO_DEBUG=true\nDJANGO_SECRET_KEY='del-archivo'\nDJANGO_ALLOWED_HOSTS=a.pe, b.pe\n"
    resultado = _leer_ajustes(tmp_path, dotenv, DJANGO_SECRET_KEY="$de-la-variable")
    assert resultado.returncode == 0, resultado.stderr
    # A leading "$" is kept: Django-generated keys may start with one.
    assert json.loads(resultado.stdout) == [True, "$de-la-variable", ["a.pe", "b.pe"], False, 0]


def test_sin_env_y_sin_clave_falla_en_produccion(tmp_path):
    """With the .env switched off and no key, production settings refuse to start."""
    resultado = _leer_ajustes(tmp_path, "DJANGO_DEBUG=true\n", DJANGO_READ_DOT_ENV_FILE="false")
    assert resultado.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in resultado.stderr
