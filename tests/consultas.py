"""Query counting shared by the query-budget tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def contar_consultas(client, url):
    """Return how many queries a successful GET of `url` made."""
    with CaptureQueriesContext(connection) as contexto:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, respuesta.status_code
    return len(contexto)
