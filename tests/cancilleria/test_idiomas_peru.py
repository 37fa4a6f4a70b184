"""Quechua (/qu/) and Aymara (/ay/): content languages for the items translated into them."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from cancilleria.base.cache.middleware import clave_de_pagina
from cancilleria.base.idiomas import filtrar_traducidos, idiomas_de, tiene_traduccion
from cancilleria.base.traducciones import resumen_traducciones
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, EventoFactory, TemaFactory
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.django_db

TITULO_QU = "Runa qhatuypa ñak'ariqninkunata amachanapaq allin ruwaykuna"
MARCA = "qhatuypa"  # a word of TITULO_QU found nowhere else on a page
CUERPO_QU = "<p>Iskay pachakmanta aswan llamkaqkuna huñunakurqanku.</p>"


def _en_quechua(**campos):
    # Written with Spanish active: a request to /qu/ leaves Quechua active in this thread,
    # and modeltranslation writes plain `titulo=` into the active language.
    with translation.override("es"):
        return ComunicadoFactory(**{"titulo_qu": TITULO_QU, "cuerpo_qu": CUERPO_QU, **campos})


def _alternativas(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


# --- what exists in Quechua ------------------------------------------------------------------


def test_comunicado_traducido_se_sirve_en_quechua(client):
    """A release with a Quechua title and body is served at /qu/ as Quechua, with alternates."""
    comunicado = _en_quechua(slug="buenas-practicas", bajada="Seminario internacional")
    respuesta = client.get("/qu/comunicados/buenas-practicas/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert '<html lang="qu">' in html
    assert f'<h1 class="comunicado__titulo">{TITULO_QU.replace("'", "&#x27;")}</h1>' in html
    assert "llamkaqkuna huñunakurqanku" in html
    # No "not translated yet" notice, and the untranslated standfirst is marked Spanish.
    assert "aún no está traducido" not in html
    assert '<p class="comunicado__bajada" lang="es">Seminario internacional</p>' in html
    assert _alternativas(html) == {
        "es": "http://testserver/comunicados/buenas-practicas/",
        "en": "http://testserver/en/comunicados/buenas-practicas/",
        "qu": "http://testserver/qu/comunicados/buenas-practicas/",
        "x-default": "http://testserver/comunicados/buenas-practicas/",
    }
    assert comunicado.titulo_ay is None or comunicado.titulo_ay == ""


def test_comunicado_sin_quechua_no_se_lista_y_redirige_al_espanol(client):
    """An untranslated release is not on /qu/comunicados/, and its /qu/ page sends to Spanish."""
    _en_quechua(titulo="Traducido")
    ComunicadoFactory(titulo="Solo en castellano", slug="solo-castellano")
    lista = client.get("/qu/comunicados/").content.decode()
    assert MARCA in lista
    assert "Solo en castellano" not in lista
    respuesta = client.get("/qu/comunicados/solo-castellano/?utm=x")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/comunicados/solo-castellano/?utm=x"
    # Spanish and English are unchanged for it.
    assert client.get("/comunicados/solo-castellano/").status_code == 200
    assert client.get("/en/comunicados/solo-castellano/").status_code == 200


def test_titulo_sin_cuerpo_no_es_traduccion(client):
    """A Quechua title without a body is not a translation: not listed, redirected."""
    ComunicadoFactory(slug="a-medias", titulo_qu=TITULO_QU, cuerpo_qu="")
    assert MARCA not in client.get("/qu/comunicados/").content.decode()
    assert client.get("/qu/comunicados/a-medias/").status_code == 302


def test_aymara_es_independiente_del_quechua(client):
    """Translated into Quechua only: absent from /ay/, and no Aymara alternate anywhere."""
    _en_quechua(slug="solo-quechua")
    assert client.get("/ay/comunicados/solo-quechua/")["Location"] == "/comunicados/solo-quechua/"
    assert 'hreflang="ay"' not in client.get("/comunicados/solo-quechua/").content.decode()
    ComunicadoFactory(
        slug="en-aymara", titulo_ay="Aymar arunxa", cuerpo_ay="<p>Aka qillqataxa.</p>"
    )
    html = client.get("/ay/comunicados/en-aymara/").content.decode()
    assert '<html lang="ay">' in html
    assert set(_alternativas(html)) == {"es", "en", "ay", "x-default"}


def test_eventos_y_temas_siguen_la_misma_regla(client):
    """Events need a name and description in the language; topics, their name."""
    EventoFactory(slug="con-quechua", nombre_qu="Huñunakuy", descripcion_qu="<p>Rimanakuy.</p>")
    EventoFactory(slug="sin-quechua", nombre="Reunión sin traducir")
    TemaFactory(slug="trata", nombre_qu="Runa qhatuy")
    TemaFactory(slug="migracion")
    lista = client.get("/qu/eventos/").content.decode()
    assert "Huñunakuy" in lista and "Reunión sin traducir" not in lista
    assert client.get("/qu/eventos/con-quechua/").status_code == 200
    assert client.get("/qu/eventos/sin-quechua/")["Location"] == "/eventos/sin-quechua/"
    assert client.get("/qu/temas/trata/").status_code == 200
    assert client.get("/qu/temas/migracion/")["Location"] == "/temas/migracion/"


def test_inicio_busqueda_y_feed_en_quechua_solo_traducidos(client):
    """Home, search and the feed under /qu/ show only the translated items."""
    _en_quechua(titulo="Trata traducida")
    ComunicadoFactory(titulo="Trata sin traducir", titulo_en="Untranslated trafficking")
    inicio = client.get("/qu/").content.decode()
    assert MARCA in inicio and "Trata sin traducir" not in inicio
    busqueda = client.get("/qu/buscar/", {"q": "trata"})
    assert busqueda.status_code == 200
    html = busqueda.content.decode()
    assert "/qu/comunicados/" in html
    assert "sin traducir" not in html.lower()
    feed = client.get("/qu/comunicados/feed/rss/").content.decode()
    assert MARCA in feed and "Trata sin traducir" not in feed


# --- the chrome: Spanish until translators supply it -------------------------------------


def test_interfaz_en_espanol_bajo_quechua(client):
    """Under /qu/ the UI strings, Django's own included, and dates are Spanish, marked lang=es."""
    _en_quechua(slug="con-fecha")
    html = client.get("/qu/comunicados/con-fecha/").content.decode()
    assert '<header class="cabecera" lang="es">' in html
    assert '<footer class="pie" lang="es">' in html
    assert "Comunicados" in html and "Press releases" not in html
    # The catalogues exist (empty, for a translator), so Django accepts the prefixes.
    assert translation.check_for_language("qu") and translation.check_for_language("ay")
    with translation.override("qu"):
        assert translation.gettext("This field is required.") == "Este campo es obligatorio."
        assert translation.get_language_info("qu")["name_local"] == "Runasimi"
        assert translation.get_language_info("ay")["name_local"] == "Aymar aru"
        assert not translation.get_language_bidi()
    # Spanish date words (de…de), not Django's English default format.
    assert re.search(r"\d{1,2} de \w+ de \d{4}", html)


