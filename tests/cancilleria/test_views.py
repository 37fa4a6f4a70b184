from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import (
    CargoFactory,
    CitaFactory,
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def _poblar(n, tema, organizacion, consulado, cargo):
    for _ in range(n):
        comunicado = ComunicadoFactory()
        comunicado.temas.add(tema, TemaFactory())
        comunicado.organizaciones.add(organizacion)
        CitaFactory(comunicado=comunicado, persona=cargo.persona, cargo=cargo)
        evento = EventoFactory(
            organizador=organizacion, inicio=timezone.now() + timedelta(days=2), fin=None
        )
        evento.temas.add(tema)
        evento.consulados.add(consulado)
        evento.colaboraciones.create(organizacion=organizacion, rol="auspicio")
        ParticipacionFactory(evento=evento, persona=cargo.persona, cargo=cargo)
    TemaFactory(destacado=True)


def test_paginas_publicas_consultas_no_crecen(client):
    """Home and the directory pages make as many queries with 3 items as with 30."""
    tema = TemaFactory(destacado=True)
    organizacion = OrganizacionFactory(padre=OrganizacionFactory())
    consulado = ConsuladoFactory()
    cargo = CargoFactory(organizacion=organizacion)
    urls = [
        reverse("sitio:inicio"),
        tema.get_absolute_url(),
        organizacion.get_absolute_url(),
        cargo.persona.get_absolute_url(),
        consulado.get_absolute_url(),
    ]

    def preparar(n):
        _poblar(n - Comunicado.objects.count(), tema, organizacion, consulado, cargo)
        return urls

    presupuesto_constante(client, preparar)


def test_paginas_de_directorio_ocultan_lo_no_publicado(client):
    """Topic, organisation, person and consulate pages never show drafts or scheduled items."""
    tema = TemaFactory()
    organizacion = OrganizacionFactory()
    consulado = ConsuladoFactory()
    cargo = CargoFactory(organizacion=organizacion)
    futuro = timezone.now() + timedelta(days=1)
    for estado, fecha, titulo in [
        (Estado.BORRADOR, None, "Borrador oculto"),
        (Estado.PUBLICADO, futuro, "Programado oculto"),
    ]:
        comunicado = ComunicadoFactory(estado=estado, fecha_publicacion=fecha, titulo=titulo)
        comunicado.temas.add(tema)
        comunicado.organizaciones.add(organizacion)
        CitaFactory(comunicado=comunicado, persona=cargo.persona, texto=titulo)
        evento = EventoFactory(
            estado=estado, fecha_publicacion=fecha, nombre=titulo, organizador=organizacion
        )
        evento.temas.add(tema)
        evento.consulados.add(consulado)
        ParticipacionFactory(evento=evento, persona=cargo.persona)
    for url in [
        reverse("sitio:inicio"),
        tema.get_absolute_url(),
        organizacion.get_absolute_url(),
        cargo.persona.get_absolute_url(),
        consulado.get_absolute_url(),
        reverse("sitemap-seccion", args=["comunicados"]),
        reverse("sitemap-seccion", args=["eventos"]),
    ]:
        contenido = client.get(url).content.decode()
        assert "oculto" not in contenido, url


def test_slug_inexistente_da_404(client):
    """An unknown slug on any directory page is a 404."""
    for nombre in ("tema", "organizacion", "persona", "consulado"):
        assert client.get(reverse(f"sitio:{nombre}", args=["no-existe"])).status_code == 404


def test_salud_responde(client):
    """/salud/ answers 200 with the database up, and is never cached."""
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json()["base_de_datos"] is True
    assert "no-cache" in respuesta["Cache-Control"]


def test_robots_y_sitemap(client):
    """robots.txt points to the sitemap, which lists releases in both languages."""
    comunicado = ComunicadoFactory(slug="un-comunicado")
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
    indice = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-comunicados.xml</loc>" in indice
    sitemap = client.get("/sitemap-comunicados.xml").content.decode()
    assert f"http://testserver{comunicado.get_absolute_url()}" in sitemap
    assert "http://testserver/en/comunicados/un-comunicado/" in sitemap
    assert 'hreflang="en" href="http://testserver/en/comunicados/un-comunicado/"' in sitemap
    assert 'hreflang="es" href="http://testserver/comunicados/un-comunicado/"' in sitemap


def test_sitemaps_son_xml_valido_con_fechas_locales(client):
    """Index and pages (Jinja2 templates) parse as XML: lastmod is the local date of the
    last change, and each URL names its alternates."""
    from xml.etree import ElementTree

    from django.utils import timezone

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    comunicado = ComunicadoFactory(slug="con-fecha")
    indice = ElementTree.fromstring(client.get("/sitemap.xml").content)
    secciones = {e.findtext("s:loc", namespaces=ns): e for e in indice.findall("s:sitemap", ns)}
    comunicados = secciones["http://testserver/sitemap-comunicados.xml"]
    ultima = comunicados.findtext("s:lastmod", namespaces=ns)
    assert ultima == timezone.localtime(comunicado.actualizado).isoformat()
    pagina = ElementTree.fromstring(client.get("/sitemap-comunicados.xml").content)
    urls = {u.findtext("s:loc", namespaces=ns): u for u in pagina.findall("s:url", ns)}
    url = urls["http://testserver/comunicados/con-fecha/"]
    assert url.findtext("s:lastmod", namespaces=ns) == str(
        timezone.localdate(comunicado.actualizado)
    )
    alternos = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
    assert alternos["en"] == "http://testserver/en/comunicados/con-fecha/"
    assert alternos["x-default"] == "http://testserver/comunicados/con-fecha/"


def test_cabeceras_de_seguridad(client):
    """Public pages carry a strict CSP and no inline script."""
    respuesta = client.get(reverse("sitio:inicio"))
    assert "script-src 'self'" in respuesta["Content-Security-Policy"]
    assert "<script>" not in respuesta.content.decode()


def test_cambio_de_idioma_conserva_pagina_y_filtros(client):
    """The language switcher links to the same page with the same filters in the other language."""
    TemaFactory(slug="migracion")
    contenido = client.get(reverse("comunicados:lista") + "?tema=migracion").content.decode()
    assert 'href="/en/comunicados/?tema=migracion"' in contenido


@pytest.mark.parametrize(
    "ruta",
    [
        "/comunicados/?tema=migracion&page=2",
        "/en/comunicados/un-comunicado/",
        "/qu/eventos/?consulado=francia&consulado=chile",
        "/temas/migracion/",
        "/personas/ana-perez/?pagina_comunicados=3",
        "/buscar/?q=trata%20de%20personas",
        "/",
    ],
)
def test_enlaces_a_otros_idiomas_son_los_de_translate_url(rf, ruta):
    """The language links come from the request's own match: as translate_url gives them."""
    from django.conf import settings
    from django.urls import resolve, translate_url

    from cancilleria.base.templatetags.cancilleria_tags import ruta_en_idioma

    request = rf.get(ruta)
    # As LocaleMiddleware does: the path's language is active when it is resolved.
    with translation.override(translation.get_language_from_path(ruta) or "es"):
        request.resolver_match = resolve(request.path_info)
        for codigo, _nombre in settings.LANGUAGES:
            assert ruta_en_idioma(request, codigo) == translate_url(ruta, codigo), codigo


def test_sitemap_paginado_no_crece_encontar_consultas(client):
    """A sitemap page costs the same few queries however many releases there are."""

    def preparar(n):
        ComunicadoFactory.create_batch(n - Comunicado.objects.count())
        return "/sitemap-comunicados.xml"

    assert presupuesto_constante(client, preparar) <= 3
    assert client.get("/sitemap-comunicados.xml?p=99").status_code == 404


def test_paginas_del_sitemap_por_clave_llevan_cada_publico_una_vez():
    """Pages by key range hold every public item once, in each language; nothing else."""
    from cancilleria.base.models import Estado
    from cancilleria.base.sitemaps import PaginadorPorClave
    from comunicados.sitemaps import ComunicadoSitemap

    publicos = [ComunicadoFactory() for _ in range(7)]
    ComunicadoFactory(estado=Estado.BORRADOR)
    publicos.append(ComunicadoFactory())
    sitemap = ComunicadoSitemap()
    paginador = PaginadorPorClave(sitemap, sitemap.items(), 3)
    primera = publicos[0].pk
    assert paginador.num_pages == -(-(publicos[-1].pk - primera + 1) // 3)
    assert paginador.pagina_de(primera) == 1 and paginador.pagina_de(primera + 3) == 2
    vistos = [par for n in paginador.page_range for par in paginador.page(n).object_list]
    assert sorted((c.pk, idioma) for c, idioma in vistos) == sorted(
        (c.pk, idioma) for c in publicos for idioma in ("es", "en")
    )
