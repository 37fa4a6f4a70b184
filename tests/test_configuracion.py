"""Settings come from the environment (.env only when asked), and fail safe in production."""

import json
import os
import secrets
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


def _leer_ajustes(tmp_path, dotenv, codigo=LEER, **variables):
    # The settings module alone, beside its own .env: the real tree's .env is never touched.
    (tmp_path / "cancilleria").mkdir()
    (tmp_path / "cancilleria" / "__init__.py").touch()
    shutil.copy(RAIZ / "cancilleria" / "settings.py", tmp_path / "cancilleria")
    (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    resultado = subprocess.run(
        [sys.executable, "-c", codigo],
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


def test_el_env_se_lee_si_se_pide_y_las_variables_reales_ganan(tmp_path):
    """Asked to, a .env sets what the environment does not; a real variable wins over it."""
    dotenv = "DJANGO_DEBUG=true\nDJANGO_SECRET_KEY='del-archivo'\nDJANGO_ALLOWED_HOSTS=a.pe, b.pe\n"
    resultado = _leer_ajustes(
        tmp_path, dotenv, DJANGO_READ_DOT_ENV_FILE="true", DJANGO_SECRET_KEY="$de-la-variable"
    )
    assert resultado.returncode == 0, resultado.stderr
    # A leading "$" is kept: Django-generated keys may start with one.
    assert json.loads(resultado.stdout) == [True, "$de-la-variable", ["a.pe", "b.pe"], False, 0]


def test_sin_env_y_sin_clave_falla_en_produccion(tmp_path):
    """With the .env switched off and no key, production settings refuse to start."""
    resultado = _leer_ajustes(tmp_path, "DJANGO_DEBUG=true\n", DJANGO_READ_DOT_ENV_FILE="false")
    assert resultado.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in resultado.stderr


def test_sin_pedirlo_el_env_no_enciende_debug(tmp_path):
    """A server started without DJANGO_DEBUG runs in production mode whatever .env holds."""
    dotenv = "DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=del-archivo\nDJANGO_HSTS_SECONDS=0\n"
    resultado = _leer_ajustes(tmp_path, dotenv, DJANGO_SECRET_KEY="clave-de-produccion")
    assert resultado.returncode == 0, resultado.stderr
    debug, clave, _hosts, redireccion, hsts = json.loads(resultado.stdout)
    assert debug is False and clave == "clave-de-produccion"
    assert redireccion is True and hsts == 31_536_000


def test_sin_pedirlo_el_env_no_da_la_clave(tmp_path):
    """Without DJANGO_SECRET_KEY in the environment, the one in .env does not count."""
    resultado = _leer_ajustes(tmp_path, "DJANGO_SECRET_KEY=del-archivo\n")
    assert resultado.returncode != 0
    assert "DJANGO_READ_DOT_ENV_FILE=true" in resultado.stderr


LEER_SEGURIDAD = (
    "import json; from cancilleria import settings as s; print(json.dumps(["
    "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
    " getattr(s, 'SILENCED_SYSTEM_CHECKS', []), s.AXES_FAILURE_LIMIT,"
    " s.AXES_COOLOFF_TIME.total_seconds(), list(s.AXES_IPWARE_META_PRECEDENCE_ORDER),"
    " getattr(s, 'AXES_IPWARE_PROXY_COUNT', None)]))"
)


def test_hsts_un_anio_con_subdominios_y_precarga_opcional(tmp_path):
    """HSTS is a year with subdomains by default; preload only when asked for."""
    por_defecto = _leer_ajustes(tmp_path, "", LEER_SEGURIDAD, DJANGO_SECRET_KEY="k")
    assert json.loads(por_defecto.stdout)[:4] == [31_536_000, True, False, ["security.W021"]]
    shutil.rmtree(tmp_path / "cancilleria")
    precarga = _leer_ajustes(
        tmp_path, "", LEER_SEGURIDAD, DJANGO_SECRET_KEY="k", DJANGO_HSTS_PRELOAD="true"
    )
    assert json.loads(precarga.stdout)[:4] == [31_536_000, True, True, []]


def test_bloqueo_de_acceso_desde_el_entorno(tmp_path):
    """Cool-off and trusted proxies come from the environment; the defaults are safe."""
    por_defecto = json.loads(
        _leer_ajustes(tmp_path, "", LEER_SEGURIDAD, DJANGO_SECRET_KEY="k").stdout
    )
    assert por_defecto[4:] == [10, 1800, ["REMOTE_ADDR"], None]
    shutil.rmtree(tmp_path / "cancilleria")
    resultado = _leer_ajustes(
        tmp_path,
        "",
        LEER_SEGURIDAD,
        DJANGO_SECRET_KEY="k",
        DJANGO_LOGIN_ENFRIAMIENTO_MINUTOS="5",
        DJANGO_PROXIES_DE_CONFIANZA="1",
    )
    assert json.loads(resultado.stdout)[4:] == [
        10,
        300,
        ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        0,
    ]


def test_check_deploy_sin_avisos_con_ajustes_de_produccion():
    """`check --deploy` finds nothing to warn about with production settings."""
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_database_url_de_sqlite_no_lleva_opciones_de_postgresql(tmp_path):
    """DATABASE_URL may name SQLite too: only PostgreSQL gets the connect timeout."""
    codigo = "import json; from cancilleria import settings as s; print(json.dumps(s.DATABASES))"
    sqlite = _leer_ajustes(
        tmp_path, "", codigo, DJANGO_SECRET_KEY="k", DATABASE_URL="sqlite:////tmp/x.sqlite3"
    )
    assert "connect_timeout" not in json.loads(sqlite.stdout)["default"].get("OPTIONS", {})
    shutil.rmtree(tmp_path / "cancilleria")
    postgres = _leer_ajustes(
        tmp_path, "", codigo, DJANGO_SECRET_KEY="k", DATABASE_URL="postgres://u@h:5432/d"
    )
    assert json.loads(postgres.stdout)["default"]["OPTIONS"]["connect_timeout"] == 2
