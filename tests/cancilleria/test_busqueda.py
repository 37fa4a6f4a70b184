"""The shared search machinery, the /buscar/ page and the admin's accent-insensitive search."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from cancilleria.base import busqueda
from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, EventoFactory, OrganizacionFactory, TemaFactory
from tests.listas import mostrados

CONSULTAS_RARAS = [
    '"',
    '""',
    "'",
    "&",
    "|",
    "!",
    ":*",
    "()",
    "(trata",
    "trata & | ! :* ( ) ' \"",
    "trata:* & !personas",
    "-",
    "or",
    "trata or",
    "\\",
    "%_%",
    "x" * 10_000,
    "víctima " * 1_200,
]


def test_el_texto_buscado_ignora_tildes_mayusculas_y_etiquetas(db):
    """The stored text is plain; a search ignores accents, case and punctuation."""
    comunicado = ComunicadoFactory(cuerpo="<p>Migración, VÍCTIMAS &amp; niño</p>")
    assert "<p>" not in comunicado.busqueda_es and "&amp;" not in comunicado.busqueda_es
    encontrados = Comunicado.objects.buscar("migracion victimas nino", "es")
    assert list(encontrados) == [comunicado]


def test_analizar_frases_exclusiones_y_alternativas():
    """The query parser mirrors websearch_to_tsquery: phrases, -exclusions and `or`."""
    grupos = busqueda.analizar('"Trata de personas" -migración OIT or ILO &|!:*()')
    assert grupos == [
        [busqueda.Termino("trata de personas")],
        [busqueda.Termino("migracion", negado=True)],
        [busqueda.Termino("oit"), busqueda.Termino("ilo")],
    ]


@pytest.mark.parametrize("consulta", CONSULTAS_RARAS)
def test_analizar_no_falla_con_consultas_raras(consulta):
    """Any text parses into at most a bounded number of plain-word terms."""
    grupos = busqueda.analizar(consulta)
    assert len(grupos) <= busqueda.TERMINOS_MAXIMOS
    for grupo in grupos:
        for termino in grupo:
            assert all(c.isalnum() or c == " " for c in termino.frase)


def test_marcado_seguro_de_un_titular_de_postgresql():
    """A ts_headline result is escaped before only its own markers become <mark>."""
    titular = (
        f"a <img src=x onerror=alert(1)> {busqueda.INICIO_MARCA}trata{busqueda.FIN_MARCA} &lt;"
    )
    html = busqueda.marcado_seguro(titular)
    assert "<img" not in html
    assert "<mark>trata</mark>" in html
    assert "&lt;" in html


# --- /buscar/ ----------------------------------------------------------------------------


@pytest.fixture
def contenido(db):
    comunicado = ComunicadoFactory(
        titulo="Cancillería refuerza la protección de víctimas de trata",
        resumen="Trabajo conjunto con la OIT.",
    )
    evento = EventoFactory(
        nombre="Seminario sobre trata de personas", descripcion="Víctimas y protección."
    )
    borrador = ComunicadoFactory(
        titulo="Borrador secreto sobre trata", estado=Estado.BORRADOR, fecha_publicacion=None
    )
    return comunicado, evento, borrador


def test_buscar_encuentra_comunicados_y_eventos_con_cuentas(client, contenido):
    """/buscar/ lists releases and events together and counts each type."""
    comunicado, evento, borrador = contenido
    respuesta = client.get(reverse("sitio:buscar"), {"q": "TRATA victimas"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert comunicado.get_absolute_url() in html
    assert evento.get_absolute_url() in html
    assert borrador.get_absolute_url() not in html
    assert respuesta.context["cuentas"] == {"comunicados": 1, "eventos": 1}
    assert "<mark>" in html


def test_buscar_por_tipo_acota_los_resultados(client, contenido):
    """`tipo=eventos` shows only events but still counts both types."""
    comunicado, evento, _borrador = contenido
    respuesta = client.get(reverse("sitio:buscar"), {"q": "trata", "tipo": "eventos"})
    html = respuesta.content.decode()
    assert evento.get_absolute_url() in html
    assert comunicado.get_absolute_url() not in html
    assert respuesta.context["cuentas"]["comunicados"] == 1


def test_buscar_nunca_muestra_borradores(client, contenido):
    """Text that exists only in a draft is never found."""
    respuesta = client.get(reverse("sitio:buscar"), {"q": "secreto"})
    assert respuesta.context["total"] == 0
    assert "Borrador secreto" not in respuesta.content.decode()


def test_buscar_en_ingles_cae_al_espanol(client, contenido):
    """In English an untranslated release is found by its Spanish text."""
    comunicado, _evento, _borrador = contenido
    with translation.override("en"):
        url = reverse("sitio:buscar")
    respuesta = client.get(url, {"q": "victimas"})
    assert url.startswith("/en/")
    assert comunicado.get_absolute_url().removeprefix("/") in respuesta.content.decode()


@pytest.mark.parametrize("consulta", CONSULTAS_RARAS)
def test_buscar_con_consultas_raras_no_falla(client, contenido, consulta):
    """Quotes, operators, parentheses and 10,000 characters never give a 500."""
    respuesta = client.get(reverse("sitio:buscar"), {"q": consulta})
    assert respuesta.status_code == 200


@pytest.mark.parametrize(
    "parametros",
    [{"q": "trata", "tipo": "otro"}, {"q": "x" * 10_001}, {"q": "tra\x00ta"}],
)
def test_buscar_con_parametros_invalidos_muestra_mensaje(client, contenido, parametros):
    """A bad type, an over-long or a NUL-containing query get a message, not a 500."""
    respuesta = client.get(reverse("sitio:buscar"), parametros)
    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors


def test_buscar_pagina_inexistente_da_404(client, contenido):
    """A page number past the end is a 404."""
    respuesta = client.get(reverse("sitio:buscar"), {"q": "trata", "page": "999"})
    assert respuesta.status_code == 404


def test_buscar_sin_consulta_muestra_el_formulario(client, db):
    """/buscar/ with nothing typed shows the form and no results."""
    respuesta = client.get(reverse("sitio:buscar"))
    assert respuesta.status_code == 200
    assert respuesta.context["busqueda_hecha"] is False


def test_la_cabecera_tiene_un_buscador_con_etiqueta(client, db):
    """Every page's header has a labelled GET search box aimed at /buscar/."""
    html = client.get(reverse("sitio:inicio")).content.decode()
    assert f'action="{reverse("sitio:buscar")}"' in html
    assert 'for="busqueda-sitio"' in html


