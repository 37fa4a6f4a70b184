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
    """bench.py on a tiny SQLite database prints a line with a verdict for every page, and
    with --desglose where each page's time goes."""
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
            "--desglose",
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
    # --desglose: a second table, a line per page whose parts are numbers.
    desglose = lineas[lineas.index(next(x for x in lineas if x.startswith("Desglose"))) :]
    partes = {}
    for nombre in bench.PAGINAS:
        fila = next(x for x in desglose if x.startswith(nombre + " "))
        partes[nombre] = [float(v) for v in fila[len(nombre) :].split()]
        assert partes[nombre][1] > 0, fila  # every page reads the database
    # A template page renders; the feed writes its XML in the view (no template).
    assert partes["comunicados"][2] > 0
    assert partes["feed rss"][2] == 0


@pytest.mark.django_db(transaction=True)
def test_la_carga_rapida_escribe_el_mismo_texto_de_busqueda():
    """cargar_demo --rapido writes the search text reconstruir_busqueda would (both databases)."""
    call_command("cargar_demo", "--comunicados", "40", "--eventos", "10", "--rapido", verbosity=0)
    assert Comunicado.objects.filter(slug__startswith="demo-comunicado-").count() == 40
    assert Comunicado.objects.all().reconstruir_busqueda() == 0
    assert Evento.objects.all().reconstruir_busqueda() == 0
    assert Comunicado.objects.publicados().buscar("trata personas", "es").exists()


def test_razon_es_la_mediana_de_las_razones_de_cada_ronda(capsys):
    """Each round's two sizes are compared with each other: one round whose larger size met
    a busy spell does not decide the ratio (pooled medians would say 1.50 here)."""

    def ronda(tamano, ms):
        pagina = {"pagina": "inicio", "url": "/", "estado": 200, "consultas": 5, "kb": 10.0}
        return {
            "bd": "postgresql",
            "tamano": tamano,
            "comunicados": tamano,
            "eventos": 1,
            "carga_s": None,
            "paginas": [{**pagina, "tiempos": [ms, ms, ms]}],
        }

    menor = bench.juntar([ronda(1000, 10), ronda(1000, 20), ronda(1000, 30)])
    mayor = bench.juntar([ronda(100000, 10.5), ronda(100000, 30), ronda(100000, 31.5)])
    assert bench.informe([menor, mayor]) == []
    assert "1.05×" in capsys.readouterr().out


def test_las_peticiones_de_cada_pagina_alternan_entre_tamanos():
    """Each page's requests go 1k, 100k, 100k, 1k…: both sizes are timed in the same
    moments of the machine, and each size's times are its own."""
    pedidos = []

    class HijoFalso:
        def __init__(self, tamano):
            self.tamano = tamano
            self.info = {"bd": "postgresql", "tamano": tamano, "comunicados": tamano}

        def pedir(self, pagina):
            pedidos.append((pagina, self.tamano))
            return {"estado": 200, "ms": self.tamano / 1000, "consultas": 3, "kb": 1.0}

    hijos = {100000: HijoFalso(100000), 1000: HijoFalso(1000)}
    rondas = bench.medir_alternando(hijos, rondas=2, repeticiones=4)

    primera = next(iter(bench.PAGINAS))
    orden = [tamano for pagina, tamano in pedidos if pagina == primera]
    # Per round: a warm-up at each size, then the four alternating pairs.
    una_ronda = [1000, 100000] + [1000, 100000, 100000, 1000] * 2
    assert orden == una_ronda * 2
    assert set(rondas) == {1000, 100000}
    for tamano, resultados in rondas.items():
        assert len(resultados) == 2
        for resultado in resultados:
            assert resultado["tamano"] == tamano
            assert [f["pagina"] for f in resultado["paginas"]] == list(bench.PAGINAS)
            for fila in resultado["paginas"]:
                assert fila["tiempos"] == [tamano / 1000] * 4


def test_puerto_libre_no_elige_puertos_efimeros():
    """Servers started by the scripts get a port below the kernel's ephemeral range: inside
    it, a port nobody answers on may be the local end of wrk's or a worker's connection,
    and gunicorn's bind failed there (bench-rendimiento, cached pass)."""
    efimeros = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    salida = subprocess.run(
        [
            "bash",
            "-c",
            "source scripts/puerto-libre.sh; for i in $(seq 200); do puerto_libre; done",
        ],
        capture_output=True,
        text=True,
        cwd=RAIZ,
        check=True,
    )
    puertos = [int(p) for p in salida.stdout.split()]
    assert len(puertos) == 200
    assert all(20000 <= p < efimeros for p in puertos), sorted(set(puertos))[-5:]
