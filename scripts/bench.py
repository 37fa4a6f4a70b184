"""Benchmark the public pages on a large demo database: `make bench`.

Fills a throwaway database (SQLite in a temp folder, or the one DATABASE_URL names) with
the demo loader at benchmark size, then renders each page repeatedly through Django's
test client and reports the median and 95th percentile time, the queries per request and
the process's peak memory, against budgets. Exits 1 if a budget is exceeded.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

# Budgets (milliseconds, median) for a page on the 2-core reference machine.
PRESUPUESTO_MS = 250
PRESUPUESTO_MEMORIA_MB = 600


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comunicados", type=int, default=10_000)
    parser.add_argument("--eventos", type=int, default=2_000)
    parser.add_argument("--repeticiones", type=int, default=20)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        carpeta = tempfile.mkdtemp(prefix="bench-")
        os.environ["SQLITE_PATH"] = str(Path(carpeta) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancilleria.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "solo-para-medir")
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True  # record queries
    settings.ALLOWED_HOSTS = ["testserver"]

    print(f"Base de datos: {connection.vendor}")
    inicio = time.perf_counter()
    call_command("migrate", verbosity=0)
    # Loaded in a child process: the memory measured below is the serving process's own.
    subprocess.run(
        [
            sys.executable,
            str(RAIZ / "manage.py"),
            "cargar_demo",
            "--comunicados",
            str(args.comunicados),
            "--eventos",
            str(args.eventos),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"Carga: {time.perf_counter() - inicio:.1f} s")

    from comunicados.models import Comunicado
    from eventos.models import Evento

    print(
        f"Comunicados: {Comunicado.objects.count()}, publicados "
        f"{Comunicado.objects.publicados().count()}; eventos: {Evento.objects.count()}"
    )
    semilla = "buenas-practicas-proteccion-victimas-trata-de-personas"
    paginas = {
        "inicio": "/",
        "comunicados": "/comunicados/",
        "comunicados tema": "/comunicados/?tema=trata-de-personas",
        "comunicados q": "/comunicados/?q=trata+personas",
        "comunicados pág. 50": "/comunicados/?page=50",
        "comunicado semilla": f"/comunicados/{semilla}/",
        "eventos": "/eventos/",
        "eventos consulado": "/eventos/?consulado=francia&consulado=japon",
        "evento semilla": "/eventos/seminario-internacional-proteccion-victimas-trata-de-personas/",
        "feed rss tema": "/comunicados/feed/rss/?tema=trata-de-personas",
        "calendario.ics": "/eventos/calendario.ics?cuando=proximos",
        "tema": "/temas/trata-de-personas/",
        "sitemap.xml": "/sitemap.xml",
        "sitemap-comunicados p1": "/sitemap-comunicados.xml",
        "en/comunicados": "/en/comunicados/",
    }
    cliente = Client()
    filas, fallos = [], []
    for nombre, url in paginas.items():
        respuesta = cliente.get(url)  # warm-up
        if respuesta.status_code != 200:
            fallos.append(f"{nombre}: HTTP {respuesta.status_code}")
            continue
        tiempos = []
        for _ in range(args.repeticiones):
            reset_queries()
            t0 = time.perf_counter()
            cliente.get(url)
            tiempos.append((time.perf_counter() - t0) * 1000)
        consultas = len(connection.queries)
        mediana = statistics.median(tiempos)
        p95 = sorted(tiempos)[int(0.95 * (len(tiempos) - 1))]
        filas.append((nombre, mediana, p95, consultas))
        if mediana > PRESUPUESTO_MS:
            fallos.append(f"{nombre}: mediana {mediana:.0f} ms > {PRESUPUESTO_MS} ms")

    print(f"\n{'página':<22} {'mediana ms':>10} {'p95 ms':>8} {'consultas':>9}")
    for nombre, mediana, p95, consultas in filas:
        print(f"{nombre:<22} {mediana:>10.1f} {p95:>8.1f} {consultas:>9}")
    memoria = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nMemoria máxima del proceso: {memoria:.0f} MB (presupuesto {PRESUPUESTO_MEMORIA_MB} MB)"
    )
    if memoria > PRESUPUESTO_MEMORIA_MB:
        fallos.append(f"memoria {memoria:.0f} MB > {PRESUPUESTO_MEMORIA_MB} MB")
    if fallos:
        print("\nFuera de presupuesto:\n  " + "\n  ".join(fallos))
        return 1
    print(f"\nTodas las páginas dentro del presupuesto ({PRESUPUESTO_MS} ms de mediana).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
