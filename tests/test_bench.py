"""The benchmark's structure, not its times: it runs and reports every page (issue 10)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from comunicados.models import Comunicado
from eventos.models import Evento

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))

import bench  # noqa: E402


def test_bench_corre_e_informa_de_cada_pagina(tmp_path):
    """bench.py on a tiny SQLite database prints a line with a verdict for every page."""
    # A subprocess: the benchmark sets up Django with its own settings (scripts/bench_ajustes.py).
    salida = subprocess.run(
        [
            sys.executable,
            str(RAIZ / "scripts" / "bench.py"),
            "--bd",
            "sqlite",
            "--tamanos",
            "50",
            "--repeticiones",
            "2",
            "--rondas",
            "2",
            "--carpeta",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=RAIZ,
        check=False,
    )
    assert salida.returncode == 0, salida.stderr
    lineas = salida.stdout.splitlines()
    for nombre in bench.PAGINAS:
        fila = [linea for linea in lineas if linea.startswith(nombre + " ")]
        assert fila, f"{nombre} falta en el informe:\n{salida.stdout}"
        assert "PASS" in fila[0] or "FAIL" in fila[0], fila[0]
        assert "HTTP" not in fila[0], fila[0]


@pytest.mark.django_db(transaction=True)
def test_la_carga_rapida_escribe_el_mismo_texto_de_busqueda():
    """cargar_demo --rapido writes the search text reconstruir_busqueda would (both databases)."""
    call_command("cargar_demo", "--comunicados", "40", "--eventos", "10", "--rapido", verbosity=0)
    assert Comunicado.objects.filter(slug__startswith="demo-comunicado-").count() == 40
    assert Comunicado.objects.all().reconstruir_busqueda() == 0
    assert Evento.objects.all().reconstruir_busqueda() == 0
    assert Comunicado.objects.publicados().buscar("trata personas", "es").exists()
