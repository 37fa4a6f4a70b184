"""Searching releases: what the issue promises, on SQLite and on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cancilleria.base import busqueda
from cancilleria.base.models import Estado
from cancilleria.sitio.demo.semilla import SLUG_COMUNICADO
from comunicados.models import Comunicado
from tests.cancilleria.test_busqueda import CONSULTAS_RARAS
from tests.factories import ComunicadoFactory, OrganizacionFactory, PersonaFactory, TemaFactory
from tests.listas import mostrados

solo_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="GIN indexes and query plans are PostgreSQL's; SQLite's FTS5 has its own index.",
)


def slugs(texto, idioma="es"):
    return set(Comunicado.objects.publicados().buscar(texto, idioma).values_list("slug", flat=True))


@pytest.fixture
def semilla(db):
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


def test_migracion_encuentra_migracion_con_tilde(db):
    """ "migracion" finds a release about "Migración"."""
    ComunicadoFactory(titulo="Política de Migración", slug="migracion")
    ComunicadoFactory(titulo="Otro asunto", slug="otro")
    assert slugs("migracion") == {"migracion"}


def test_victimas_en_mayusculas_encuentra_la_semilla(semilla):
    """ "VICTIMAS" finds the seed's "víctimas"."""
    assert SLUG_COMUNICADO in slugs("VICTIMAS")


def test_trata_personas_encuentra_la_semilla(semilla):
    """ "trata personas" (every word must match) finds the seed release."""
    assert SLUG_COMUNICADO in slugs("trata personas")
    assert SLUG_COMUNICADO not in slugs("trata personas inexistentepalabra")


def test_oit_encuentra_la_semilla_por_sus_organizaciones(semilla):
    """ "OIT", the acronym of an organisation the release names, finds it."""
    assert SLUG_COMUNICADO in slugs("OIT")
    assert SLUG_COMUNICADO in slugs("ILO", "en")


def test_texto_solo_en_borrador_nunca_aparece(client, db):
    """Text that exists only in a draft or a scheduled release is never found."""
    ComunicadoFactory(titulo="Palabraoculta", estado=Estado.BORRADOR, fecha_publicacion=None)
    assert slugs("palabraoculta") == set()
    respuesta = client.get(reverse("comunicados:lista"), {"q": "palabraoculta"})
    assert respuesta.context["paginator"].count == 0


def test_frase_y_exclusion(db):
    """A quoted phrase must appear as such; -word excludes."""
    ComunicadoFactory(titulo="Trata de personas en Lima", slug="a")
    ComunicadoFactory(titulo="Personas y trata", slug="b")
    assert slugs('"trata de personas"') == {"a"}
    assert slugs("trata -lima") == {"b"}


def test_la_lista_filtra_por_q_en_el_idioma_activo(client, db):
    """The release list's `q` uses the search, in English at /en/ with Spanish fallback."""
    ComunicadoFactory(titulo="Víctimas", titulo_en="Victims", slug="traducido")
    ComunicadoFactory(titulo="Víctimas sin traducir", slug="sin-traducir")
    respuesta = client.get("/en/comunicados/", {"q": "victims"})
    assert [c.slug for c in mostrados(respuesta)] == ["traducido"]
    respuesta = client.get("/en/comunicados/", {"q": "VICTIMAS"})
    # The translated one reads "Victims" in English: only the untranslated one matches.
    assert [c.slug for c in mostrados(respuesta)] == ["sin-traducir"]


@pytest.mark.parametrize("consulta", CONSULTAS_RARAS)
def test_lista_y_feed_no_fallan_con_consultas_raras(client, db, consulta):
    """Odd queries never give a 500 on the list page or its feeds."""
    ComunicadoFactory(titulo="Trata de personas")
    for nombre in ("comunicados:lista", "comunicados:feed_rss", "comunicados:feed_atom"):
        respuesta = client.get(reverse(nombre), {"q": consulta, "orden": "relevancia"})
        assert respuesta.status_code == 200, nombre


def test_nombres_relacionados_siguen_a_los_enlaces_y_renombres(db):
    """Topics, organisations and people are searchable, and follow links and renames."""
    comunicado = ComunicadoFactory(titulo="Reunión", slug="reunion")
    tema = TemaFactory(nombre="Cooperación", slug="cooperacion")
    organizacion = OrganizacionFactory(nombre="Organización Internacional", sigla="OIM")
    persona = PersonaFactory(nombre="Rosa Quispe")
    comunicado.temas.add(tema)
    comunicado.organizaciones.add(organizacion)
    comunicado.personas.add(persona)
    assert slugs("cooperacion oim quispe") == {"reunion"}

    tema.nombre = "Integración"
    tema.save()
    assert slugs("integracion") == {"reunion"}
    assert slugs("cooperacion") == set()

    organizacion.comunicados.clear()
    assert slugs("oim") == set()
    comunicado.personas.remove(persona)
    assert slugs("quispe") == set()


def test_guardar_con_update_fields_actualiza_la_busqueda(db):
    """Saving only the title still refreshes the search text."""
    comunicado = ComunicadoFactory(titulo="Antes", slug="c")
    comunicado.titulo_es = "Después"
    comunicado.save(update_fields=["titulo_es"])
    assert slugs("despues") == {"c"}


