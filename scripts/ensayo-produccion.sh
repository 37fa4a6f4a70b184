#!/usr/bin/env bash
# Production rehearsal on real parts, all on loopback with ports and a temp folder of its
# own: a private PostgreSQL, Redis (the shared cache and sessions), gunicorn with production settings (deploy/gunicorn.conf.py)
# and nginx with deploy/nginx.conf; then smoke checks through nginx. Each check prints
# PASS or FAIL; the exit code is non-zero if any failed. Everything started is stopped.
#
#   scripts/ensayo-produccion.sh            (or: make ensayo)
#   ENSAYO_CONSERVAR=1 scripts/ensayo-produccion.sh   keep the temp folders to inspect
set -euo pipefail
cd "$(dirname "$0")/.."
raiz=$(pwd)

PY=${PY:-$raiz/.venv/bin/python}
GUNICORN=${GUNICORN:-$raiz/.venv/bin/gunicorn}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
REDIS=${REDIS:-$(command -v redis-server || echo /usr/bin/redis-server)}

dir=""
pg_dir=""
pid_gunicorn=""
pid_nginx=""
pid_carga=""
pid_redis=""
fallos=0
aciertos=0

al_salir() {
    local rc=$?
    # Stop by PID what this script started, newest first.
    [[ -z $pid_carga ]] || kill "$pid_carga" 2>/dev/null || true
    if [[ -n $pid_nginx ]]; then
        kill -QUIT "$pid_nginx" 2>/dev/null || true
    fi
    if [[ -n $pid_gunicorn ]]; then
        kill -TERM "$pid_gunicorn" 2>/dev/null || true
    fi
    [[ -z $pid_redis ]] || kill -TERM "$pid_redis" 2>/dev/null || true
    for pid in $pid_nginx $pid_gunicorn $pid_redis; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ -n $pg_dir ]]; then
        scripts/postgres-temporal.sh stop "$pg_dir" >/dev/null 2>&1 || true
    fi
    if [[ $rc -ne 0 && -n $dir ]]; then
        for log in gunicorn.log nginx-error.log; do
            [[ -s $dir/$log ]] || continue
            echo "--- last lines of $log ---" >&2
            tail -n 30 "$dir/$log" >&2 || true
        done
    fi
    if [[ -n ${ENSAYO_CONSERVAR:-} ]]; then
        echo "kept: $dir $pg_dir" >&2
    else
        [[ -z $dir ]] || rm -rf "$dir"
        [[ -z $pg_dir ]] || rm -rf "$pg_dir"
    fi
    exit "$rc"
}
trap al_salir EXIT
trap 'exit 130' INT TERM

paso() { printf '\n==== %s ====\n' "$1"; }

resultado() {
    # resultado OK|NO "description" ["detail"]
    if [[ $1 == OK ]]; then
        aciertos=$((aciertos + 1))
        printf 'PASS  %s\n' "$2"
    else
        fallos=$((fallos + 1))
        printf 'FAIL  %s%s\n' "$2" "${3:+  -- $3}"
    fi
}

# shellcheck source=scripts/puerto-libre.sh
source scripts/puerto-libre.sh

for herramienta in "$PY" "$GUNICORN" "$NGINX" "$REDIS" curl; do
    command -v "$herramienta" >/dev/null || {
        echo "missing: $herramienta (apt-get install nginx redis-server curl; make install)" >&2
        exit 1
    }
done

dir=$(mktemp -d /tmp/ensayo.XXXXXX)
# nginx's workers drop privileges: they must reach static and media.
chmod 755 "$dir"
mkdir -p "$dir/static" "$dir/media" "$dir/logs"
pg_dir=$(mktemp -d /tmp/ensayo-pg.XXXXXX)
puerto_gunicorn=$(puerto_libre)
puerto_nginx=$(puerto_libre)
while [[ $puerto_nginx == "$puerto_gunicorn" ]]; do puerto_nginx=$(puerto_libre); done
puerto_redis=$(puerto_libre)
while [[ $puerto_redis == "$puerto_gunicorn" || $puerto_redis == "$puerto_nginx" ]]; do
    puerto_redis=$(puerto_libre)
done
base="http://127.0.0.1:$puerto_nginx"

paso "PostgreSQL"
DATABASE_URL=$(scripts/postgres-temporal.sh start "$pg_dir")
puerto_pg=$(cat "$pg_dir/puerto")