def test_buscar_consultas_no_crecen_con_los_datos(client, db):
    """The search page costs the same number of queries with few and many matches."""
    url = reverse("sitio:buscar") + "?q=trata"

    def preparar(n):
        for i in range(Comunicado.objects.count(), n):
            ComunicadoFactory(titulo=f"Trata de personas {i}")
            EventoFactory(nombre=f"Taller sobre trata {i}")
        assert client.get(url).context["cuentas"] == {"comunicados": n, "eventos": n}
        return url

    # The ranked candidates of each kind, the releases with their topics, the events.
    assert presupuesto_constante(client, preparar) == 5


# --- Admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_cliente(client, db):
    usuario = get_user_model().objects.create_superuser("jefa", "jefa@example.org", "x")
    client.force_login(usuario)
    return client


def test_admin_busca_comunicados_sin_tildes(admin_cliente):
    """The release change list finds "Migración" when the press office types "migracion"."""
    ComunicadoFactory(
        titulo="Política de Migración", estado=Estado.BORRADOR, fecha_publicacion=None
    )
    ComunicadoFactory(titulo="Otro asunto")
    respuesta = admin_cliente.get(
        reverse("admin:comunicados_comunicado_changelist"), {"q": "MIGRACION"}
    )
    assert respuesta.status_code == 200
    assert list(respuesta.context["cl"].result_list.values_list("titulo_es", flat=True)) == [
        "Política de Migración"
    ]


def test_admin_busca_eventos_sin_tildes(admin_cliente):
    """The event change list ignores accents and case."""
    EventoFactory(nombre="Reunión técnica")
    EventoFactory(nombre="Otro evento")
    respuesta = admin_cliente.get(reverse("admin:eventos_evento_changelist"), {"q": "reunion"})
    assert respuesta.context["cl"].result_count == 1


def test_admin_busca_el_directorio_sin_tildes(admin_cliente):
    """Directory change lists (topics, organisations) ignore accents and case too."""
    TemaFactory(nombre="Migración", slug="migracion")
    TemaFactory(nombre="Derechos humanos", slug="derechos-humanos")
    OrganizacionFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")
    respuesta = admin_cliente.get(reverse("admin:cancilleria_tema_changelist"), {"q": "MIGRACIÓN"})
    assert respuesta.context["cl"].result_count == 1
    respuesta = admin_cliente.get(
        reverse("admin:cancilleria_organizacion_changelist"), {"q": "organizacion trabajo"}
    )
    assert respuesta.context["cl"].result_count == 1


@pytest.fixture
def tres_candidatos(monkeypatch):
    """Rank only the newest three matches, so a handful of rows shows the bound."""
    from cancilleria.base import vistas
    from cancilleria.base.busqueda import filtros
    from cancilleria.sitio import buscar

    for modulo in (filtros, vistas, buscar):
        monkeypatch.setattr(modulo, "CANDIDATOS", 3)


def test_la_relevancia_ordena_solo_las_coincidencias_mas_recientes(client, db, tres_candidatos):
    """Ordered by relevance, a list keeps the newest matches, says so and links to all by date."""
    from datetime import timedelta

    from django.utils import timezone

    ahora = timezone.now()
    comunicados = [
        ComunicadoFactory(
            titulo=f"Trata de personas {i}", fecha_publicacion=ahora - timedelta(days=i)
        )
        for i in range(5)
    ]
    respuesta = client.get(reverse("comunicados:lista"), {"q": "trata"})
    vistos = {c.pk for c in mostrados(respuesta)}
    assert vistos == {c.pk for c in comunicados[:3]}
    html = respuesta.content.decode()
    assert "Más de" in html and "entre los 3 resultados más recientes" in html
    assert "orden=recientes" in html

    por_fecha = client.get(reverse("comunicados:lista"), {"q": "trata", "orden": "recientes"})
    assert [c.pk for c in mostrados(por_fecha)] == [c.pk for c in comunicados]
    assert "resultados más recientes" not in por_fecha.content.decode()


def test_buscar_ordena_por_relevancia_las_coincidencias_mas_recientes(client, db, tres_candidatos):
    """/buscar/ ranks the newest matches of each kind and says the count stopped there."""
    for i in range(5):
        ComunicadoFactory(titulo=f"Trata de personas {i}")
    EventoFactory(nombre="Taller sobre trata")
    respuesta = client.get(reverse("sitio:buscar"), {"q": "trata"})
    assert respuesta.context["cuentas"] == {"comunicados": 3, "eventos": 1}
    assert respuesta.context["acotado"] is True
    assert len(respuesta.context["resultados"]) == 4
    assert "Más de" in respuesta.content.decode()
