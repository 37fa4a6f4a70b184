"""Withdrawn (notice at the URL), unpublished (410 or 301) and renamed (301) items, per surface."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cancilleria.base import services as servicios_comunes
from cancilleria.base.models import Estado
from comunicados import services
from comunicados.models import Comunicado
from eventos import services as servicios_eventos
from tests.consultas import presupuesto_constante, sin_cache_publico
from tests.factories import ComunicadoFactory, EventoFactory, TemaFactory
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

MOTIVOS = {"es": "Las cifras se corrigieron.", "en": "The figures were corrected."}


@pytest.fixture
def editor():
    return crear_usuario(EDITOR)


@pytest.fixture
def retirado(editor):
    tema = TemaFactory(slug="trata-de-personas")
    reemplazo = ComunicadoFactory(titulo_es="Versión corregida", slug="version-corregida")
    comunicado = ComunicadoFactory(
        titulo_es="Cifras de trata retiradas",
        titulo_en="Withdrawn trafficking figures",
        slug="cifras-retiradas",
    )
    comunicado.temas.add(tema)
    services.retirar(comunicado=comunicado, usuario=editor, motivos=MOTIVOS, reemplazo=reemplazo)
    return comunicado


# -- withdrawn: 200 with a notice, nowhere else ------------------------------------


def test_retirado_sigue_en_su_url_con_aviso_y_noindex(client, retirado):
    """The withdrawn page answers 200 with date, reason, replacement link and noindex."""
    respuesta = client.get("/comunicados/cifras-retiradas/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "aviso-retiro" in html
    assert "Retirado el" in html
    assert "Las cifras se corrigieron." in html
    assert 'href="/comunicados/version-corregida/"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert respuesta["X-Robots-Tag"] == "noindex"
    assert "application/ld+json" not in html


def test_retirado_en_ingles(client, retirado):
    """In English the notice, its reason and the replacement link are in English."""
    respuesta = client.get("/en/comunicados/cifras-retiradas/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Withdrawn on" in html
    assert "The figures were corrected." in html
    assert 'href="/en/comunicados/version-corregida/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_el_motivo_en_ingles_recae_en_espanol(client, editor):
    """Without an English reason the English page shows the Spanish one."""
    comunicado = ComunicadoFactory(slug="solo-es")
    services.retirar(comunicado=comunicado, usuario=editor, motivos={"es": "Duplicado."})
    assert "Duplicado." in client.get("/en/comunicados/solo-es/").content.decode()


def test_la_pagina_publica_no_tiene_noindex(client):
    """A public release is indexable: the notice and noindex belong to withdrawn ones only."""
    ComunicadoFactory(slug="normal")
    html = client.get("/comunicados/normal/").content.decode()
    assert "noindex" not in html
    assert "aviso-retiro" not in html


@pytest.mark.parametrize(
    "ruta",
    [
        "/comunicados/",
        "/en/comunicados/",
        "/comunicados/?tema=trata-de-personas",
        "/comunicados/feed/rss/",
        "/comunicados/feed/atom/",
        "/buscar/?q=retiradas",
        "/en/buscar/?q=withdrawn",
        "/sitemap-comunicados.xml",
        "/temas/trata-de-personas/",
        "/",
    ],
)
def test_retirado_no_aparece_en_listas(client, retirado, ruta):
    """Lists, feeds, search, the sitemap, topic pages and home leave the withdrawn item out."""
    respuesta = client.get(ruta)
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "cifras-retiradas" not in contenido
    assert "Cifras de trata retiradas" not in contenido


def test_la_busqueda_encuentra_lo_publico(client):
    """Control for the test above: the same search finds a public release."""
    ComunicadoFactory(titulo_es="Cifras de trata retiradas", slug="cifras-publicas")
    assert "cifras-publicas" in client.get("/buscar/?q=retiradas").content.decode()


def test_evento_retirado(client, editor):
    """A withdrawn event keeps its page with the notice and leaves the event list."""
    evento = EventoFactory(nombre_es="Seminario retirado", slug="seminario-retirado")
    servicios_eventos.retirar(evento=evento, usuario=editor, motivos={"es": "Se canceló."})
    respuesta = client.get("/eventos/seminario-retirado/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Se canceló." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "seminario-retirado" not in client.get("/eventos/").content.decode()
    assert client.get("/en/eventos/seminario-retirado/").status_code == 200


def test_retirar_sin_motivo_es_un_error(editor):
    """The public reason is required: the service refuses without it."""
    comunicado = ComunicadoFactory()
    with pytest.raises(ValidationError) as error:
        services.retirar(comunicado=comunicado, usuario=editor, motivos={"es": "  "})
    assert error.value.code == "falta_motivo"
    comunicado.refresh_from_db()
    assert comunicado.estado == Estado.PUBLICADO


def test_el_reemplazo_debe_ser_publico(editor):
    """A draft cannot be the replacement: the notice would link to a 404."""
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    comunicado = ComunicadoFactory()
    with pytest.raises(ValidationError):
        services.retirar(comunicado=comunicado, usuario=editor, motivos=MOTIVOS, reemplazo=borrador)


def test_republicar_quita_el_aviso(client, retirado, editor):
    """Publishing a withdrawn item again clears the notice and brings it back to lists."""
    services.publicar(comunicado=retirado, usuario=editor)
    retirado.refresh_from_db()
    assert retirado.retirado_en is None and not retirado.motivo_retiro_es
    assert "aviso-retiro" not in client.get("/comunicados/cifras-retiradas/").content.decode()
    assert "cifras-retiradas" in client.get("/comunicados/").content.decode()


def test_el_historial_registra_retiro_y_despublicacion(retirado, editor):
    """Both changes are in the history with who and why."""
    ultimo = retirado.history.first()
    assert ultimo.history_user == editor
    assert ultimo.history_change_reason == "Retirado: Las cifras se corrigieron."
    assert ultimo.motivo_retiro_en == "The figures were corrected."
    services.despublicar(comunicado=retirado, usuario=editor)
    assert retirado.history.first().history_change_reason == "Despublicado (410)"


def test_enviar_a_revision_un_retirado_da_410(client, retirado, editor):
    """A withdrawn item sent back to review must not show text under review: 410 meanwhile."""
    services.enviar_a_revision(comunicado=retirado, usuario=editor)
    assert client.get("/comunicados/cifras-retiradas/").status_code == 410


# -- unpublished: 410 or 301 -------------------------------------------------------


@pytest.mark.parametrize(("prefijo", "texto"), [("", "ya no está disponible"), ("/en", "")])
def test_despublicado_da_410(client, editor, prefijo, texto):
    """Unpublished by mistake: 410 Gone with a clear page, in both languages."""
    comunicado = ComunicadoFactory(slug="por-error")
    services.despublicar(comunicado=comunicado, usuario=editor)
    respuesta = client.get(f"{prefijo}/comunicados/por-error/")
    assert respuesta.status_code == 410
    html = respuesta.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    if prefijo:
        assert "This content is no longer available" in html
        assert 'lang="en"' in html
    else:
        assert texto in html
    comunicado.refresh_from_db()
    assert comunicado.estado == Estado.BORRADOR
    assert "por-error" not in client.get(f"{prefijo}/comunicados/").content.decode()


def test_despublicado_con_reemplazo_da_301(client, editor):
    """Unpublished with a replacement: a permanent redirect to it."""
    reemplazo = ComunicadoFactory(slug="el-bueno")
    comunicado = ComunicadoFactory(slug="el-malo")
    services.despublicar(comunicado=comunicado, usuario=editor, reemplazo=reemplazo)
    respuesta = client.get("/comunicados/el-malo/")
    assert respuesta.status_code == 301
    assert respuesta["Location"] == "/comunicados/el-bueno/"
    assert client.get("/en/comunicados/el-malo/")["Location"] == "/en/comunicados/el-bueno/"


def test_evento_despublicado_da_410(client, editor):
    """Events answer 410 too."""
    evento = EventoFactory(slug="evento-por-error")
    servicios_eventos.despublicar(evento=evento, usuario=editor)
    assert client.get("/eventos/evento-por-error/").status_code == 410


def test_un_borrador_nunca_publicado_sigue_siendo_404(client):
    """Only what was public answers 410; a draft's URL is still a plain 404."""
    ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None, slug="borrador")
    assert client.get("/comunicados/borrador/").status_code == 404