paso "Redis on 127.0.0.1:$puerto_redis"
# Our own process, no persistence: the cache is rebuilt from the database anyway.
"$REDIS" --port "$puerto_redis" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize no >"$dir/redis.log" 2>&1 &
pid_redis=$!
export REDIS_URL=redis://127.0.0.1:$puerto_redis/0
for _ in $(seq 50); do
    "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).ping()' \
        2>/dev/null && break
    kill -0 "$pid_redis" 2>/dev/null || { cat "$dir/redis.log" >&2; exit 1; }
    sleep 0.1
done

# Production settings: DEBUG unset, no .env, a fresh key; plain http on loopback, so no
# SSL redirect and no Secure cookies (nginx terminates TLS in production).
unset DJANGO_DEBUG DJANGO_READ_DOT_ENV_FILE DJANGO_STATICFILES_STORAGE DJANGO_INSECURE_DEV_KEY
export DATABASE_URL
export DJANGO_SECRET_KEY
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false
export DJANGO_STATIC_ROOT=$dir/static DJANGO_MEDIA_ROOT=$dir/media
export DJANGO_PROXIES_DE_CONFIANZA=1
export DJANGO_LOG_LEVEL=WARNING

paso "migrate, demo content, collectstatic, compilemessages"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py cargar_demo --solo-semilla -v0 >/dev/null
"$PY" manage.py collectstatic --no-input -v0
"$PY" manage.py compilemessages --ignore=.venv --ignore=.tools -v0

# An editor account, an attachment (a small valid PDF, through the model as an upload
# would go) and the URLs the checks use.
clave_admin=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')
"$PY" manage.py shell -v0 >"$dir/datos.txt" <<EOF
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from comunicados.models import Adjunto, Comunicado
from eventos.models import Evento
from cancilleria.sitio.demo import semilla

get_user_model().objects.create_superuser("ensayo", "ensayo@example.org", "$clave_admin")
comunicado = Comunicado.objects.get(slug=semilla.SLUG_COMUNICADO)
pdf = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
try:
    # As the admin's form does: an uncommitted file, stored by the model's save().
    adjunto = Adjunto(
        comunicado=comunicado,
        titulo="Informe de prueba",
        archivo=ContentFile(pdf, name="informe.pdf"),
    )
    adjunto.save()
    print("ADJUNTO", adjunto.archivo.url)
except Exception as error:  # reported as a FAIL below, the other checks still run
    print("ERROR", repr(error))
print("COMUNICADO", comunicado.get_absolute_url())
print("EVENTO", Evento.objects.get(slug=semilla.SLUG_EVENTO).get_absolute_url())
EOF
url_adjunto=$(awk '$1 == "ADJUNTO" {print $2}' "$dir/datos.txt")
url_comunicado=$(awk '$1 == "COMUNICADO" {print $2}' "$dir/datos.txt")
url_evento=$(awk '$1 == "EVENTO" {print $2}' "$dir/datos.txt")
echo "attachment: $url_adjunto"
# A file that should never have been accepted, as if left from before the allowlist:
# nginx alone must keep it inert.
mkdir -p "$dir/media/adjuntos/antiguo"
printf '<!doctype html><script>alert(document.domain)</script>\n' \
    >"$dir/media/adjuntos/antiguo/pagina.html"

paso "gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:$puerto_gunicorn"
GUNICORN_BIND=127.0.0.1:$puerto_gunicorn GUNICORN_WORKERS=2 \
    GUNICORN_ACCESS_LOG="$dir/logs/gunicorn-access.log" \
    "$GUNICORN" -c deploy/gunicorn.conf.py >"$dir/gunicorn.log" 2>&1 &
pid_gunicorn=$!

paso "nginx (deploy/nginx.conf) on 127.0.0.1:$puerto_nginx"
# Rewrite exactly the lines marked OPERATOR; fail loudly if one is no longer there.
sed -e "s|server 127.0.0.1:8000 |server 127.0.0.1:$puerto_gunicorn |" \
    -e "s|listen 80;|listen 127.0.0.1:$puerto_nginx;|" \
    -e "s|server_name prensa.rree.gob.pe;|server_name 127.0.0.1 localhost;|" \
    -e "s|/srv/cancilleria/staticfiles/|$dir/static/|" \
    -e "s|/srv/cancilleria/media/|$dir/media/|g" \
    deploy/nginx.conf >"$dir/sitio.conf"
