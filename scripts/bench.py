"""Benchmark every public page at two sizes, on PostgreSQL and SQLite: `make bench`.

For each database and size, fills a database with the demo loader (`cargar_demo --rapido`,
reused on the next run when it already holds that many rows). One child process per size
serves it; each page is rendered through Django's test client, warm and with the page cache
off (every page is built), its requests alternating between the sizes (1k, 100k, 100k,
1k…) so a busy spell of this shared machine weighs on both alike. It reports queries,
median and 95th percentile time, HTML size, and the ratio of the largest size's median to
the smallest's. Budgets live here, not in timed tests.

    scripts/bench.py                                # both databases, 1k and 100k
    scripts/bench.py --bd sqlite --tamanos 1000,5000
    scripts/bench.py --estricto                     # exit 1 when a budget fails
    scripts/bench.py --recargar                     # drop the kept databases and refill

Databases are kept in --carpeta (default: $TMPDIR/cancilleria-bench): one SQLite file and
one PostgreSQL database per size, in a private cluster (scripts/postgres-temporal.sh) that
this script starts and stops.
"""

import argparse
import contextlib
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
# What `--desglose` adds to each timed request (see Desglose).
PARTES = ("sql_ms", "render_ms")


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


def servir(args):
    """The child: fill (if needed) one database, then time the pages the parent names.

    It answers on its own standard output, one JSON line per line read: first what it
    holds, then for each page name a request's status, milliseconds, queries and KB.
    """
    import django

    # The answers' channel is the real stdout; anything else printed goes to stderr.
    canal = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
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

    def responder(datos):
        canal.write(json.dumps(datos) + "\n")

    responder(
        {
            "bd": connection.vendor,
            "tamano": args.tamano,
            "comunicados": Comunicado.objects.count(),
            "eventos": Evento.objects.count(),
            "carga_s": carga,
        }
    )
    desglose = Desglose() if args.desglose else None
    for linea in sys.stdin:
        nombre = json.loads(linea)["pagina"]
        cliente = identificado if nombre in PERSONAL else anonimo
        with contextlib.ExitStack() as medida:
            consultas = medida.enter_context(CaptureQueriesContext(connection))
            if desglose:
                medida.enter_context(connection.execute_wrapper(desglose.reiniciar()))
            t0 = time.perf_counter()
            respuesta = cliente.get(PAGINAS[nombre])
            ms = (time.perf_counter() - t0) * 1000
        responder(
            {
                "estado": respuesta.status_code,
                "ms": ms,
                "consultas": len(consultas),
                "kb": len(respuesta.content) / 1024,
                **(desglose.partes() if desglose else {}),
            }
        )


