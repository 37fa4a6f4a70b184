"""The floors of DESIGN.md as import-linter checks them: kept today, broken by an import up."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PAQUETES = ("cancilleria", "comunicados", "eventos")
# Only the Python files matter to the contract; the copies stay small and fast.
NO_COPIAR = shutil.ignore_patterns("__pycache__", "static", "templates", "locale", "*.pyc")


def lint_imports(carpeta):
    # A subprocess: in this process `cancilleria` is already imported from the real tree.
    return subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache", "--no-logo"],
        cwd=carpeta,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(carpeta)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_el_codigo_respeta_los_pisos():
    """The real tree keeps every import-linter contract in pyproject.toml."""
    resultado = lint_imports(RAIZ)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "KEPT" in resultado.stdout and "0 broken" in resultado.stdout


@pytest.mark.parametrize(
    ("modulo", "importacion", "informe"),
    [
        (
            "eventos/models/evento.py",
            "import comunicados.models",
            "eventos.models.evento -> comunicados.models",
        ),
        (
            "cancilleria/directorio/models.py",
            "import eventos",
            "cancilleria.directorio.models -> eventos",
        ),
    ],
)
def test_una_importacion_hacia_arriba_rompe_el_contrato(tmp_path, modulo, importacion, informe):
    """A lower floor importing a higher one makes lint-imports fail and name the import."""
    for paquete in PAQUETES:
        shutil.copytree(RAIZ / paquete, tmp_path / paquete, ignore=NO_COPIAR)
    shutil.copy(RAIZ / "pyproject.toml", tmp_path)
    archivo = tmp_path / modulo
    archivo.write_text(f"{archivo.read_text()}\n{importacion}\n", encoding="utf-8")

    resultado = lint_imports(tmp_path)

    assert resultado.returncode != 0, resultado.stdout
    assert "BROKEN" in resultado.stdout
    assert informe in resultado.stdout