for esperado in "server 127.0.0.1:$puerto_gunicorn " "listen 127.0.0.1:$puerto_nginx;" \
    "alias $dir/static/;" "alias $dir/media/;" "alias $dir/media/adjuntos/;"; do
    grep -qF "$esperado" "$dir/sitio.conf" || {
        echo "deploy/nginx.conf changed: could not template \"$esperado\"" >&2
        exit 1
    }
done
usuario_nginx=""
if [[ $(id -u) -eq 0 ]]; then
    usuario_nginx="user www-data;"
    id www-data >/dev/null 2>&1 || usuario_nginx="user nobody nogroup;"
fi
cat >"$dir/nginx.conf" <<EOF
$usuario_nginx
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $dir/logs/nginx-access.log;
    client_body_temp_path $dir/tmp-cuerpo;
    proxy_temp_path $dir/tmp-proxy;
    fastcgi_temp_path $dir/tmp-fastcgi;
    uwsgi_temp_path $dir/tmp-uwsgi;
    scgi_temp_path $dir/tmp-scgi;
    include $dir/sitio.conf;
}
EOF
"$NGINX" -t -q -e "$dir/nginx-error.log" -c "$dir/nginx.conf" -p "$dir/"
"$NGINX" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" -p "$dir/" &
pid_nginx=$!

listo=""
for _ in $(seq 150); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/salud/") == 200 ]]; then
        listo=1
        break
    fi
    kill -0 "$pid_gunicorn" 2>/dev/null || break
    kill -0 "$pid_nginx" 2>/dev/null || break
    sleep 0.2
done
[[ -n $listo ]] || {
    echo "the site did not answer through nginx" >&2
    exit 1
}

# --- checks --------------------------------------------------------------------------

# curl prints 000 when nothing answers; its exit code must not end the script.
codigo() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-10}" "$base$1" || true; }
cabeceras() { { curl -s -D - -o /dev/null --max-time 10 "${@:2}" "$base$1" || true; } | tr -d '\r'; }
cabecera() {
    # cabecera HEADERS NAME: the header's value (case-insensitive name), empty if absent.
    awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$2")" -F': ' \
        'tolower($1) == n {sub(/^[^:]*: /, ""); print; exit}' <<<"$1"
}

paso "Pages through nginx"
for ruta in / /comunicados/ "$url_comunicado" /eventos/ "$url_evento" /sitemap.xml /salud/ \
    /robots.txt /en/ /en/comunicados/; do
    c=$(codigo "$ruta")
    [[ $c == 200 ]] && resultado OK "GET $ruta -> 200" || resultado NO "GET $ruta -> 200" "got $c"
done
c=$(codigo /no-existe-esta-pagina/)
cuerpo=$(curl -s --max-time 10 "$base/no-existe-esta-pagina/" || true)
if [[ $c == 404 && $cuerpo != *"URLconf"* && $cuerpo != *"Traceback"* ]]; then
    resultado OK "404 page without debug information (DEBUG off)"
else
    resultado NO "404 page without debug information (DEBUG off)" "status $c"
fi
c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Host: atacante.example' "$base/" || true)
[[ $c == 400 ]] && resultado OK "unknown Host -> 400" || resultado NO "unknown Host -> 400" "got $c"

paso "Shared cache (Redis): served from cache, fresh after a publish"
h1=$(cabeceras /comunicados/)
h2=$(cabeceras /comunicados/)
h3=$(cabeceras /comunicados/)
[[ $(cabecera "$h3" X-Cache) == HIT ]] &&
    resultado OK "anonymous /comunicados/ served from the cache (X-Cache: HIT)" ||
    resultado NO "anonymous /comunicados/ served from the cache" \
        "$(cabecera "$h1" X-Cache) $(cabecera "$h2" X-Cache) $(cabecera "$h3" X-Cache)"
cc=$(cabecera "$h3" Cache-Control)
[[ $cc == *public* && $cc == *s-maxage=* && -n $(cabecera "$h3" Surrogate-Key) ]] &&
    resultado OK "Cache-Control: $cc; Surrogate-Key present" ||
    resultado NO "public Cache-Control and Surrogate-Key" "${cc:-no Cache-Control}"
etiqueta=$(cabecera "$h3" ETag)
c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "If-None-Match: $etiqueta" \
    "$base/comunicados/" || true)
[[ -n $etiqueta && $c == 304 ]] && resultado OK "If-None-Match $etiqueta -> 304" ||
    resultado NO "If-None-Match -> 304" "ETag ${etiqueta:-absent}, got $c"
