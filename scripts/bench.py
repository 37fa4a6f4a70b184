"""Benchmark every public page at two sizes, on PostgreSQL and SQLite: `make bench`.

For each database and size, fills a database with the demo loader (`cargar_demo --rapido`,
reused on the next run when it already holds that many rows), then renders each page
through Django's test client, warm and with the page cache off (every page is built), and
reports queries, median and 95th percentile time, HTML size, and the ratio of the largest
size's median to the smallest's. Budgets live here, not in timed tests.

    scripts/bench.py                                # both databases, 1k and 100k
    scripts/bench.py --bd sqlite --tamanos 1000,5000
    scripts/bench.py --estricto                     # exit 1 when a budget fails
    scripts/bench.py --recargar                     # drop the kept databases and refill

Databases are kept in --carpeta (default: $TMPDIR/cancilleria-bench): one SQLite file and
one PostgreSQL database per size, in a private cluster (scripts/postgres-temporal.sh) that
this script starts and stops.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
SCRIPTS = RAIZ / "scripts"

# Budgets (issue 10): time flat with the data, bounded queries and pages.
PRESUPUESTO_RAZON = 1.25
PRESUPUESTO_CONSULTAS = 12
PRESUPUESTO_KB = 150
EVENTOS_POR_COMUNICADO = 0.2

SEMILLA = "buenas-practicas-proteccion-victimas-trata-de-personas"
CONSULADOS = ("francia", "japon", "estados-unidos", "hong-kong")
PAGINAS = {
    "inicio": "/",
    "comunicados": "/comunicados/",
    "comunicados ?tema": "/comunicados/?tema=trata-de-personas",
    "comunicados ?q": "/comunicados/?q=trata+personas",
    "comunicado semilla": f"/comunicados/{SEMILLA}/",
    "eventos": "/eventos/",
    "eventos ?consulado": "/eventos/?consulado=francia",
    "buscar ?q": "/buscar/?q=trata",
    "tema": "/temas/trata-de-personas/",
    "consulado": "/consulados/francia/",
    "persona": "/personas/demo-lucia-quispe/",
    "feed rss": "/comunicados/feed/rss/",
    "sitemap.xml": "/sitemap.xml",
    "gestion 4 consulados": "/gestion/consulados/?"
    + "&".join(f"consulado={c}" for c in CONSULADOS),
}
PERSONAL = {"gestion 4 consulados"}


def entorno_django(extra=None):
    """Return the environment of a production-like Django process for the benchmark."""
    entorno = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH", "REDIS_URL")
    }
    entorno.update(
        DJANGO_SETTINGS_MODULE="bench_ajustes",
        DJANGO_READ_DOT_ENV_FILE="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "solo-para-medir",
        DJANGO_DEBUG="false",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([str(SCRIPTS), str(RAIZ)]),
    )
    entorno.update(extra or {})
    return entorno


# --- the child: one database, one size ------------------------------------------------------


def llenar(tamano):
    """Migrate and fill the database with `tamano` releases unless it holds them; return s."""
    from django.core.management import call_command
    from django.db import connection

    from comunicados.models import Comunicado

    call_command("migrate", verbosity=0)
    comunicados, eventos = tamano, max(1, round(tamano * EVENTOS_POR_COMUNICADO))
    sinteticos = Comunicado.objects.filter(slug__startswith="demo-comunicado-").count()
    if sinteticos == comunicados and Comunicado.objects.filter(slug=SEMILLA).exists():
        return None
    inicio = time.perf_counter()
    call_command(
        "cargar_demo",
        "--comunicados",
        str(comunicados),
        "--eventos",
        str(eventos),
        "--rapido",
        verbosity=0,
        stdout=io.StringIO(),
    )
    # As a database in service would be after its autovacuum: statistics for the planner,
    # and the visibility map that lets a narrow index answer a count without the table.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM (ANALYZE)")
    return time.perf_counter() - inicio


def medir(args):
    """Fill (if needed) and measure one database; write the results as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from comunicados.models import Comunicado
    from eventos.models import Evento

    carga = llenar(args.tamano)
    if args.solo_llenar:
        print(f"lleno: {Comunicado.objects.count()} comunicados", file=sys.stderr)
        return
    # Not setup_test_environment(): it instruments every template render (a signal and a
    # copy of the context per template), which added a quarter to a list page's time.
    settings.ALLOWED_HOSTS = ["testserver"]

    personal, _creado = User.objects.get_or_create(
        username="bench-personal", defaults={"is_staff": True}
    )
    personal.groups.add(Group.objects.get(name="Personal"))
    anonimo, identificado = Client(), Client()
    identificado.force_login(personal)

    # Uncached: every request builds its page, as on a cache miss; the rest of the cache
    # (sessions, the generation) stays warm, as in a running server.
    settings.CACHE_PUBLICO_ACTIVO = False

    def pedir(cliente, url):
        return cliente.get(url)

    filas = []
    for nombre, url in PAGINAS.items():
        cliente = identificado if nombre in PERSONAL else anonimo
        respuesta = pedir(cliente, url)  # warm-up
        fila = {"pagina": nombre, "url": url, "estado": respuesta.status_code}
        if respuesta.status_code == 200:
            tiempos = []
            for _vez in range(args.repeticiones):
                with CaptureQueriesContext(connection) as consultas:
                    t0 = time.perf_counter()
                    respuesta = pedir(cliente, url)
                    tiempos.append((time.perf_counter() - t0) * 1000)
            fila.update(consultas=len(consultas), tiempos=tiempos, kb=len(respuesta.content) / 1024)
        filas.append(fila)
    resultado = {
        "bd": connection.vendor,
        "tamano": args.tamano,
        "comunicados": Comunicado.objects.count(),
        "eventos": Evento.objects.count(),
        "carga_s": carga,
        "paginas": filas,
    }
    Path(args.salida).write_text(json.dumps(resultado), encoding="utf-8")


