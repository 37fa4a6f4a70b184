"""EXPLAIN on PostgreSQL: the public pages reach releases and events through indexes.

Test tables are tiny, so the planner would rightly scan them whole; with sequential
scans switched off it still scans a table whole only when no index can answer. So a
"Seq Scan" on the release or event table here means a missing or unusable index, as it
would at 100k rows.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comunicados.models import Comunicado
from eventos.models import Evento
from tests.consultas import sin_cache_publico
from tests.factories import ComunicadoFactory, ConsuladoFactory, EventoFactory, TemaFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Query plans and partial indexes are PostgreSQL's; SQLite plans differently.",
    ),
]

TABLAS = (Comunicado._meta.db_table, Evento._meta.db_table)


def _planes(client, url, *, apagados=("seqscan",)):
    """Return {sql: plan} of every query of the page that reads a release or event table.

    `apagados` names the plan kinds switched off (enable_<kind> = off) while explaining.
    """
    with sin_cache_publico(client) as cliente:
        cliente.get(url)
        with CaptureQueriesContext(connection) as consultas:
            assert cliente.get(url).status_code == 200
    planes = {}
    with connection.cursor() as cursor:
        for tipo in apagados:
            cursor.execute(f"SET LOCAL enable_{tipo} = off")
        for consulta in consultas.captured_queries:
            sql = consulta["sql"]
            if sql.lstrip().upper().startswith("SELECT") and any(t in sql for t in TABLAS):
                cursor.execute(f"EXPLAIN {sql}")
                planes[sql] = "\n".join(fila[0] for fila in cursor.fetchall())
    return planes


def _sin_recorrido_completo(planes):
    for sql, plan in planes.items():
        for tabla in TABLAS:
            assert f"Seq Scan on {tabla}" not in plan, f"{sql}\n{plan}"


@pytest.fixture
def datos():
    tema = TemaFactory(slug="trata-de-personas")
    consulado = ConsuladoFactory(slug="francia")
    for i in range(20):
        comunicado = ComunicadoFactory(destacado=i == 3)
        comunicado.temas.add(tema)
        EventoFactory().consulados.add(consulado)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return tema


@pytest.mark.parametrize(
    "url",
    [
        reverse("comunicados:lista"),
        reverse("comunicados:lista") + "?tema=trata-de-personas",
        reverse("comunicados:lista") + "?page=2",
        reverse("eventos:lista") + "?consulado=francia",
        reverse("sitio:inicio"),
        reverse("sitemap"),
        "/sitemap-comunicados.xml",
        "/temas/trata-de-personas/",
        "/consulados/francia/",
    ],
)
def test_paginas_publicas_usan_indices(client, datos, url):
    """Lists, the topic list, home, the sitemap and directory pages never scan a table."""
    planes = _planes(client, url)
    assert planes
    _sin_recorrido_completo(planes)


def test_lista_lee_en_orden_del_indice_de_publicados(client, datos):
    """The release list walks the partial index of published releases, newest first.

    On so few rows a bitmap scan and a sort cost the same; at scale LIMIT 12 makes the
    ordered index walk the cheapest by far, so those are switched off to see it chosen.
    """
    planes = _planes(
        client, reverse("comunicados:lista"), apagados=("seqscan", "bitmapscan", "sort")
    )
    assert any("comunicado_publico_fecha_idx" in plan for plan in planes.values()), planes


def test_destacado_usa_su_indice_parcial(client, datos):
    """The home page's featured release comes from the partial index on `destacado`."""
    planes = _planes(client, reverse("sitio:inicio"), apagados=("seqscan", "bitmapscan"))
    destacado = [p for sql, p in planes.items() if '"destacado"' in sql and "LIMIT 1" in sql]
    assert destacado and "comunicado_destacado_idx" in destacado[0], planes


def test_indice_del_sitemap_responde_con_un_indice(client, datos):
    """MAX(actualizado) for the sitemap index is answered by an index, never a table scan.

    Which index wins on 20 rows depends on statistics that ANALYZE updates outside the
    test's transaction (pg_class), so other tests sway it: the partial
    `_publico_act_idx` is the one at scale (make bench); here any index will do.
    """
    planes = _planes(client, reverse("sitemap"), apagados=("seqscan", "bitmapscan"))
    maximos = {sql: p for sql, p in planes.items() if "MAX(" in sql.upper()}
    assert maximos, planes
    _sin_recorrido_completo(maximos)
    assert all("Index" in p for p in maximos.values()), maximos