h=$(cabeceras /comunicados/ -H 'Cookie: sessionid=de-alguien')
[[ $(cabecera "$h" X-Cache) == BYPASS && $(cabecera "$h" Cache-Control) == *no-store* ]] &&
    resultado OK "a session cookie bypasses the cache (private, no-store)" ||
    resultado NO "a session cookie bypasses the cache" "$(cabecera "$h" X-Cache)"
# Warm the release page in both workers, then edit from another process.
for _ in 1 2 3 4; do codigo "$url_comunicado" >/dev/null; done
marca="ENSAYO-CACHE-$RANDOM$RANDOM"
"$PY" manage.py shell -v0 -c "
from comunicados.models import Comunicado
from cancilleria.sitio.demo import semilla
c = Comunicado.objects.get(slug=semilla.SLUG_COMUNICADO)
c.titulo_es = c.titulo_es + ' $marca'
c.save()"
editado=$(date +%s%N)
frescas=0
for _ in 1 2 3 4; do
    for ruta in "$url_comunicado" /comunicados/ /; do
        cuerpo=$(curl -s --max-time 5 "$base$ruta" || true)
        [[ $cuerpo == *"$marca"* ]] && frescas=$((frescas + 1))
    done
done
ms=$((($(date +%s%N) - editado) / 1000000))
((frescas == 12 && ms < 1000)) &&
    resultado OK "an edit from another process shows at once in every worker (12/12, ${ms} ms)" ||
    resultado NO "an edit shows at once in every worker" "$frescas/12 fresh, ${ms} ms"
