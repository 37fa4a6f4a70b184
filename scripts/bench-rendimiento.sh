#!/usr/bin/env bash
# Throughput of the public pages as a fraction of a trivial "hello" view: `make bench-rendimiento`.
#
# Serves the site with gunicorn (2 sync workers, DEBUG off, production settings plus the
# benchmark's /__hola__/ page, scripts/bench_ajustes.py) on a private PostgreSQL holding
# TAMANO releases, and for each page runs an alternating wrk load, hello then page, ROUNDS
# times, after a warm-up of each. Twice: uncached (BENCH_CACHE=no: the page cache is off and
# every page is built, as on a miss, from the stored cards, pieces and filter options a
# miss also reads, kept in each worker's memory once read; the generation and sessions
# still use the cache, as in production) and cached (the project's own caches, cleared
# before the server starts; anonymous requests). Prints each page's median req/s
# divided by hello's, against the targets of issue 10.
#
# Tunables (environment):
#   TAMANO=10000      releases in the database (kept in BENCH_DIR for the next run)
#   DURACION=5s RONDAS=2 CALENTAMIENTO=2s HILOS=2 CONEXIONES=16 TIMEOUT=10s
#   PASADAS="no si"   which passes: no = uncached, si = cached
#   BENCH_DIR=$TMPDIR/cancilleria-bench (shared with scripts/bench.py)
#   CRUDOS=/path      keep the raw wrk outputs there
set -euo pipefail

RAIZ=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$RAIZ"
# shellcheck source=scripts/puerto-libre.sh
source scripts/puerto-libre.sh

TAMANO=${TAMANO:-10000}
DURACION=${DURACION:-5s}
RONDAS=${RONDAS:-2}
CALENTAMIENTO=${CALENTAMIENTO:-2s}
HILOS=${HILOS:-2}
CONEXIONES=${CONEXIONES:-16}
TIMEOUT=${TIMEOUT:-10s}
PASADAS=${PASADAS:-no si}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/cancilleria-bench}
PY=${PY:-$RAIZ/.venv/bin/python}
GUNICORN=${GUNICORN:-$RAIZ/.venv/bin/gunicorn}

SEMILLA=buenas-practicas-proteccion-victimas-trata-de-personas
# name|path|uncached target|cached target (fractions of hello; "-" = none)
PAGINAS=(
    "comunicados|/comunicados/|0.05|0.5"
    "comunicados ?tema|/comunicados/?tema=trata-de-personas|0.05|0.5"
    "comunicado semilla|/comunicados/$SEMILLA/|0.05|0.5"
    "eventos ?consulado|/eventos/?consulado=francia|0.05|0.5"
    "inicio|/|-|0.5"
    "feed rss|/comunicados/feed/rss/|-|-"
)

command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

tmp=$(mktemp -d)
CRUDOS=${CRUDOS:-$tmp/crudos}
mkdir -p "$CRUDOS" "$BENCH_DIR"
pg_dir=$BENCH_DIR/postgresql
gunicorn_pid=""

detener_gunicorn() {
    if [[ -n $gunicorn_pid ]]; then
        kill "$gunicorn_pid" 2>/dev/null || true
        wait "$gunicorn_pid" 2>/dev/null || true
        gunicorn_pid=""
    fi
}
limpiar() {
    detener_gunicorn
    scripts/postgres-temporal.sh stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap limpiar EXIT

# The benchmark's settings: production-like, never .env, plus /__hola__/.
export DJANGO_SETTINGS_MODULE=bench_ajustes
export PYTHONPATH=$RAIZ/scripts:$RAIZ
export DJANGO_READ_DOT_ENV_FILE=false DJANGO_DEBUG=false
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-solo-para-medir-el-rendimiento}
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT=$tmp/static DJANGO_LOG_LEVEL=WARNING
unset REDIS_URL SQLITE_PATH

url_cluster=$(scripts/postgres-temporal.sh start "$pg_dir")
base="bench_$TAMANO"
"$PY" - "$url_cluster" "$base" <<'EOF'
import sys
import psycopg
raiz = sys.argv[1].rpartition("/")[0]
with psycopg.connect(f"{raiz}/postgres", autocommit=True) as c:
    if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]]).fetchone():
        c.execute(f'CREATE DATABASE "{sys.argv[2]}"')
