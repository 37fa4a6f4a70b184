#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: loopback only, its own port, no fsync.
#
#   scripts/postgres-temporal.sh start DIR [PORT]   start it; print its DATABASE_URL
#   scripts/postgres-temporal.sh stop DIR           stop it (the data stays in DIR)
#   scripts/postgres-temporal.sh url DIR            print the DATABASE_URL again
#
# Example:
#   export DATABASE_URL=$(scripts/postgres-temporal.sh start /tmp/pg)
#   make test; scripts/postgres-temporal.sh stop /tmp/pg && rm -rf /tmp/pg
#
# Messages go to stderr, so stdout holds only the URL. PG_BIN overrides where the
# server binaries are; PG_DB names the database created for the project.
set -euo pipefail

PG_DB=${PG_DB:-cancilleria}

uso() {
    sed -n '4,6s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

buscar_binarios() {
    # Debian keeps the server outside PATH; the newest version wins.
    if [[ -n ${PG_BIN:-} ]]; then
        echo "$PG_BIN"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $dir && -x $dir/initdb ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    else
        echo "PostgreSQL server binaries not found (install postgresql, or set PG_BIN)" >&2
        exit 1
    fi
}

# shellcheck source=scripts/puerto-libre.sh
source "$(dirname "${BASH_SOURCE[0]}")/puerto-libre.sh"

# The server refuses to run as root: root runs it as the postgres user.
como_dueno() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

comando=${1:-}
dir=${2:-}
[[ -n $comando && -n $dir ]] || uso
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
bin=$(buscar_binarios)
# Run from DIR: the postgres user may not be able to read the caller's folder.
cd "$dir"

case $comando in
start)
    # Already running here (a benchmark after a manual start): reuse it.
    if [[ -f $dir/puerto ]] && como_dueno "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 &&
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$(cat "$dir/puerto")" -U postgres; then
        echo "already running on 127.0.0.1:$(cat "$dir/puerto") ($dir)" >&2
        echo "postgres://postgres@127.0.0.1:$(cat "$dir/puerto")/$PG_DB"
        exit 0
    fi
    puerto=${3:-$(puerto_libre)}
    if [[ $puerto == 5432 ]]; then
        echo "refusing port 5432: it belongs to the system cluster" >&2
        exit 1
    fi
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        como_dueno "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 --text-search-config=spanish >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            exit 1
        }
    fi
    opciones="-c listen_addresses=127.0.0.1 -p $puerto -k $dir"
    opciones+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! como_dueno "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        start -o "$opciones" >&2; then
        echo "--- $dir/server.log ---" >&2
        cat "$dir/server.log" >&2 || true
        exit 1
    fi
    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$puerto" -U postgres; then
        echo "--- $dir/server.log ---" >&2
        cat "$dir/server.log" >&2 || true
        exit 1
    fi
    echo "$puerto" >"$dir/puerto"
    # The project database (pytest-django makes its own test_ one beside it).
    "$bin/psql" -q -h 127.0.0.1 -p "$puerto" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA \
        -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1 ||
        "$bin/createdb" -h 127.0.0.1 -p "$puerto" -U postgres "$PG_DB"
    echo "$("$bin/postgres" --version) on 127.0.0.1:$puerto ($dir)" >&2
    echo "postgres://postgres@127.0.0.1:$puerto/$PG_DB"
    ;;
stop)
    if [[ -f $dir/data/postmaster.pid ]]; then
        como_dueno "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2
    fi
    ;;
url)
    [[ -f $dir/puerto ]] || {
        echo "no cluster started in $dir" >&2
        exit 1
    }
    echo "postgres://postgres@127.0.0.1:$(cat "$dir/puerto")/$PG_DB"
    ;;
*)
    uso
    ;;
esac