def test_despublicar_exige_permiso():
    """A writer may not unpublish."""
    comunicado = ComunicadoFactory()
    with pytest.raises(PermissionDenied):
        services.despublicar(comunicado=comunicado, usuario=crear_usuario(REDACTOR))


# -- old slugs ---------------------------------------------------------------------


def test_slug_anterior_redirige(client):
    """A renamed item's old URL answers 301 to the new one, in both languages."""
    comunicado = ComunicadoFactory(slug="nuevo")
    servicios_comunes.registrar_slug_anterior(objeto=comunicado, slug_anterior="viejo")
    respuesta = client.get("/comunicados/viejo/")
    assert respuesta.status_code == 301
    assert respuesta["Location"] == "/comunicados/nuevo/"
    assert client.get("/en/comunicados/viejo/")["Location"] == "/en/comunicados/nuevo/"


def test_slug_anterior_de_evento(client):
    """Events keep their old slugs too; a slug of the other model does not leak over."""
    evento = EventoFactory(slug="evento-nuevo")
    servicios_comunes.registrar_slug_anterior(objeto=evento, slug_anterior="evento-viejo")
    assert client.get("/eventos/evento-viejo/")["Location"] == "/eventos/evento-nuevo/"
    assert client.get("/comunicados/evento-viejo/").status_code == 404