entradas=$("$PY" -c 'import os, redis
r = redis.Redis.from_url(os.environ["REDIS_URL"])
print(sum(1 for _ in r.scan_iter("*publico:pagina*")))')
((entradas > 0)) && resultado OK "pages stored in Redis ($entradas entries)" ||
    resultado NO "pages stored in Redis" "none"

paso "Security headers"
h=$(cabeceras /)
[[ $(cabecera "$h" X-Content-Type-Options) == nosniff ]] &&
    resultado OK "X-Content-Type-Options: nosniff" || resultado NO "X-Content-Type-Options: nosniff"
[[ -n $(cabecera "$h" Referrer-Policy) ]] &&
    resultado OK "Referrer-Policy: $(cabecera "$h" Referrer-Policy)" || resultado NO "Referrer-Policy"
csp=$(cabecera "$h" Content-Security-Policy)
[[ $csp == *"default-src 'self'"* && $csp == *"frame-ancestors 'none'"* ]] &&
    resultado OK "Content-Security-Policy present and strict" ||
    resultado NO "Content-Security-Policy present and strict" "${csp:-absent}"
[[ $(cabecera "$h" X-Frame-Options) == DENY ]] &&
    resultado OK "X-Frame-Options: DENY" || resultado NO "X-Frame-Options: DENY"
servidor=$(cabecera "$h" Server)
[[ $servidor != *[0-9]* ]] && resultado OK "Server header without version (${servidor:-absent})" ||
    resultado NO "Server header without version" "$servidor"
[[ -z $(cabecera "$h" Strict-Transport-Security) ]] &&
    resultado OK "no HSTS on plain http (Django sends it on https only)" ||
    resultado NO "no HSTS on plain http"
g=$(cabeceras / -H 'Accept-Encoding: gzip')
[[ $(cabecera "$g" Content-Encoding) == gzip ]] &&
    resultado OK "HTML gzipped by nginx" || resultado NO "HTML gzipped by nginx"

paso "Static files (served by nginx from STATIC_ROOT)"
css=$({ curl -s --max-time 10 "$base/" || true; } | grep -o '/static/[^"]*\.[0-9a-f]\{12\}\.css' | head -n 1 || true)
if [[ -z $css ]]; then
    resultado NO "home page links a hashed stylesheet" "none found"
else
    h=$(cabeceras "$css" -H 'Accept-Encoding: gzip')
    estado=$(head -n 1 <<<"$h")
    cc=$(cabecera "$h" Cache-Control)
    [[ $estado == *" 200"* && $cc == *"max-age=31536000"* && $cc == *immutable* ]] &&
        resultado OK "GET $css -> 200, Cache-Control: $cc" ||
        resultado NO "hashed static cached for a year" "$estado / ${cc:-no Cache-Control}"
    [[ $(cabecera "$h" Content-Encoding) == gzip ]] &&
        resultado OK "static CSS sent gzipped" || resultado NO "static CSS sent gzipped"
    [[ $(cabecera "$h" X-Content-Type-Options) == nosniff ]] &&
        resultado OK "static with nosniff" || resultado NO "static with nosniff"
fi

paso "Attachments (/media/adjuntos/ by nginx)"
revisar_adjunto() {
    local ruta=$1 nombre=$2 h estado
    h=$(cabeceras "$ruta")
    estado=$(head -n 1 <<<"$h")
    [[ $estado == *" 200"* ]] && resultado OK "$nombre: GET $ruta -> 200" ||
        resultado NO "$nombre: GET $ruta -> 200" "$estado"
    [[ $(cabecera "$h" Content-Disposition) == attachment* ]] &&
        resultado OK "$nombre: Content-Disposition: attachment" ||
        resultado NO "$nombre: Content-Disposition: attachment" "$(cabecera "$h" Content-Disposition)"
    [[ $(cabecera "$h" X-Content-Type-Options) == nosniff ]] &&
        resultado OK "$nombre: X-Content-Type-Options: nosniff" ||
        resultado NO "$nombre: X-Content-Type-Options: nosniff"
    [[ $(cabecera "$h" Content-Security-Policy) == *sandbox* ]] &&
        resultado OK "$nombre: Content-Security-Policy: sandbox" ||
        resultado NO "$nombre: Content-Security-Policy: sandbox"
}
if [[ -n $url_adjunto ]]; then
    revisar_adjunto "$url_adjunto" "PDF attachment"
    [[ $url_adjunto == *.pdf ]] && resultado OK "attachment stored with the .pdf extension" ||
        resultado NO "attachment stored with the .pdf extension" "$url_adjunto"
else
    resultado NO "attachment created through the model" "$(grep ERROR "$dir/datos.txt" || true)"
fi
revisar_adjunto /media/adjuntos/antiguo/pagina.html "stray HTML file"
c=$(head -c $((65 * 1024 * 1024)) /dev/zero |
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 --data-binary @- "$base/admin/login/" ||
    true)
[[ $c == 413 ]] && resultado OK "a 65 MB body -> 413 from nginx" ||
    resultado NO "a 65 MB body -> 413 from nginx" "got $c"

paso "Backup and restore (manage.py respaldar / restaurar)"
if "$PY" manage.py respaldar "$dir/respaldo" >"$dir/respaldo.log" 2>&1; then
    resultado OK "respaldar: $(tail -n 1 "$dir/respaldo.log")"
    # Into a second, empty database and media folder, as on a new machine.
    "$PY" -c 'import sys, psycopg
psycopg.connect(sys.argv[1], autocommit=True).execute("CREATE DATABASE cancilleria_restaurada")' \
        "$DATABASE_URL"
    if DATABASE_URL=${DATABASE_URL%/*}/cancilleria_restaurada DJANGO_MEDIA_ROOT=$dir/media-restaurada \
        "$PY" manage.py restaurar "$dir/respaldo" >"$dir/restaurar.log" 2>&1; then
        resultado OK "restaurar into an empty database: $(tail -n 1 "$dir/restaurar.log")"
    else
        resultado NO "restaurar into an empty database" "$(tail -n 3 "$dir/restaurar.log")"
    fi
else
    resultado NO "respaldar" "$(tail -n 3 "$dir/respaldo.log")"
fi

paso "Database restart under light load"
registro=$dir/carga.txt
(
    # ~10 s of requests, one after another, each with its time.
    fin=$((SECONDS + 12))
    while ((SECONDS < fin)); do
        for ruta in / "$url_comunicado" /comunicados/; do
            c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base$ruta" || true)
            echo "$(date +%s.%N) $c $ruta"
        done
        sleep 0.05
    done
) >"$registro" &
pid_carga=$!
sleep 2
scripts/postgres-temporal.sh stop "$pg_dir" >/dev/null 2>&1
scripts/postgres-temporal.sh start "$pg_dir" "$puerto_pg" >/dev/null 2>"$dir/pg-reinicio.log"
de_vuelta=$(date +%s.%N)
wait "$pid_carga" || true
pid_carga=""
total=$(wc -l <"$registro")
malos=$(awk -v t="$de_vuelta" '$1 > t + 1 && ($2 >= 500 || $2 == "000")' "$registro" | wc -l)
durante=$(awk -v t="$de_vuelta" '$1 <= t + 1 {print $2}' "$registro" | sort | uniq -c | tr '\n' ' ')
despues=$(awk -v t="$de_vuelta" '$1 > t + 1' "$registro" | wc -l)
if ((malos == 0 && despues > 0)); then
    resultado OK "restart: $total requests, no 5xx from 1 s after PostgreSQL is back ($despues after)"
else
    resultado NO "restart: no 5xx from 1 s after PostgreSQL is back" \
        "$malos of $despues failed; $(awk -v t="$de_vuelta" '$1 > t + 1 && ($2 >= 500 || $2 == "000") {print $2, $3}' "$registro" | sort | uniq -c | head -n 3 | tr '\n' ' ')"
fi
echo "      (before/while down: $durante)"

paso "Database down: 503 with Retry-After, fast"
codigo /comunicados/ >/dev/null
scripts/postgres-temporal.sh stop "$pg_dir" >/dev/null 2>&1
# A page already in the cache may still be served (nothing can change while the database
# is down); anything else must be the 503.
h=$(cabeceras /comunicados/)
estado=$(head -n 1 <<<"$h")
if [[ ($estado == *" 200"* && $(cabecera "$h" X-Cache) == HIT) || $estado == *" 503"* ]]; then
    resultado OK "down: a cached page is served from the cache or is a 503 (${estado#* })"
else
    resultado NO "down: a cached page is served from the cache or is a 503" "$estado"
fi
for ruta in "/?sin-cache=$RANDOM" "$url_comunicado?sin-cache=$RANDOM" \
    "/comunicados/?sin-cache=$RANDOM" "/eventos/?sin-cache=$RANDOM" /salud/; do
    inicio=$(date +%s%N)
    h=$(curl -s -D - -o /dev/null --max-time 3 "$base$ruta" | tr -d '\r' || true)
    ms=$((($(date +%s%N) - inicio) / 1000000))
    estado=$(head -n 1 <<<"$h")
    retry=$(cabecera "$h" Retry-After)
    if [[ $estado == *" 503"* && -n $retry ]]; then
        resultado OK "down: GET $ruta -> 503, Retry-After: $retry, in ${ms} ms"
    else
        resultado NO "down: GET $ruta -> 503 with Retry-After in < 3 s" \
            "${estado:-no answer in 3 s} ${retry:+Retry-After $retry} (${ms} ms)"
    fi
done
scripts/postgres-temporal.sh start "$pg_dir" "$puerto_pg" >/dev/null 2>"$dir/pg-reinicio.log"
# Every worker must recover by itself: a few requests, so each worker serves one.
recuperado=OK
codigos=""
for ruta in / "$url_comunicado" /comunicados/ /salud/; do
    c=$(codigo "$ruta")
    codigos+="$c "
    [[ $c == 200 ]] || recuperado=NO
done
resultado "$recuperado" "back up: the next requests answer 200 (no restart)" "$codigos"

paso "Login lockout (/admin/login/)"
galletas=$dir/galletas.txt
entrar() {
    # POST the login form with a fresh CSRF token; print the status code.
    local clave=$1 token
    token=$({ curl -s -c "$galletas" -b "$galletas" --max-time 10 "$base/admin/login/" || true; } |
        grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//' ||
        true)
    curl -s -o "$dir/respuesta.html" -w '%{http_code}' -c "$galletas" -b "$galletas" \
        --max-time 10 -e "$base/admin/login/" \
        --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=ensayo" \
        --data-urlencode "password=$clave" --data-urlencode "next=/admin/" \
        "$base/admin/login/?next=/admin/" || true
}
codigos=""
for i in $(seq 10); do
    codigos+="$(entrar "incorrecta-$i") "
done
echo "      10 wrong passwords: $codigos"
! grep -qE '(^| )5[0-9]{2}( |$)' <<<"$codigos" && resultado OK "10 wrong passwords: no 5xx" ||
    resultado NO "10 wrong passwords: no 5xx" "$codigos"
c=$(entrar "$clave_admin")
if [[ $c == 429 ]] || [[ $c == 403 && -s $dir/respuesta.html ]]; then
    resultado OK "right password refused after 10 failures ($c)"
else
    resultado NO "right password refused after 10 failures" "got $c (302 = logged in)"
fi

printf '\n==== %s passed, %s failed ====\n' "$aciertos" "$fallos"
((fallos == 0))
