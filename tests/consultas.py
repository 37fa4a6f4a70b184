"""Query budgets: the one way tests count a page's queries."""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

POCAS = 3
MUCHAS = 30


def contar_consultas(client, url):
    """Return how many queries a successful GET of `url` made, with warm caches, uncached.

    A first GET fills process-wide caches (content types, for one) as in a running
    server, so the count does not depend on which test ran before.
    """
    with sin_cache_publico(client) as cliente:
        cliente.get(url)
        with CaptureQueriesContext(connection) as contexto:
            respuesta = cliente.get(url)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return len(contexto)


@contextmanager
def sin_cache_publico(client):
    """Yield a client like `client` (same cookies) whose requests skip the page cache.

    Budgets are for building a page: the second GET would otherwise be a cache hit and
    count nothing. A new client, because a client loads its middleware once.
    """
    sin_cache = [m for m in settings.MIDDLEWARE if not m.endswith(".CachePublicoMiddleware")]
    with override_settings(MIDDLEWARE=sin_cache):
        cliente = Client(**client.defaults)
        cliente.cookies = client.cookies
        yield cliente


def presupuesto_constante(client, preparar, *, pocas=POCAS, muchas=MUCHAS):
    """Assert the pages cost the same queries with `pocas` items as with `muchas`; return it.

    `preparar(n)` leaves the data so the pages show n items (of each kind the test is
    about) and returns the URL, or a list of URLs, to measure. The return value is the
    count (or the list of counts), for tests that also hold the page to a fixed number.
    """
    con_pocas = _contar(client, preparar(pocas))
    con_muchas = _contar(client, preparar(muchas))
    assert con_muchas == con_pocas, f"{pocas} items: {con_pocas}; {muchas} items: {con_muchas}"
    return con_muchas


def _contar(client, urls):
    if isinstance(urls, str):
        return contar_consultas(client, urls)
    return [contar_consultas(client, url) for url in urls]
