from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import (
    AdjuntoFactory,
    CargoFactory,
    CifraFactory,
    CitaFactory,
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    PersonaFactory,
    SesionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def _comunicado_completo(n):
    """A release with n of each part, so query counts can be compared at 3 and 30."""
    evento = EventoFactory(organizador=OrganizacionFactory())
    comunicado = ComunicadoFactory(evento=evento)
    for _ in range(n):
        tema = TemaFactory()
        comunicado.temas.add(tema)
        ComunicadoFactory().temas.add(tema)
        cargo = CargoFactory()
        comunicado.personas.add(cargo.persona)
        comunicado.organizaciones.add(cargo.organizacion)
        CifraFactory(comunicado=comunicado, fuente=cargo.organizacion)
        sesion = SesionFactory(evento=evento)
        CitaFactory(comunicado=comunicado, persona=cargo.persona, cargo=cargo, sesion=sesion)
        ParticipacionFactory(evento=evento, sesion=sesion, persona=cargo.persona, cargo=cargo)
        ParticipacionFactory(evento=evento, persona=PersonaFactory(), cargo=None)
        evento.colaboraciones.create(organizacion=OrganizacionFactory())
        evento.consulados.add(ConsuladoFactory(pais="FR"))
        AdjuntoFactory(comunicado=comunicado)
    return comunicado


def test_lista_muestra_solo_publicados(client):
    """The list shows published releases, never drafts or scheduled ones."""
    visible = ComunicadoFactory(titulo="Visible")
    ComunicadoFactory(titulo="Borrador secreto", estado=Estado.BORRADOR)
    ComunicadoFactory(
        titulo="Programado secreto", fecha_publicacion=timezone.now() + timedelta(days=1)
    )
    respuesta = client.get(reverse("comunicados:lista"))
    contenido = respuesta.content.decode()
    assert visible.titulo in contenido
    assert "secreto" not in contenido


def test_lista_consultas_no_crecen(client):
    """The list page makes the same number of queries with 3 and with 30 releases."""

    def preparar(n):
        for _ in range(n - Comunicado.objects.count()):
            ComunicadoFactory().temas.add(TemaFactory())
        return reverse("comunicados:lista")

    presupuesto_constante(client, preparar)


def test_detalle_consultas_no_crecen(client):
    """The detail page's query count does not grow with its parts (3 versus 30 of each)."""
    presupuesto_constante(client, lambda n: _comunicado_completo(n).get_absolute_url())


def test_detalle_de_borrador_y_programado_da_404(client):
    """A draft or scheduled release is a 404 for the public."""
    borrador = ComunicadoFactory(estado=Estado.BORRADOR)
    programado = ComunicadoFactory(fecha_publicacion=timezone.now() + timedelta(hours=1))
    assert client.get(borrador.get_absolute_url()).status_code == 404
    assert client.get(programado.get_absolute_url()).status_code == 404


def test_detalle_en_ingles_con_respaldo_en_espanol(client):
    """The English page shows English where translated and Spanish where not."""
    comunicado = ComunicadoFactory(
        titulo_es="Título en español",
        titulo_en="Title in English",
        bajada_es="Bajada solo en español",
        bajada_en="",
    )
    with translation.override("en"):
        url = comunicado.get_absolute_url()
    assert url.startswith("/en/")
    contenido = client.get(url).content.decode()
    assert "Title in English" in contenido
    assert "Bajada solo en español" in contenido
    assert '<html lang="en">' in contenido


@pytest.mark.parametrize(
    "consulta",
    [
        "tema=no-existe",
        "desde=2022-13-45",
        "hasta=ayer",
        "anio=abc",
        "tipo=inventado",
        "orden=cualquiera",
        "q=" + "x" * 10_000,
        "tema=a&tema=b&tema=c",
        "organizacion=%00",
    ],
)
def test_filtros_malos_no_dan_500(client, consulta):
    """Bad filter values give a page with a message, never a server error."""
    ComunicadoFactory()
    respuesta = client.get(reverse("comunicados:lista") + "?" + consulta)
    assert respuesta.status_code == 200


def test_filtro_malo_explica_y_no_muestra_resultados(client):
    """An unknown topic slug shows an explanation and no releases."""
    ComunicadoFactory(titulo="Un comunicado cualquiera")
    respuesta = client.get(reverse("comunicados:lista") + "?tema=no-existe")
    contenido = respuesta.content.decode()
    assert 'role="alert"' in contenido
    assert "Un comunicado cualquiera" not in contenido


@pytest.mark.parametrize("pagina", ["abc", "999999", "0", "-1"])
def test_pagina_inexistente_da_404(client, pagina):
    """A page number that does not exist is a 404, not a 500."""
    ComunicadoFactory()
    assert client.get(reverse("comunicados:lista") + f"?page={pagina}").status_code == 404


def test_filtro_por_tema(client):
    """?tema=slug lists only the releases on that topic."""
    trata = TemaFactory(slug="trata-de-personas", nombre="Trata de personas")
    ComunicadoFactory(titulo="Sobre trata").temas.add(trata)
    ComunicadoFactory(titulo="Sobre otra cosa").temas.add(TemaFactory())
    contenido = client.get(
        reverse("comunicados:lista") + "?tema=trata-de-personas"
    ).content.decode()
    assert "Sobre trata" in contenido
    assert "Sobre otra cosa" not in contenido


def test_cuerpo_se_guarda_saneado(client):
    """Script and event handlers in the body are removed when saved and never reach the page."""
    comunicado = ComunicadoFactory(
        cuerpo='<p onclick="alert(1)">Hola<script>alert(2)</script></p><a href="javascript:x">l</a>'
    )
    comunicado.refresh_from_db()
    assert "<script" not in comunicado.cuerpo
    assert "onclick" not in comunicado.cuerpo
    assert "javascript:" not in comunicado.cuerpo
    contenido = client.get(comunicado.get_absolute_url()).content.decode()
    assert "alert(" not in contenido


def test_temas_se_eligen_con_casillas(client):
    """The topic filter is a group of labelled checkboxes, so several can be picked without JS."""
    TemaFactory(slug="migracion", nombre="Migración")
    contenido = client.get(reverse("comunicados:lista")).content.decode()
    assert 'type="checkbox" name="tema" value="migracion"' in contenido
    assert "<option" not in contenido.split('name="tema"')[0][-200:]


def test_la_lista_ofrece_solo_las_paginas_mas_recientes_y_dice_como_ver_el_resto(
    client, db, monkeypatch
):
    """Counting and paging stop at PAGINAS_MAXIMAS: "more than", a 404 past it, a way on."""
    from cancilleria.base import vistas

    monkeypatch.setattr(vistas, "PAGINAS_MAXIMAS", 2)
    ComunicadoFactory.create_batch(2 * settings.PAGINATE_BY + 1)
    url = reverse("comunicados:lista")
    primera = client.get(url)
    assert primera.context["paginator"].num_pages == 2
    assert "Más de" in primera.content.decode()
    ultima = client.get(url, {"page": 2}).content.decode()
    assert "elija un año o un rango de fechas" in ultima
    assert "elija un año" not in primera.content.decode()
    assert client.get(url, {"page": 3}).status_code == 404