def test_selector_de_idioma_solo_ofrece_paginas_existentes(client):
    """The switcher links to /qu/ only where the page exists there; /ay/ likewise."""
    ComunicadoFactory(slug="sin-traducir")
    _en_quechua(slug="traducido")
    sin = client.get("/comunicados/sin-traducir/").content.decode()
    assert "/qu/comunicados/sin-traducir/" not in sin
    assert "/ay/comunicados/sin-traducir/" not in sin
    con = client.get("/comunicados/traducido/").content.decode()
    assert 'href="/qu/comunicados/traducido/" hreflang="qu" lang="qu">Runasimi</a>' in con
    assert "/ay/comunicados/traducido/" not in con
    lista = client.get("/comunicados/?tema=x").content.decode()
    assert 'href="/qu/comunicados/?tema=x"' in lista
    assert 'href="/ay/comunicados/?tema=x"' in lista


def test_sitio_ingles_sin_cambios_en_su_selector(client):
    """English pages keep their link back to Spanish and their alternates."""
    ComunicadoFactory(slug="bilingue", titulo_en="Bilingual")
    html = client.get("/en/comunicados/bilingue/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="/comunicados/bilingue/" hreflang="es" lang="es">Español</a>' in html
    assert '<span aria-current="true" lang="en">English</span>' in html
    assert set(_alternativas(html)) == {"es", "en", "x-default"}


# --- sitemap ------------------------------------------------------------------------------


def test_sitemap_alterna_solo_traducciones_existentes(client):
    """The sitemap lists /qu/ URLs and qu alternates only for the translated items."""
    _en_quechua(slug="traducido")
    ComunicadoFactory(slug="sin-traducir")
    xml = client.get("/sitemap-comunicados.xml").content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert sorted(locs) == sorted(
        f"http://testserver{prefijo}/comunicados/{slug}/"
        for slug in ("traducido", "sin-traducir")
        for prefijo in ("", "/en")
    ) + ["http://testserver/qu/comunicados/traducido/"]
    assert xml.count('hreflang="qu"') == 3  # the translated item's three URLs name it
    assert 'hreflang="qu" href="http://testserver/qu/comunicados/traducido/"' in xml
    assert "/qu/comunicados/sin-traducir/" not in xml
    assert 'hreflang="ay"' not in xml


def test_sitemap_de_temas_y_paginas(client):
    """Topic pages in Quechua only when named in it; the lists exist in every language."""
    TemaFactory(slug="trata", nombre_qu="Runa qhatuy")
    TemaFactory(slug="migracion")
    temas = client.get("/sitemap-temas.xml").content.decode()
    assert "http://testserver/qu/temas/trata/" in temas
    assert "/qu/temas/migracion/" not in temas
    paginas = client.get("/sitemap-paginas.xml").content.decode()
    assert "http://testserver/qu/comunicados/" in paginas
    assert "http://testserver/ay/eventos/" in paginas


def test_sitemap_paginado_con_traducciones():
    """Pages by key range list es/en of each item, and qu/ay only for translated ones."""
    from cancilleria.base.sitemaps import PaginadorPorClave
    from comunicados.sitemaps import ComunicadoSitemap

    for n in range(7):
        ComunicadoFactory(**({"titulo_qu": "Q", "cuerpo_qu": "<p>q</p>"} if n % 2 else {}))
    ComunicadoFactory(titulo_ay="A", cuerpo_ay="<p>a</p>")
    sitemap = ComunicadoSitemap()
    paginador = PaginadorPorClave(sitemap, sitemap.items(), 3)
    pares = [(c.pk, i) for n in paginador.page_range for c, i in paginador.page(n).object_list]
    queryset = Comunicado.objects.order_by("pk")
    lista = [(c.pk, i) for c in queryset for i in ("es", "en")]
    lista += [(c.pk, "qu") for c in queryset if c.titulo_qu]
    lista += [(c.pk, "ay") for c in queryset if c.titulo_ay]
    assert len(lista) == 16 + 3 + 1
    assert sorted(pares) == sorted(lista)


def test_sitemap_con_quechua_no_crece_en_consultas(client):
    """A sitemap page with Quechua pairs costs the same few queries however many items."""

    def preparar(n):
        while Comunicado.objects.count() < n:
            _en_quechua()
        return "/sitemap-comunicados.xml"

    assert presupuesto_constante(client, preparar) <= 4


# --- budgets, cache, rules ----------------------------------------------------------------


def test_lista_en_quechua_no_crece_en_consultas(client):
    """/qu/comunicados/ and /qu/eventos/ cost the same queries with 3 items as with 30."""

    def preparar(n):
        while Comunicado.objects.filter(titulo_qu__gt="").count() < n:
            _en_quechua(titulo_qu=f"Willakuy {Comunicado.objects.count()}")
            with translation.override("es"):
                ComunicadoFactory()  # untranslated: never on the page
                EventoFactory(nombre_qu="Huñunakuy", descripcion_qu="<p>Rimanakuy.</p>")
        return ["/qu/comunicados/", "/qu/eventos/", "/qu/"]

    comunicados, eventos, inicio = presupuesto_constante(client, preparar)
    assert comunicados <= 6 and eventos <= 8 and inicio <= 8


def test_cache_distingue_el_prefijo_de_idioma(client, rf):
    """The page cache keys differ by language prefix, so no language gets another's page."""
    _en_quechua(titulo="Traducido")
    ComunicadoFactory(titulo="Solo en castellano")
    assert "Solo en castellano" in client.get("/comunicados/").content.decode()
    quechua = client.get("/qu/comunicados/")
    assert quechua["X-Cache"] == "MISS"
    assert "Solo en castellano" not in quechua.content.decode()
    assert client.get("/qu/comunicados/")["X-Cache"] == "HIT"

    from cancilleria.base.cache import generacion

    estado = generacion.estado_actual()
    claves = {clave_de_pagina(rf.get(f"{p}/comunicados/"), estado) for p in ("", "/qu", "/ay")}
    assert len(claves) == 3


def test_reglas_en_python_y_en_la_base_coinciden():
    """`tiene_traduccion` for one row agrees with `filtrar_traducidos` on the table."""
    completo = _en_quechua()
    ComunicadoFactory(titulo_qu=TITULO_QU)  # no body
    ComunicadoFactory(cuerpo_qu=CUERPO_QU)  # no title
    ComunicadoFactory()
    traducidos = list(filtrar_traducidos(Comunicado.objects.all(), "qu"))
    assert traducidos == [completo]
    for comunicado in Comunicado.objects.all():
        assert tiene_traduccion(comunicado, "qu") == (comunicado == completo)
        assert tiene_traduccion(comunicado, "es") and tiene_traduccion(comunicado, "en")
    assert idiomas_de(completo) == ["es", "en", "qu"]
    assert filtrar_traducidos(Comunicado.objects.all(), "es").count() == 4


# --- admin --------------------------------------------------------------------------------


def test_admin_tiene_campos_quechua_aymara_y_su_completitud(client):
    """Editors get qu/ay fields; the list and form say which languages are complete."""
    client.force_login(crear_usuario(EDITOR))
    comunicado = _en_quechua(titulo_en="Title", bajada="", cuerpo_en="<p>Hi</p>")
    ficha = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/change/").content.decode()
    for campo in ("titulo_qu", "cuerpo_qu", "titulo_ay", "cuerpo_ay", "bajada_qu"):
        assert f'name="{campo}"' in ficha
    assert resumen_traducciones(comunicado) == "es ✔ / en ✔ / qu ✔ / ay — sin traducción"
    lista = client.get("/admin/comunicados/comunicado/").content.decode()
    assert re.search(r'idioma--completo"[^>]*>QU ✓', lista)
    assert re.search(r'idioma--incompleto"[^>]*>AY —', lista)
    evento = EventoFactory()
    ficha_evento = client.get(f"/admin/eventos/evento/{evento.pk}/change/").content.decode()
    assert 'name="nombre_qu"' in ficha_evento and 'name="descripcion_ay"' in ficha_evento


def test_admin_no_se_ofrece_en_quechua(client):
    """The admin's language choice lists only languages with UI strings."""
    client.force_login(crear_usuario(EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "qu"
    respuesta = client.get("/admin/")
    assert respuesta["Content-Language"] == "es"
    html = respuesta.content.decode()
    assert 'value="en"' in html and 'value="qu"' not in html


def test_demo_semilla_tiene_quechua_marcado_como_demostracion():
    """The seed's Quechua is labelled demo text, not an official translation; no Aymara."""
    from cancilleria.sitio.demo import semilla

    assert semilla.COMUNICADO["titulo_qu"].startswith("[Demostración]")
    assert "no es una traducción oficial" in semilla.COMUNICADO["cuerpo_qu"]
    assert not semilla.COMUNICADO.get("titulo_ay")