def test_la_demo_sintetica_queda_buscable(db):
    """Releases written in bulk by the demo loader get their search text."""
    call_command("cargar_demo", "--comunicados", "20", "--eventos", "5", verbosity=0)
    assert not Comunicado.objects.filter(busqueda_es="").exists()
    assert not Comunicado.objects.filter(relacionados="").exists()


def test_victima_encuentra_victimas_por_la_raiz(semilla):
    """The Spanish stemmer makes "víctima" find "víctimas" (Snowball on both databases)."""
    ComunicadoFactory(titulo="Las víctimas", slug="plural")
    assert "plural" in slugs("víctima")


def test_un_acierto_en_el_titulo_va_antes_que_uno_en_el_cuerpo(client, db):
    """A title match ranks above a body match, even if the body one is newer."""
    ComunicadoFactory(titulo="Migración segura", cuerpo="<p>Nada.</p>", slug="titulo")
    ComunicadoFactory(titulo="Otro asunto", cuerpo="<p>Habló de migración.</p>", slug="cuerpo")
    Comunicado.objects.filter(slug="titulo").update(fecha_publicacion="2020-01-01T00:00Z")
    respuesta = client.get(reverse("comunicados:lista"), {"q": "migracion"})
    assert [c.slug for c in mostrados(respuesta)] == ["titulo", "cuerpo"]
    respuesta = client.get(reverse("comunicados:lista"), {"q": "migracion", "orden": "recientes"})
    assert [c.slug for c in mostrados(respuesta)] == ["cuerpo", "titulo"]


@solo_postgresql
def test_con_diez_mil_comunicados_el_plan_usa_el_indice_gin(db):
    """With 10,000 releases the planner answers a search from the GIN index of its language."""
    call_command("cargar_demo", "--comunicados", "10000", "--eventos", "100", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE comunicados_comunicado")
    for idioma in ("es", "en"):
        plan = Comunicado.objects.publicados().buscar("trata personas", idioma).explain()
        assert f"comunicados_comunicado_documento_{idioma}_idx" in plan, plan
        assert "Seq Scan" not in plan, plan
        # The bare condition, too, so the check does not lean on the date index.
        plan = busqueda.coincide(Comunicado.objects.all(), "OIT", idioma).explain()
        assert f"comunicados_comunicado_documento_{idioma}_idx" in plan, plan


# --- What issue 9 promises on the default setup, on both databases -----------------------


@pytest.fixture
def demo(db):
    # What `make run` loads: the seed release among the synthetic ones.
    call_command("cargar_demo", verbosity=0)


def test_la_semilla_sale_en_la_primera_pagina_de_la_lista(client, demo):
    """migracion, OIT, Siobhan and victimas show the seed release on the list's first page."""
    for consulta in ("migracion", "OIT", "Siobhan", "victimas"):
        respuesta = client.get(reverse("comunicados:lista"), {"q": consulta})
        assert SLUG_COMUNICADO in [c.slug for c in mostrados(respuesta)], consulta


def test_buscar_trata_pone_la_semilla_entre_las_tres_primeras(client, demo):
    """/buscar/?q=trata ranks the seed release in the top 3."""
    respuesta = client.get(reverse("sitio:buscar"), {"q": "trata"})
    primeros = [r["objeto"] for r in respuesta.context["resultados"][:3]]
    assert SLUG_COMUNICADO in [getattr(o, "slug", None) for o in primeros]


def test_singular_y_plural_encuentran_lo_mismo(demo):
    """ "consulado" and "consulados" find the same releases (stemming)."""
    assert slugs("consulado")
    assert slugs("consulado") == slugs("consulados")


def test_los_fragmentos_marcan_los_aciertos(client, semilla):
    """The /buscar/ snippet of the seed marks its hits, whatever the accents."""
    respuesta = client.get(reverse("sitio:buscar"), {"q": "victimas"})
    fragmentos = [str(r["fragmento"]) for r in respuesta.context["resultados"]]
    assert any("<mark>víctimas</mark>" in f.lower() for f in fragmentos), fragmentos


def test_un_fragmento_escapa_todo_y_marca_solo_los_aciertos(db):
    """A snippet escapes the text and wraps only the hits, accents and case ignored."""
    ComunicadoFactory(resumen="<b>Las víctimas</b> & <script>x</script> VICTIMAS", slug="f")
    comunicado = Comunicado.objects.filter(slug="f").con_fragmentos("victima", "es").get()
    html = busqueda.marcado_seguro(comunicado.fragmento_busqueda)
    assert "<script>" not in html and "<b>" not in html
    assert "<mark>víctimas</mark>" in html
    assert "<mark>VICTIMAS</mark>" in html


@pytest.mark.parametrize(
    ("prefijo", "consulta", "mensaje"),
    [("", "de la", "palabras demasiado comunes"), ("/en", "the of", "too common")],
)
def test_solo_palabras_vacias_explica_que_falta(client, db, prefijo, consulta, mensaje):
    """A query of only stop words says why nothing is searched, on /buscar/ and the list."""
    ComunicadoFactory(titulo="De la trata de personas")
    for ruta in ("/buscar/", "/comunicados/"):
        respuesta = client.get(f"{prefijo}{ruta}", {"q": consulta})
        assert respuesta.status_code == 200
        assert mensaje in respuesta.content.decode(), ruta
