"""Settings for the benchmark only: the project's own, plus a "hello" page to compare with.

Nothing in the project imports this module: the hello view exists only in a process started
with DJANGO_SETTINGS_MODULE=bench_ajustes and `scripts/` on the path (scripts/bench.py,
scripts/bench-rendimiento.sh). BENCH_CACHE=no swaps every cache for Django's dummy backend,
so nothing a page stores is ever found again: the uncached measurement, whatever cache the
project configures.
"""

import os

from cancilleria import settings as _proyecto
from cancilleria.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

if os.environ.get("BENCH_CACHE", "si") == "no":
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in getattr(_proyecto, "CACHES", None) or {"default": None}
    }
    # Sessions must survive a cache that forgets everything (the staff page logs in).
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