EOF
export DATABASE_URL=${url_cluster%/*}/$base
echo "PostgreSQL: $DATABASE_URL ($TAMANO comunicados)"
"$PY" scripts/bench.py --hijo --solo-llenar --tamano "$TAMANO"
"$PY" manage.py collectstatic --no-input -v0

parse() { # wrk --latency output -> rps non2xx_or_socket_errors
    awk '
        /Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { malas += $NF }
        /Socket errors:/ { gsub(",", ""); malas += $4 + $6 + $8 + $10 }
        END { printf "%.2f %d\n", rps, malas + 0 }
    ' "$1"
}
mediana() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
correr() { # url duration file
    wrk -t"$HILOS" -c"$CONEXIONES" -d"$2" --timeout "$TIMEOUT" --latency "$1" >"$3" 2>&1
}

servir() { # cache pass: no | si
    detener_gunicorn
    if [[ $1 == si ]]; then
        # Start cold: nothing from a previous run or another size may answer.
        BENCH_CACHE=si "$PY" -c 'import django; django.setup(); from django.core.cache import caches; [caches[a].clear() for a in caches.settings]'
    fi
    puerto=$(puerto_libre)
    BENCH_CACHE=$1 "$GUNICORN" cancilleria.wsgi:application --workers 2 --worker-class sync \
        --bind "127.0.0.1:$puerto" --log-level warning >"$tmp/gunicorn-$1.log" 2>&1 &
    gunicorn_pid=$!
    for _ in $(seq 1 100); do
        if curl -fs -o /dev/null "http://127.0.0.1:$puerto/__hola__/"; then return; fi
        sleep 0.2
    done
    cat "$tmp/gunicorn-$1.log" >&2
    echo "gunicorn did not answer" >&2
    exit 1
}

echo "wrk: $HILOS hilos × $CONEXIONES conexiones, $DURACION por corrida, $RONDAS rondas, calentamiento $CALENTAMIENTO"
declare -A razon
for pasada in $PASADAS; do
    servir "$pasada"
    hola="http://127.0.0.1:$puerto/__hola__/"
    for entrada in "${PAGINAS[@]}"; do
        IFS='|' read -r nombre ruta _meta_no _meta_si <<<"$entrada"
        url="http://127.0.0.1:$puerto$ruta"
        codigo=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 "$url" || echo 000)
        if [[ $codigo != 200 ]]; then
            echo "ERROR: $url answered HTTP $codigo" >&2
            razon["$pasada|$nombre"]="HTTP$codigo"
            continue
        fi
        clave=$(echo "$pasada-$nombre" | tr -c 'a-z0-9\n' '_')
        correr "$hola" "$CALENTAMIENTO" "$CRUDOS/$clave-calentamiento-hola.txt"
        correr "$url" "$CALENTAMIENTO" "$CRUDOS/$clave-calentamiento-pagina.txt"
        : >"$tmp/a"
        : >"$tmp/b"
        malas=0
        for r in $(seq 1 "$RONDAS"); do
            for lado in a b; do
                if [[ $lado == a ]]; then u=$hola; else u=$url; fi
                sleep 1 # let the workers drain the previous run's backlog
                correr "$u" "$DURACION" "$CRUDOS/$clave-$r-$lado.txt"
                read -r rps errores < <(parse "$CRUDOS/$clave-$r-$lado.txt")
                echo "$rps" >>"$tmp/$lado"
                malas=$((malas + errores))
            done
        done
        ma=$(mediana <"$tmp/a")
        mb=$(mediana <"$tmp/b")
        r=$(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.4f", (a > 0 ? b / a : 0) }')
        aviso=""
        [[ $malas -gt 0 ]] && aviso=" ($malas errores: dudoso)"
        printf '%-6s %-20s hola %9.1f req/s  página %8.1f req/s  ÷hola %s%s\n' \
            "$([[ $pasada == no ]] && echo 'sin' || echo 'con') caché" "$nombre" "$ma" "$mb" "$r" "$aviso"
        razon["$pasada|$nombre"]=$r
    done
done
detener_gunicorn

echo
printf '%-20s %12s %8s %12s %8s\n' "página" "sin caché" "meta" "con caché" "meta"
fallos=0
for entrada in "${PAGINAS[@]}"; do
    IFS='|' read -r nombre _ruta meta_no meta_si <<<"$entrada"
    linea=$(printf '%-20s' "$nombre")
    for pasada in no si; do
        if [[ $pasada == no ]]; then meta=$meta_no; else meta=$meta_si; fi
        valor=${razon["$pasada|$nombre"]:-}
        if [[ -z $valor ]]; then
            linea+=$(printf ' %12s %8s' "-" "")
            continue
        fi
        veredicto=""
        if [[ $meta != - ]]; then
            if [[ $valor != HTTP* ]] && awk -v v="$valor" -v m="$meta" 'BEGIN { exit !(v >= m) }'; then
                veredicto="≥$meta PASS"
            else
                veredicto="≥$meta FAIL"
                fallos=$((fallos + 1))
            fi
        fi
        linea+=$(printf ' %12s %13s' "$valor" "$veredicto")
    done
    echo "$linea"
done
echo "(req/s de la página ÷ req/s de /__hola__/, medianas de $RONDAS rondas alternadas)"
if [[ $CRUDOS != "$tmp/crudos" ]]; then echo "crudos de wrk en $CRUDOS"; fi
if [[ $fallos -gt 0 && ${ESTRICTO:-0} == 1 ]]; then exit 1; fi
exit 0