# --- the parent: databases, children, report ----------------------------------------------


class Postgres:
    """The private cluster of scripts/postgres-temporal.sh, kept in the benchmark folder."""

    def __init__(self, carpeta):
        self.carpeta = carpeta
        self.url = None

    def __enter__(self):
        self.url = subprocess.run(
            [str(SCRIPTS / "postgres-temporal.sh"), "start", str(self.carpeta)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return self

    def __exit__(self, *_error):
        subprocess.run(
            [str(SCRIPTS / "postgres-temporal.sh"), "stop", str(self.carpeta)],
            check=False,
            capture_output=True,
        )

    def base(self, nombre):
        """Return the URL of database `nombre` in the cluster, creating it if needed."""
        raiz, _sep, _actual = self.url.rpartition("/")
        import psycopg

        with psycopg.connect(f"{raiz}/postgres", autocommit=True) as conexion:
            existe = conexion.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [nombre]
            ).fetchone()
            if not existe:
                conexion.execute(f'CREATE DATABASE "{nombre}"')
        return f"{raiz}/{nombre}"


def ejecutar_hijo(args, bd, tamano, entorno):
    salida = Path(tempfile.mkstemp(prefix="bench-", suffix=".json")[1])
    orden = [
        sys.executable,
        __file__,
        "--hijo",
        "--tamano",
        str(tamano),
        "--repeticiones",
        str(args.repeticiones),
        "--salida",
        str(salida),
    ]
    print(f"… {bd} con {tamano} comunicados", file=sys.stderr, flush=True)
    try:
        # An existing, empty static root: WhiteNoise warns about a missing one.
        estaticos = Path(args.carpeta) / "static"
        estaticos.mkdir(parents=True, exist_ok=True)
        entorno = {**entorno, "DJANGO_STATIC_ROOT": str(estaticos)}
        subprocess.run(orden, check=True, env=entorno_django(entorno), cwd=RAIZ)
        return json.loads(salida.read_text(encoding="utf-8"))
    finally:
        salida.unlink(missing_ok=True)


def juntar(rondas):
    """Merge one database's rounds at one size into one result with median and p95."""
    resultado = {**rondas[0], "paginas": []}
    for i, primera in enumerate(rondas[0]["paginas"]):
        filas = [r["paginas"][i] for r in rondas]
        fila = {**primera}
        malas = [f for f in filas if f["estado"] != 200]
        if malas:
            resultado["paginas"].append({**fila, "estado": malas[0]["estado"]})
            continue
        por_ronda = [statistics.median(f["tiempos"]) for f in filas]
        tiempos = sorted(t for f in filas for t in f["tiempos"])
        del fila["tiempos"]
        fila.update(
            medianas_por_ronda=por_ronda,
            consultas=max(f["consultas"] for f in filas),
            mediana_ms=statistics.median(tiempos),
            p95_ms=tiempos[min(len(tiempos) - 1, round(0.95 * (len(tiempos) - 1)))],
        )
        resultado["paginas"].append(fila)
    return resultado


def informe(resultados):
    """Print the report; return the list of budget failures."""
    fallos = []
    for bd in dict.fromkeys(r["bd"] for r in resultados):
        tandas = sorted((r for r in resultados if r["bd"] == bd), key=lambda r: r["tamano"])
        menor, mayor = tandas[0], tandas[-1]
        print(f"\n== {bd} ==")
        for r in tandas:
            carga = f", cargada en {r['carga_s']:.1f} s" if r["carga_s"] is not None else ""
            print(f"{r['tamano']}: {r['comunicados']} comunicados, {r['eventos']} eventos{carga}")
        razon_titulo = f"{mayor['tamano']}÷{menor['tamano']}" if len(tandas) > 1 else "razón"
        cabecera = f"{'página':<22} {'tamaño':>7} {'consultas':>9} {'mediana ms':>10} "
        cabecera += f"{'p95 ms':>8} {'KB':>7} {razon_titulo:>12}  resultado"
        print(cabecera)
        previas = {f["pagina"]: f for f in menor["paginas"]}
        for r in tandas:
            for f in r["paginas"]:
                nombre = f["pagina"]
                if f["estado"] != 200:
                    fallos.append(f"{bd} {r['tamano']} {nombre}: HTTP {f['estado']}")
                    print(f"{nombre:<22} {r['tamano']:>7} HTTP {f['estado']}  FAIL")
                    continue
                problemas = []
                if f["consultas"] > PRESUPUESTO_CONSULTAS:
                    problemas.append(f"{f['consultas']} consultas > {PRESUPUESTO_CONSULTAS}")
                if f["kb"] > PRESUPUESTO_KB:
                    problemas.append(f"{f['kb']:.0f} KB > {PRESUPUESTO_KB}")
                razon = ""
                base = previas.get(nombre)
                if r is mayor and len(tandas) > 1 and base and base.get("mediana_ms"):
                    # The median of each round's ratio: a round's two sizes ran a minute
                    # apart, so a slow spell of the machine cancels out within it.
                    valor = statistics.median(
                        a / b
                        for a, b in zip(
                            f["medianas_por_ronda"], base["medianas_por_ronda"], strict=True
                        )
                    )
                    razon = f"{valor:.2f}×"
                    if valor > PRESUPUESTO_RAZON:
                        problemas.append(f"razón {valor:.2f} > {PRESUPUESTO_RAZON}")
                fallos += [f"{bd} {r['tamano']} {nombre}: {p}" for p in problemas]
                print(
                    f"{nombre:<22} {r['tamano']:>7} {f['consultas']:>9} {f['mediana_ms']:>10.1f} "
                    f"{f['p95_ms']:>8.1f} {f['kb']:>7.1f} {razon:>12}  "
                    + ("FAIL: " + "; ".join(problemas) if problemas else "PASS")
                )
    print(
        f"\nPresupuestos: razón de medianas ≤ {PRESUPUESTO_RAZON}×, ≤ {PRESUPUESTO_CONSULTAS} "
        f"consultas, ≤ {PRESUPUESTO_KB} KB de HTML por página."
    )
    return fallos


def principal(args):
    tamanos = sorted({int(t) for t in args.tamanos.split(",") if t.strip()})
    bases = [b.strip() for b in args.bd.split(",") if b.strip()]
    for b in bases:
        if b not in ("postgresql", "sqlite"):
            sys.exit(f"--bd: postgresql o sqlite, no «{b}»")
    carpeta = Path(args.carpeta)
    if args.recargar and carpeta.exists():
        shutil.rmtree(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    resultados = []
    for bd in bases:
        # Sizes alternate round by round, so a busy spell on this shared machine weighs on
        # every size alike instead of skewing the ratio.
        rondas = {tamano: [] for tamano in tamanos}
        if bd == "sqlite":
            for _ronda in range(args.rondas):
                for tamano in tamanos:
                    ruta = carpeta / f"bench-{tamano}.sqlite3"
                    entorno = {"SQLITE_PATH": str(ruta)}
                    rondas[tamano].append(ejecutar_hijo(args, bd, tamano, entorno))
        else:
            with Postgres(carpeta / "postgresql") as cluster:
                for _ronda in range(args.rondas):
                    for tamano in tamanos:
                        entorno = {"DATABASE_URL": cluster.base(f"bench_{tamano}")}
                        rondas[tamano].append(ejecutar_hijo(args, bd, tamano, entorno))
        resultados += [juntar(r) for r in rondas.values()]
    fallos = informe(resultados)
    if fallos:
        print(f"\n{len(fallos)} fuera de presupuesto:\n  " + "\n  ".join(fallos))
    else:
        print("\nTodo dentro del presupuesto.")
    return 1 if fallos and args.estricto else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bd", default="postgresql,sqlite", help="postgresql, sqlite o ambas")
    parser.add_argument("--tamanos", default="1000,100000", help="comunicados, p. ej. 1000,100000")
    parser.add_argument("--repeticiones", type=int, default=10, help="por página y ronda")
    parser.add_argument("--rondas", type=int, default=3, help="rondas alternando los tamaños")
    parser.add_argument(
        "--carpeta",
        default=str(Path(tempfile.gettempdir()) / "cancilleria-bench"),
        help="dónde se guardan las bases llenas entre ejecuciones",
    )
    parser.add_argument("--recargar", action="store_true", help="borra las bases guardadas")
    parser.add_argument("--estricto", action="store_true", help="sale con 1 si algo falla")
    # Internal: the child process that measures one database at one size.
    parser.add_argument("--hijo", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tamano", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--salida", help=argparse.SUPPRESS)
    parser.add_argument("--solo-llenar", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hijo:
        sys.path[:0] = [str(SCRIPTS), str(RAIZ)]
        medir(args)
        return 0
    return principal(args)


if __name__ == "__main__":
    sys.exit(main())
