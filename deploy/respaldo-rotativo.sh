#!/usr/bin/env bash
# Nightly backup with rotation: 7 daily, 4 weekly (Sundays), 12 monthly (the 1st).
#   RESPALDOS=/var/backups/cancilleria deploy/respaldo-rotativo.sh
# Copy $RESPALDOS off the machine afterwards (another site or provider), and restore one
# into a scratch database once a month: a backup never restored is a hope.
set -euo pipefail
cd "$(dirname "$0")/.."

raiz=${RESPALDOS:?set RESPALDOS to the backups folder}
python=${PYTHON:-.venv/bin/python}
hoy=$(date +%F)
mkdir -p "$raiz/diario" "$raiz/semanal" "$raiz/mensual"

destino="$raiz/diario/$hoy"
if [[ -e $destino ]]; then
    destino="$raiz/diario/$hoy-$(date +%H%M%S)"
fi
"$python" manage.py respaldar "$destino"

# Hard links: weekly and monthly copies take no extra space.
if [[ $(date +%u) == 7 ]]; then
    cp -al "$destino" "$raiz/semanal/$(basename "$destino")"
fi
if [[ $(date +%d) == 01 ]]; then
    cp -al "$destino" "$raiz/mensual/$(basename "$destino")"
fi

podar() {
    # Keep the newest $2 backups in $1 (names sort by date).
    local carpeta=$1 conservar=$2
    find "$carpeta" -mindepth 1 -maxdepth 1 -type d -not -name '.*' | sort -r |
        tail -n +"$((conservar + 1))" | while read -r viejo; do
        rm -rf -- "$viejo"
    done
}
podar "$raiz/diario" 7
podar "$raiz/semanal" 4
podar "$raiz/mensual" 12