def test_volver_al_slug_anterior_no_hace_bucle(client):
    """An item renamed back to an old slug is served there, not redirected in a loop."""
    comunicado = ComunicadoFactory(slug="a")
    servicios_comunes.registrar_slug_anterior(objeto=comunicado, slug_anterior="b")
    comunicado.slug = "b"
    comunicado.save()
    servicios_comunes.registrar_slug_anterior(objeto=comunicado, slug_anterior="a")
    assert client.get("/comunicados/b/").status_code == 200
    assert client.get("/comunicados/a/")["Location"] == "/comunicados/b/"


# -- the page cache sees it at once ------------------------------------------------


def test_el_cache_muestra_el_retiro_y_la_despublicacion_al_instante(client, editor):
    """Cached pages (detail and list) change on the next request after each write."""
    comunicado = ComunicadoFactory(slug="en-cache", titulo_es="En cache")
    for ruta in ("/comunicados/en-cache/", "/comunicados/"):
        client.get(ruta)
        assert client.get(ruta)["X-Cache"] == "HIT"
    services.retirar(comunicado=comunicado, usuario=editor, motivos={"es": "Motivo nuevo."})
    detalle = client.get("/comunicados/en-cache/")
    assert detalle["X-Cache"] == "MISS"
    assert "Motivo nuevo." in detalle.content.decode()
    assert "en-cache" not in client.get("/comunicados/").content.decode()
    services.despublicar(comunicado=comunicado, usuario=editor)
    assert client.get("/comunicados/en-cache/").status_code == 410


def test_el_cache_sigue_el_cambio_de_slug(client, editor):
    """A rename through the admin: the cached old URL turns into a 301 at once."""
    comunicado = ComunicadoFactory(slug="antes")
    client.get("/comunicados/antes/")
    assert client.get("/comunicados/antes/")["X-Cache"] == "HIT"
    comunicado.slug = "despues"
    comunicado.save()
    servicios_comunes.registrar_slug_anterior(objeto=comunicado, slug_anterior="antes")
    assert client.get("/comunicados/antes/").status_code == 301


# -- query budgets -----------------------------------------------------------------


def test_presupuesto_de_la_pagina_retirada(client, editor):
    """The withdrawn page costs the same queries with 3 or 30 topics."""

    def preparar(n):
        comunicado = Comunicado.objects.filter(slug="presupuesto").first()
        if comunicado is None:
            reemplazo = ComunicadoFactory(slug="presupuesto-reemplazo")
            comunicado = ComunicadoFactory(slug="presupuesto")
            services.retirar(
                comunicado=comunicado, usuario=editor, motivos=MOTIVOS, reemplazo=reemplazo
            )
        comunicado.temas.set([TemaFactory() for _ in range(n)])
        return "/comunicados/presupuesto/"

    presupuesto_constante(client, preparar)


def test_presupuesto_del_410_y_del_301(client, editor, django_assert_max_num_queries):
    """The 410 and the old-slug 301 cost a handful of queries, whatever the data."""
    comunicado = ComunicadoFactory(slug="ido")
    services.despublicar(comunicado=comunicado, usuario=editor)
    otro = ComunicadoFactory(slug="actual")
    servicios_comunes.registrar_slug_anterior(objeto=otro, slug_anterior="antiguo")
    with sin_cache_publico(client) as cliente:
        cliente.get("/comunicados/ido/")
        with django_assert_max_num_queries(4):
            assert cliente.get("/comunicados/ido/").status_code == 410
        with django_assert_max_num_queries(4):
            assert cliente.get("/comunicados/antiguo/").status_code == 301
