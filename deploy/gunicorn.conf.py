"""gunicorn settings for the Cancillería press CMS: `gunicorn -c deploy/gunicorn.conf.py`.

Environment variables decide, like Django's settings: GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG, FORWARDED_ALLOW_IPS.
"""

import multiprocessing
import os

wsgi_app = "cancilleria.wsgi:application"

# Loopback only: nginx (deploy/nginx.conf) is the public face.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: the views are short and database-bound; 2 per core plus one is the usual start.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# Above nginx's proxy_read_timeout (60 s) so nginx answers first with its 504.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "65"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Trust X-Forwarded-* only from nginx on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client address nginx saw, then the usual combined format and the time taken (µs).
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
proc_name = "cancilleria"