class Desglose:
    """Where a page's time goes (`--desglose`): SQL, rendering, and the rest.

    SQL is the time in the database driver (the query and its round trip). Rendering is
    a TemplateResponse's, minus the SQL run meanwhile: templates, widgets, and the ORM
    work of the querysets a template evaluates (a list's page of items). The rest is
    middleware, view, forms and the ORM before rendering. Measuring adds a little to each.
    """

    def __init__(self):
        from django.template.response import SimpleTemplateResponse

        original = SimpleTemplateResponse.rendered_content.fget
        desglose = self

        def rendered_content(respuesta):
            desglose.renderizando = True
            t0 = time.perf_counter()
            try:
                return original(respuesta)
            finally:
                desglose.render += time.perf_counter() - t0
                desglose.renderizando = False

        SimpleTemplateResponse.rendered_content = property(rendered_content)
        self.reiniciar()

    def reiniciar(self):
        """Start a request's count; return the database execute wrapper."""
        self.sql = self.sql_al_renderizar = self.render = 0.0
        self.renderizando = False
        return self._ejecutar

    def _ejecutar(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            duracion = time.perf_counter() - t0
            self.sql += duracion
            if self.renderizando:
                self.sql_al_renderizar += duracion

    def partes(self):
        return {
            "sql_ms": self.sql * 1000,
            "render_ms": (self.render - self.sql_al_renderizar) * 1000,
        }


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


class Hijo:
    """A child process serving one database at one size (see `servir`)."""

    def __init__(self, args, bd, tamano, entorno):
        print(f"… {bd} con {tamano} comunicados", file=sys.stderr, flush=True)
        # An existing, empty static root: WhiteNoise warns about a missing one.
        estaticos = Path(args.carpeta) / "static"
        estaticos.mkdir(parents=True, exist_ok=True)
        entorno = {**entorno, "DJANGO_STATIC_ROOT": str(estaticos)}
        orden = [sys.executable, __file__, "--hijo", "--tamano", str(tamano)]
        self.proceso = subprocess.Popen(
            orden + (["--desglose"] if args.desglose else []),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=entorno_django(entorno),
            cwd=RAIZ,
        )
        self.info = None

    def _leer(self):
        linea = self.proceso.stdout.readline()
        if not linea:
            raise RuntimeError(f"el proceso de medida terminó ({self.proceso.wait()})")
        return json.loads(linea)

    def esperar(self):
        """Wait until the database is filled; return what it holds."""
        self.info = self._leer()
        return self.info

    def pedir(self, pagina):
        self.proceso.stdin.write(json.dumps({"pagina": pagina}) + "\n")
        self.proceso.stdin.flush()
        return self._leer()

    def cerrar(self):
        if self.proceso.stdin:
            self.proceso.stdin.close()
        self.proceso.wait(timeout=60)


def medir_alternando(hijos, rondas, repeticiones):
    """Return {size: [one result per round]}, each page's requests alternating between sizes.

    Within a round each page is requested `repeticiones` times at every size, in the
    order smallest→largest, then largest→smallest, and so on: the two sizes of a page are
    timed within milliseconds of each other, so a slow spell of the machine lands on both.
    """
    tamanos = sorted(hijos)
    resultados = {t: [] for t in tamanos}
    for _ronda in range(rondas):
        filas = {t: [] for t in tamanos}
        for nombre, url in PAGINAS.items():
            ultima = {t: hijos[t].pedir(nombre) for t in tamanos}  # warm-up
            tiempos = {t: [] for t in tamanos}
            partes = {t: {p: [] for p in PARTES} for t in tamanos}
            for vez in range(repeticiones):
                for t in tamanos if vez % 2 == 0 else reversed(tamanos):
                    if ultima[t]["estado"] == 200:
                        ultima[t] = hijos[t].pedir(nombre)
                        tiempos[t].append(ultima[t]["ms"])
                        for parte, lista in partes[t].items():
                            if parte in ultima[t]:
                                lista.append(ultima[t][parte])
            for t in tamanos:
                fila = {"pagina": nombre, "url": url, "estado": ultima[t]["estado"]}
                if ultima[t]["estado"] == 200:
                    fila.update(
                        consultas=ultima[t]["consultas"], tiempos=tiempos[t], kb=ultima[t]["kb"]
                    )
                    fila.update({p: lista for p, lista in partes[t].items() if lista})
                filas[t].append(fila)
        for t in tamanos:
            resultados[t].append({**hijos[t].info, "paginas": filas[t]})
    return resultados


def medir_base(args, bd, entornos):
    """Start one child per size ({size: environment}), measure, stop them; return results."""
    hijos = {}
    try:
        for tamano, entorno in entornos.items():
            hijos[tamano] = Hijo(args, bd, tamano, entorno)
        for hijo in hijos.values():
            hijo.esperar()
        rondas = medir_alternando(hijos, args.rondas, args.repeticiones)
    finally:
        for hijo in hijos.values():
            try:
                hijo.cerrar()
            except (OSError, subprocess.TimeoutExpired):
                hijo.proceso.kill()
    return [juntar(r) for r in rondas.values()]


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
        for parte in PARTES:
            if parte in primera:
                fila[parte] = statistics.median(m for f in filas for m in f[parte])
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
                    # The median of each round's ratio (its two sizes' requests alternate),
                    # so neither one slow spell nor one round decides it.
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
        if any("sql_ms" in f for f in mayor["paginas"]):
            imprimir_desglose(mayor)
    print(
        f"\nPresupuestos: razón de medianas ≤ {PRESUPUESTO_RAZON}×, ≤ {PRESUPUESTO_CONSULTAS} "
        f"consultas, ≤ {PRESUPUESTO_KB} KB de HTML por página."
    )
    return fallos


def imprimir_desglose(resultado):
    """Print where each page's median time goes at one size (`--desglose`)."""
    print(f"\nDesglose a {resultado['tamano']} (medianas, ms; véase Desglose en scripts/bench.py)")
    print(f"{'página':<22} {'total':>7} {'SQL':>7} {'render':>10} {'resto':>7}")
    for f in resultado["paginas"]:
        if "sql_ms" not in f:
            continue
        resto = f["mediana_ms"] - f["sql_ms"] - f["render_ms"]
        print(
            f"{f['pagina']:<22} {f['mediana_ms']:>7.1f} {f['sql_ms']:>7.1f} "
            f"{f['render_ms']:>10.1f} {resto:>7.1f}"
        )


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
        if bd == "sqlite":
            entornos = {t: {"SQLITE_PATH": str(carpeta / f"bench-{t}.sqlite3")} for t in tamanos}
            resultados += medir_base(args, bd, entornos)
        else:
            with Postgres(carpeta / "postgresql") as cluster:
                entornos = {t: {"DATABASE_URL": cluster.base(f"bench_{t}")} for t in tamanos}
                resultados += medir_base(args, bd, entornos)
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
    parser.add_argument("--repeticiones", type=int, default=10, help="por página, tamaño y ronda")
    parser.add_argument("--rondas", type=int, default=3, help="rondas; la razón es su mediana")
    parser.add_argument(
        "--carpeta",
        default=str(Path(tempfile.gettempdir()) / "cancilleria-bench"),
        help="dónde se guardan las bases llenas entre ejecuciones",
    )
    parser.add_argument("--recargar", action="store_true", help="borra las bases guardadas")
    parser.add_argument(
        "--desglose", action="store_true", help="dice cuánto es SQL, render y el resto"
    )
    parser.add_argument("--estricto", action="store_true", help="sale con 1 si algo falla")
    # Internal: the child process that serves one database at one size.
    parser.add_argument("--hijo", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tamano", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--solo-llenar", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hijo:
        sys.path[:0] = [str(SCRIPTS), str(RAIZ)]
        servir(args)
        return 0
    return principal(args)


if __name__ == "__main__":
    sys.exit(main())
