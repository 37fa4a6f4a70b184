import pytest
from django.http import QueryDict

from cancilleria.alertas.listas import LISTAS, FiltrosNoValidos, describir, normalizar
from tests.factories import ConsuladoFactory, TemaFactory

pytestmark = pytest.mark.django_db


def test_normalizar_quita_vacios_desconocidos_pagina_y_orden_y_ordena(trata):
    """The stored filters are the FilterSet's own, without noise, in a fixed order."""
    otro = TemaFactory(slug="migracion")
    consulta = QueryDict(
        f"tipo=&tema={otro.slug}&utm_source=x&page=3&orden=antiguos&tema=trata-de-personas&q=+"
    )
    filtros, _filtro = normalizar(LISTAS["comunicados"], consulta)
    assert filtros == "tema=migracion&tema=trata-de-personas"


def test_normalizar_da_la_forma_de_la_url_a_cada_valor():
    """Dates, years and choices are stored as the list's URL writes them."""
    filtros, _filtro = normalizar(
        LISTAS["comunicados"], QueryDict("anio=2022.0&desde=2024-01-05&tipo=comunicado")
    )
    assert filtros == "anio=2022&desde=2024-01-05&tipo=comunicado"


def test_normalizar_los_filtros_de_eventos():
    """Event filters (repeatable consulates, region) go through the event FilterSet."""
    ConsuladoFactory(slug="francia", pais="FR")
    ConsuladoFactory(slug="espana", pais="ES")
    filtros, _ = normalizar(
        LISTAS["eventos"], QueryDict("region=europa&consulado=francia&consulado=espana")
    )
    assert filtros == "consulado=espana&consulado=francia&region=europa"


def test_normalizar_rechaza_valores_que_no_existen():
    """An unknown topic is an error with the form's message, not an empty alert."""
    with pytest.raises(FiltrosNoValidos) as error:
        normalizar(LISTAS["comunicados"], QueryDict("tema=no-existe"))
    assert "tema" in error.value.errores


def test_describir_nombra_cada_filtro(trata):
    """The description shows labels and names, for the page and the mails."""
    _filtros, filtro = normalizar(LISTAS["comunicados"], QueryDict("tema=trata-de-personas"))
    assert describir(filtro) == [("Temas", "Trata de personas")]
