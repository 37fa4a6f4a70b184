"""Public side of issue 14 on releases: the helpline notice, co-signatories of joint
communiqués (page, JSON-LD, list filter) and partner coverage links."""

import json
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from cancilleria.directorio.models import AvisoAyuda
from comunicados.models import Cobertura, Cofirmante, Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, OrganizacionFactory, TemaFactory
from tests.listas import mostrados

pytestmark = pytest.mark.django_db


def _json_ld(html):
    (bloque,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(bloque)


@pytest.fixture
def aviso():
    return AvisoAyuda.objects.create(
        nombre_es="Línea 1818",
        nombre_en="Line 1818",
        texto_es="Llame gratis a la Línea 1818, opción 1.",
        texto_en="Call Line 1818, option 1, free of charge.",
        telefono="1818",
        url="https://www.gob.pe/mininter",
    )


def test_la_semilla_muestra_el_aviso_de_ayuda_en_espanol_e_ingles(client):
    """The seed release (trafficking) shows the helpline notice in es and en, with a tel: link."""
    from cancilleria.sitio.demo.semilla import SLUG_COMUNICADO

    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    comunicado = Comunicado.objects.get(slug=SLUG_COMUNICADO)
    es = client.get(comunicado.get_absolute_url()).content.decode()
    assert 'class="aviso-ayuda"' in es and 'href="tel:1818"' in es
    assert "Línea 1818" in es and "opción 1" in es
    assert 'href="https://www.gob.pe/mininter" rel="noopener external"' in es
    with translation.override("en"):
        url_en = comunicado.get_absolute_url()
    en = client.get(url_en).content.decode()
    assert "Line 1818" in en and "option 1" in en and 'href="tel:1818"' in en
    # The demo's coverage links show on the release and its event, marked as demo.
    assert "Cobertura de socios" in es and "[Demo]" in es
    evento = client.get(comunicado.evento.get_absolute_url()).content.decode()
    assert 'class="aviso-ayuda"' in evento and "[Demo] OIT" in evento


def test_el_aviso_solo_en_temas_sensibles_y_tambien_en_la_pagina_del_tema(client, aviso):
    """A release of a sensitive topic shows the notice, another does not; so does the topic."""
    sensible = TemaFactory(slug="trata", sensible=True, aviso_ayuda=aviso)
    otro = TemaFactory(slug="migracion")
    con_aviso = ComunicadoFactory()
    con_aviso.temas.add(sensible, otro)
    sin_aviso = ComunicadoFactory()
    sin_aviso.temas.add(otro)
    assert "Línea 1818" in client.get(con_aviso.get_absolute_url()).content.decode()
    assert "Línea 1818" not in client.get(sin_aviso.get_absolute_url()).content.decode()
    assert 'href="tel:1818"' in client.get(sensible.get_absolute_url()).content.decode()
    assert "Línea 1818" not in client.get(otro.get_absolute_url()).content.decode()


def test_el_aviso_viaja_en_el_elemento_del_feed(client, aviso):
    """The feed item of a sensitive release carries the helpline; others are unchanged."""
    tema = TemaFactory(slug="trata", sensible=True, aviso_ayuda=aviso)
    ComunicadoFactory(titulo="Sobre trata", resumen="Resumen sensible").temas.add(tema)
    ComunicadoFactory(titulo="Otro asunto", resumen="Resumen corriente")
    xml = client.get(reverse("comunicados:feed_rss")).content.decode()
    assert "Línea 1818: Llame gratis a la Línea 1818, opción 1." in xml
    assert "Teléfono: 1818" in xml
    assert "<description>Resumen corriente</description>" in xml


def _conjunto():
    comunicado = ComunicadoFactory(tipo=Comunicado.Tipo.COMUNICADO_CONJUNTO)
    chile = OrganizacionFactory(nombre="Ministerio de Relaciones Exteriores de Chile", pais="CL")
    oim = OrganizacionFactory(nombre="Organización Internacional para las Migraciones", sigla="OIM")
    # Added out of order: the page follows `orden`.
    Cofirmante.objects.create(comunicado=comunicado, organizacion=oim, orden=2)
    Cofirmante.objects.create(comunicado=comunicado, organizacion=chile, orden=1)
    return comunicado, chile, oim


def test_cofirmantes_en_orden_bajo_el_titulo_y_en_json_ld(client):
    """Two co-signatories show in their order, with the country, and as JSON-LD authors."""
    comunicado, chile, oim = _conjunto()
    html = client.get(comunicado.get_absolute_url()).content.decode()
    cabecera = html.split('class="comunicado__cabecera"')[1].split("</header>")[0]
    assert cabecera.index(chile.nombre) < cabecera.index(oim.nombre)
    assert "(Chile)" in cabecera
    autores = _json_ld(html)["author"]
    assert [a["name"] for a in autores] == [
        "Ministerio de Relaciones Exteriores del Perú",
        chile.nombre,
        oim.nombre,
    ]
    assert autores[1]["address"]["addressCountry"] == "CL"
    assert autores[2]["alternateName"] == "OIM"


def test_filtro_cofirmante_en_la_lista_y_el_feed(client):
    """`cofirmante=<slug>` lists the joint communiqués an organisation signed; unknown: message."""
    comunicado, chile, _oim = _conjunto()
    ComunicadoFactory(titulo="Sin cofirmantes")
    lista = client.get(reverse("comunicados:lista") + f"?cofirmante={chile.slug}")
    assert [c.pk for c in mostrados(lista)] == [comunicado.pk]
    assert "Firmado con" in lista.content.decode()
    feed = client.get(reverse("comunicados:feed_rss") + f"?cofirmante={chile.slug}")
    assert "Sin cofirmantes" not in feed.content.decode()
    desconocido = client.get(reverse("comunicados:lista") + "?cofirmante=nadie")
    assert desconocido.status_code == 200
    assert list(mostrados(desconocido)) == []


def test_cobertura_de_socios_enlaces_externos_sin_nada_incrustado(client):
    """Coverage links: rel noopener external, their language, and nothing fetched or embedded."""
    comunicado = ComunicadoFactory()
    oit = OrganizacionFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")
    Cobertura.objects.create(
        comunicado=comunicado,
        organizacion=oit,
        titulo="La OIT en el seminario",
        url="https://www.ilo.org/",
        idioma="en",
        fecha=date(2022, 9, 23),
    )
    html = client.get(comunicado.get_absolute_url()).content.decode()
    seccion = html.split('class="cobertura"')[1].split("</section>")[0]
    assert (
        '<a href="https://www.ilo.org/" rel="noopener external" hreflang="en" lang="en">'
        "La OIT en el seminario</a>"
    ) in seccion
    assert "OIT" in seccion
    assert "<iframe" not in html and "ilo.org/" not in html.replace(seccion, "")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://ilo.org/x", "data:text/html,x"])
def test_la_cobertura_solo_acepta_http_y_https(url):
    """Coverage URLs are web links only."""
    cobertura = Cobertura(
        comunicado=ComunicadoFactory(),
        organizacion=OrganizacionFactory(),
        titulo="x",
        url=url,
        idioma="es",
    )
    with pytest.raises(ValidationError) as error:
        cobertura.full_clean()
    assert "url" in error.value.error_dict


def test_detalle_no_crece_con_cofirmantes_y_coberturas(client, aviso):
    """The release page costs the same with 3 or 30 co-signatories and coverage links."""
    tema = TemaFactory(slug="trata", sensible=True, aviso_ayuda=aviso)
    comunicado = ComunicadoFactory(tipo=Comunicado.Tipo.COMUNICADO_CONJUNTO)
    comunicado.temas.add(tema)

    def preparar(n):
        for i in range(comunicado.cofirmantes.count(), n):
            organizacion = OrganizacionFactory(pais="CL")
            Cofirmante.objects.create(comunicado=comunicado, organizacion=organizacion, orden=i)
            Cobertura.objects.create(
                comunicado=comunicado,
                organizacion=organizacion,
                titulo=f"Nota {i}",
                url=f"https://ejemplo{i}.org/",
            )
        return comunicado.get_absolute_url()

    presupuesto_constante(client, preparar)


def test_sin_cofirmantes_ni_coberturas_no_cuestan_consultas(client):
    """A release without co-signatories, coverage or attachments reads none of them
    when its page is built (not read from its stored piece)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cancilleria.base import fragmentos
    from tests.consultas import sin_cache_publico

    def contar_consultas(client, url):
        with sin_cache_publico(client) as cliente:
            cliente.get(url)
            fragmentos.invalidar_todo()
            with CaptureQueriesContext(connection) as consultas:
                assert cliente.get(url).status_code == 200
        return len(consultas)

    simple = ComunicadoFactory()
    completo = ComunicadoFactory()
    organizacion = OrganizacionFactory()
    Cofirmante.objects.create(comunicado=completo, organizacion=organizacion)
    Cobertura.objects.create(
        comunicado=completo, organizacion=organizacion, titulo="x", url="https://a.org/"
    )
    assert contar_consultas(client, completo.get_absolute_url()) == (
        contar_consultas(client, simple.get_absolute_url()) + 2
    )
