"""Settings for the benchmark only: the project's own, plus a "hello" page to compare with.

Nothing in the project imports this module: the hello view exists only in a process started
with DJANGO_SETTINGS_MODULE=bench_ajustes and `scripts/` on the path (scripts/bench.py,
scripts/bench-rendimiento.sh). BENCH_CACHE=no turns the page cache off: the uncached
measurement, every page built as on a cache miss (which, like every miss, reads the cards,
pieces and filter options stored in the database, kept in each worker's memory once read:
cancilleria/base/fragmentos.py).
"""

import os

from cancilleria.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

if os.environ.get("BENCH_CACHE", "si") == "no":
    # The uncached measurement: every page is built, as on a cache miss; the rest of the
    # cache (sessions, the generation) works as in production.
    CACHE_PUBLICO_ACTIVO = False
