"""The one rule for "is this translation complete", and where the admin shows it."""

import pytest

from cancilleria.base.models import Estado
from cancilleria.base.traducciones import (
    faltantes_por_idioma,
    idiomas_completos,
    resumen_traducciones,
)
from tests.factories import ComunicadoFactory, EventoFactory
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


def test_completo_en_los_dos_idiomas():
    """An item with every written field in both languages is complete in both."""
    comunicado = ComunicadoFactory(
        titulo_en="Title", bajada_en="Standfirst", cuerpo_es="<p>Hola</p>", cuerpo_en="<p>Hi</p>"
    )
    assert idiomas_completos(comunicado) == ["es", "en"]
    assert (
        resumen_traducciones(comunicado)
        == "es ✔ / en ✔ / qu — sin traducción / ay — sin traducción"
    )


def test_ingles_sin_cuerpo_dice_que_falta():
    """English lacking the body says so by the field's name; empty optional fields don't count."""
    comunicado = ComunicadoFactory(
        titulo_en="Title", bajada_en="Standfirst", cuerpo_es="<p>Hola</p>", cuerpo_en=""
    )
    assert faltantes_por_idioma(comunicado) == {
        "es": [],
        "en": ["cuerpo"],
        "qu": ["titulo", "bajada", "cuerpo"],
        "ay": ["titulo", "bajada", "cuerpo"],
    }
    assert resumen_traducciones(comunicado).startswith("es ✔ / en — falta cuerpo / qu — sin")


def test_sin_traduccion_enumera_lo_que_falta():
    """An untranslated item lists each missing field, in plural."""
    comunicado = ComunicadoFactory(cuerpo_es="<p>Hola</p>")
    assert resumen_traducciones(comunicado).startswith(
        "es ✔ / en — faltan título, bajada, cuerpo / "
    )


def test_un_parrafo_vacio_del_editor_no_es_traduccion():
    """Markup with no words (an editor's empty paragraph) does not count as translated."""
    evento = EventoFactory(nombre_en="Seminar", descripcion_es="<p>Texto</p>")
    evento.descripcion_en = "<p> </p>"
    assert faltantes_por_idioma(evento)["en"] == ["descripcion"]


def test_el_admin_muestra_el_estado_en_la_ficha_y_la_lista(client):
    """The change form shows the summary; the change list column uses the same rule."""
    client.force_login(crear_usuario(REDACTOR))
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, cuerpo_es="<p>Hola</p>"
    )
    ficha = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/change/")
    assert "en — faltan título, bajada, cuerpo" in ficha.content.decode()
    lista = client.get("/admin/comunicados/comunicado/").content.decode()
    assert "idioma--incompleto" in lista
