"""Query budgets: the one way tests count a page's queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

POCAS = 3
MUCHAS = 30


def contar_consultas(client, url):
    """Return how many queries a successful GET of `url` made, with warm caches.

    A first GET fills process-wide caches (content types, for one) as in a running
    server, so the count does not depend on which test ran before.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as contexto:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return len(contexto)


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