def test_eventos_en_curso_se_buscan_por_su_fin(client, datos):
    """The home page finds events running since before today through the end index.

    Without it, the start index is walked through every past event to find them.
    """
    planes = _planes(client, reverse("sitio:inicio"), apagados=("seqscan",))
    en_curso = {sql: p for sql, p in planes.items() if '"fin" >=' in sql and '"inicio" <' in sql}
    assert en_curso, planes
    assert all("evento_publico_fin_idx" in p for p in en_curso.values()), en_curso


def test_pagina_de_persona_lee_sus_comunicados_de_los_indices_por_persona(client):
    """A person's named and quoted releases are read through indexes that lead with the
    person and hold the release: at scale (autovacuumed tables) they answer alone, as
    index-only scans (make bench: the count fell from 7.8 to 3.9 ms at 100k releases; the
    keys, read once, now serve both the count and the page).

    On a few test rows, never vacuumed, the planner may pick Django's index on the person
    alone for the named people's table instead; either way, no link table is read whole.
    """
    from tests.factories import CitaFactory, PersonaFactory

    with connection.cursor() as cursor:
        for tabla, indice in (
            ("comunicados_cita", "cita_persona_comunicado_idx"),
            ("comunicados_comunicado_personas", "comunicado_personas_persona_idx"),
        ):
            restricciones = connection.introspection.get_constraints(cursor, tabla)
            assert restricciones[indice]["columns"] == ["persona_id", "comunicado_id"]
    persona = PersonaFactory(slug="una-persona")
    for i in range(10):
        comunicado = ComunicadoFactory()
        if i % 2:
            comunicado.personas.add(persona)
        else:
            CitaFactory(comunicado=comunicado, persona=persona)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    planes = _planes(client, persona.get_absolute_url(), apagados=("seqscan", "bitmapscan"))
    # The keys of the person's releases, read once in date order (PaginadorPorClaves).
    claves = [
        p
        for sql, p in planes.items()
        if sql.startswith('SELECT "comunicados_comunicado"."id" AS "pk" FROM') and "cita" in sql
    ]
    assert claves, planes
    assert "cita_persona_comunicado_idx" in claves[0], claves[0]
    for tabla in ("comunicados_cita", "comunicados_comunicado_personas"):
        assert f"Seq Scan on {tabla}" not in claves[0], claves[0]
    assert claves[0].count(f"Index Cond: (persona_id = {persona.pk})") == 2, claves[0]


@pytest.mark.parametrize(
    "url, indices",
    [
        (
            reverse("comunicados:lista") + "?tema=trata-de-personas",
            ("comunicado_publico_id_idx", "comunicado_temas_tema_idx"),
        ),
        (
            reverse("eventos:lista") + "?consulado=francia",
            ("evento_publico_id_idx", "part_consular_consulado_idx"),
        ),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_el_conteo_filtrado_une_dos_indices_en_orden_de_clave(client, datos, url, indices):
    """A list filtered by topic or consulate can be counted by merging, in key order, the
    published keys and the link table's keys for the chosen item, both read from their
    indexes alone: no probe of the link table per release in date order (make bench:
    2.2 → 0.3 ms for the topic at 100k).

    At scale the planner chooses it; on test rows every join costs about the same, so
    the others are switched off to see that these indexes make it possible. Committed
    and vacuumed, as a real table is, so the indexes can answer alone.
    """
    # Other topics and consulates, so that the chosen one's links are a few of many.
    otro_tema, otro_consulado = TemaFactory(), ConsuladoFactory()
    for _ in range(3):
        for comunicado in Comunicado.objects.all():
            comunicado.temas.add(TemaFactory())
        for evento in Evento.objects.all():
            evento.consulados.add(ConsuladoFactory())
    for comunicado in ComunicadoFactory.create_batch(20):
        comunicado.temas.add(otro_tema)
    for evento in EventoFactory.create_batch(20):
        evento.consulados.add(otro_consulado)
    with connection.cursor() as cursor:
        restricciones = connection.introspection.get_constraints(
            cursor, "comunicados_comunicado_temas"
        )
        for tabla in (
            "comunicados_comunicado",
            "comunicados_comunicado_temas",
            "eventos_evento",
            "eventos_participacionconsular",
        ):
            cursor.execute(f"VACUUM ANALYZE {tabla}")
    assert restricciones["comunicado_temas_tema_idx"]["columns"] == ["tema_id", "comunicado_id"]
    with transaction.atomic():  # SET LOCAL holds in a transaction only
        planes = _planes(
            client, url, apagados=("seqscan", "bitmapscan", "nestloop", "hashjoin", "sort")
        )
    conteos = [p for sql, p in planes.items() if sql.startswith("SELECT COUNT(*)")]
    assert conteos, planes
    assert "Merge" in conteos[0], conteos[0]
    for indice in indices:
        assert indice in conteos[0], conteos[0]
