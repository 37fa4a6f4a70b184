"""Backups: `respaldar` then `restaurar` give back the same rows, media and public pages.

Runs on the configured database: SQLite by default, PostgreSQL when DATABASE_URL says so
(CI runs both). pg_dump works from another process, so these tests commit (transaction=True).
"""

import hashlib
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from cancilleria.sitio import respaldo
from cancilleria.sitio.demo import semilla

pytestmark = pytest.mark.django_db(transaction=True)

PAGINAS = [
    "/",
    "/comunicados/",
    f"/comunicados/{semilla.SLUG_COMUNICADO}/",
    "/eventos/",
    f"/eventos/{semilla.SLUG_EVENTO}/",
]
# Per-request values that differ between two renders of the same content.
VARIABLES = re.compile(r'(nonce="|name="csrfmiddlewaretoken" value=")[^"]*"')


@pytest.fixture(autouse=True)
def _cliente_postgres():
    """On PostgreSQL the client tools are required, not optional."""
    if connection.vendor == "postgresql":
        try:
            respaldo.binario_postgres("pg_dump")
            respaldo.binario_postgres("pg_restore")
        except respaldo.ErrorRespaldo as error:
            pytest.fail(str(error))


@pytest.fixture
def contenido():
    """The seed release plus two media files (one in a subfolder, one binary)."""
    call_command("cargar_demo", "--solo-semilla", stdout=StringIO())
    default_storage.save("adjuntos/2026/informe.pdf", ContentFile(b"%PDF-1.4\n%prueba\n%%EOF\n"))
    default_storage.save("imagenes/foto.bin", ContentFile(bytes(range(256)) * 40))


def _paginas(client):
    paginas = {}
    for ruta in PAGINAS:
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200, ruta
        paginas[ruta] = VARIABLES.sub(r'\1"', respuesta.content.decode())
    return paginas


def _sumas_media():
    raiz = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(raiz).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in raiz.rglob("*")
        if p.is_file()
    }


def _vaciar():
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _respaldar(directorio):
    salida = StringIO()
    call_command("respaldar", str(directorio), stdout=salida)
    return salida.getvalue()


def test_respaldar_vaciar_y_restaurar_devuelve_filas_media_y_paginas(client, contenido, tmp_path):
    """Backup → wipe → restore: equal rows in every table, equal media, equal public pages."""
    filas_antes = respaldo.conteos_actuales()
    media_antes = _sumas_media()
    paginas_antes = _paginas(client)
    destino = tmp_path / "respaldo"

    assert "Respaldo escrito" in _respaldar(destino)

    manifiesto = json.loads((destino / "manifiesto.json").read_text())
    assert manifiesto["proveedor"] == connection.vendor
    assert manifiesto["tablas"] == filas_antes
    assert {a["ruta"]: a["sha256"] for a in manifiesto["media"]["archivos"]} == media_antes
    assert any(m.startswith("comunicados.0001_") for m in manifiesto["migraciones"])

    _vaciar()
    assert respaldo.conteos_actuales()["comunicados_comunicado"] == 0
    assert _sumas_media() == {}

    salida = StringIO()
    call_command("restaurar", str(destino), stdout=salida)

    assert "coinciden" in salida.getvalue()
    assert respaldo.conteos_actuales() == filas_antes
    assert _sumas_media() == media_antes
    assert _paginas(client) == paginas_antes


def test_restaurar_rechaza_un_destino_con_contenido(contenido, tmp_path):
    """Without --forzar a database with content is never overwritten."""
    _respaldar(tmp_path / "r")
    with pytest.raises(CommandError, match="no está vacío"):
        call_command("restaurar", str(tmp_path / "r"))


def test_restaurar_forzado_reemplaza_el_contenido(contenido, tmp_path):
    """With --forzar the database and media become exactly the backup's."""
    _respaldar(tmp_path / "r")
    filas = respaldo.conteos_actuales()
    default_storage.save("sobrante.txt", ContentFile(b"no estaba"))
    call_command("restaurar", str(tmp_path / "r"), "--forzar", stdout=StringIO())
    assert respaldo.conteos_actuales() == filas
    assert "sobrante.txt" not in _sumas_media()


def test_respaldar_rechaza_una_carpeta_con_archivos(contenido, tmp_path):
    """A backup never mixes with files already in the folder."""
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "otro.txt").write_text("x")
    with pytest.raises(CommandError, match="no está vacío"):
        _respaldar(tmp_path / "r")


def test_restaurar_carpeta_inexistente_da_un_mensaje_claro(tmp_path):
    with pytest.raises(CommandError, match="No existe la carpeta"):
        call_command("restaurar", str(tmp_path / "no-existe"))


@pytest.mark.parametrize(
    "contenido_manifiesto",
    ["{no es json", '{"formato": 1}', "[]", '{"formato": 1, "proveedor": "x", "volcado": 3}'],
)
def test_restaurar_manifiesto_danado_da_un_mensaje_claro(tmp_path, contenido_manifiesto):
    (tmp_path / "manifiesto.json").write_text(contenido_manifiesto)
    with pytest.raises(CommandError, match="dañado"):
        call_command("restaurar", str(tmp_path))


def test_restaurar_rechaza_un_archivo_alterado_sin_tocar_nada(contenido, tmp_path):
    """A changed media archive is caught by its checksum before anything is restored."""
    _respaldar(tmp_path / "r")
    tar = tmp_path / "r" / "media.tar"
    datos = bytearray(tar.read_bytes())
    datos[600] ^= 0xFF
    tar.write_bytes(bytes(datos))
    _vaciar()
    with pytest.raises(CommandError, match="no coincide con el manifiesto"):
        call_command("restaurar", str(tmp_path / "r"))
    assert respaldo.conteos_actuales()["comunicados_comunicado"] == 0


def test_restaurar_avisa_si_lo_restaurado_no_coincide_con_el_manifiesto(contenido, tmp_path):
    """The verification after restoring names each table whose rows differ."""
    _respaldar(tmp_path / "r")
    ruta = tmp_path / "r" / "manifiesto.json"
    manifiesto = json.loads(ruta.read_text())
    manifiesto["tablas"]["comunicados_comunicado"] += 1
    ruta.write_text(json.dumps(manifiesto))
    _vaciar()
    with pytest.raises(CommandError, match="comunicados_comunicado: 1 filas"):
        call_command("restaurar", str(tmp_path / "r"))
