"""Queries that do not grow: query counts, page sizes and bounded work (issue 10, item 1).

Times are the benchmark's job (make bench); these tests guard the structure that keeps
them flat: a fixed number of queries whatever the data or the filters, pages of bounded
size, and list cards that never read bodies or search text.
"""

import importlib

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comunicados.models import Comunicado
from eventos.models import Evento
from tests.consultas import contar_consultas, presupuesto_constante, sin_cache_publico
from tests.factories import (
    CargoFactory,
    CitaFactory,
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    ParticipacionFactory,
    PersonaFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db

# The budget for every public page and the staff page.
CONSULTAS_MAXIMAS = 12
HTML_MAXIMO = 150 * 1024
# Columns a list card never shows: reading them made each row ~4 KB at 100k releases.
COLUMNAS_ANCHAS = ("cuerpo", "busqueda_es", "busqueda_en", "relacionados")


@pytest.fixture
def personal(client, django_user_model):
    usuario = django_user_model.objects.create_user("personal", password="x", is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="ver_participacion_consular"))
    client.force_login(usuario)
    return client


def _con_valores(url, nombre, valores):
    return url + "?" + "&".join(f"{nombre}={v}" for v in valores)


# --- Multi-value filters: the same count for 1 value as for 4 ------------------------------


def test_filtro_de_temas_mismas_consultas_con_uno_y_con_tres(client):
    """Choosing 3 topics costs the release list no more queries than choosing 1."""
    temas = [TemaFactory() for _ in range(3)]
    for tema in temas:
        ComunicadoFactory().temas.add(tema)
    url = reverse("comunicados:lista")
    uno = contar_consultas(client, _con_valores(url, "tema", [temas[0].slug]))
    tres = contar_consultas(client, _con_valores(url, "tema", [t.slug for t in temas]))
    assert uno == tres <= CONSULTAS_MAXIMAS


def test_filtro_de_consulados_mismas_consultas_con_uno_y_con_cuatro(client):
    """Choosing 4 consulates costs the event list no more queries than choosing 1."""
    consulados = [ConsuladoFactory() for _ in range(4)]
    for consulado in consulados:
        EventoFactory().consulados.add(consulado)
    url = reverse("eventos:lista")
    uno = contar_consultas(client, _con_valores(url, "consulado", [consulados[0].slug]))
    cuatro = contar_consultas(client, _con_valores(url, "consulado", [c.slug for c in consulados]))
    assert uno == cuatro <= CONSULTAS_MAXIMAS


def test_pagina_de_personal_mismas_consultas_con_uno_y_con_cuatro_consulados(personal):
    """The staff page costs the same with 1 consulate selected as with 4, within budget."""
    consulados = [ConsuladoFactory() for _ in range(4)]
    for consulado in consulados:
        EventoFactory().consulados.add(*consulados[: consulados.index(consulado) + 1])
    url = reverse("gestion:consulados")
    uno = contar_consultas(personal, _con_valores(url, "consulado", [consulados[0].slug]))
    cuatro = contar_consultas(
        personal, _con_valores(url, "consulado", [c.slug for c in consulados])
    )
    assert uno == cuatro <= CONSULTAS_MAXIMAS


def test_chips_nombran_cada_valor_elegido(client):
    """Each chosen topic still gets its chip, with its name, from the one query."""
    temas = [TemaFactory(nombre=f"Asunto {i}") for i in range(3)]
    url = _con_valores(reverse("comunicados:lista"), "tema", [t.slug for t in temas])
    chips = client.get(url).context["filtros_activos"]
    assert [valor for _etiqueta, valor, _url in chips] == ["Asunto 0", "Asunto 1", "Asunto 2"]


# --- Lists: the same queries with 3 and 30 items, and narrow rows --------------------------


def _poblar_comunicados(n, tema, organizacion, persona):
    for _ in range(n - Comunicado.objects.count()):
        comunicado = ComunicadoFactory(destacado=True)
        comunicado.temas.add(tema, TemaFactory())
        comunicado.organizaciones.add(organizacion)
        comunicado.personas.add(persona)


def test_listas_y_buscador_no_crecen_con_los_datos(client):
    """Lists, their filters, search, home, feeds and the sitemap: same queries at 3 and 30."""
    tema, organizacion, persona = TemaFactory(), OrganizacionFactory(), PersonaFactory()
    lista = reverse("comunicados:lista")
    urls = [
        reverse("sitio:inicio"),
        lista,
        f"{lista}?tema={tema.slug}",
        f"{lista}?organizacion={organizacion.slug}&persona={persona.slug}",
        f"{lista}?q=comunicado",
        f"{lista}?q=comunicado&orden=relevancia",
        f"{lista}?orden=antiguos&tipo=nota_de_prensa",
        reverse("sitio:buscar") + "?q=comunicado",
        reverse("comunicados:feed_rss"),
        reverse("sitemap"),
        "/sitemap-comunicados.xml",
    ]

    def preparar(n):
        _poblar_comunicados(n, tema, organizacion, persona)
        return urls

    cuentas = presupuesto_constante(client, preparar)
    assert max(cuentas) <= CONSULTAS_MAXIMAS, dict(zip(urls, cuentas, strict=True))


def test_tarjetas_no_leen_cuerpos_ni_texto_de_busqueda(client):
    """The list's queries never select the bodies or the stored search text."""
    ComunicadoFactory().temas.add(TemaFactory(slug="tema-ancho"))
    with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
        cliente.get(reverse("comunicados:lista") + "?tema=tema-ancho")
    tabla = Comunicado._meta.db_table
    for consulta in consultas.captured_queries:
        sql = consulta["sql"]
        if sql.lstrip().upper().startswith("SELECT") and f'FROM "{tabla}"' in sql:
            for columna in COLUMNAS_ANCHAS:
                assert f'"{tabla}"."{columna}' not in sql, (columna, sql)


def test_filtros_de_muchos_a_muchos_sin_distinct(client):
    """Topic and consulate filters are EXISTS subqueries, never DISTINCT over whole rows."""
    tema, consulado = TemaFactory(), ConsuladoFactory()
    for url in (
        reverse("comunicados:lista") + f"?tema={tema.slug}",
        reverse("eventos:lista") + f"?consulado={consulado.slug}&region=europa",
    ):
        with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
            cliente.get(url)
        sqls = " ".join(c["sql"].upper() for c in consultas.captured_queries)
        assert "DISTINCT" not in sqls, url
        assert "EXISTS" in sqls, url


# --- Directory pages: paginated, bounded HTML ----------------------------------------------


def test_pagina_de_consulado_con_300_eventos_cabe_en_el_presupuesto(client):
    """A consulate with 300 events: a bounded, paginated page within the query budget."""
    consulado = ConsuladoFactory()
    organizador = OrganizacionFactory()
    eventos = Evento.objects.bulk_create(
        EventoFactory.build(organizador=organizador, lugar="Lima " * 20) for _ in range(300)
    )
    consulado.participaciones.bulk_create(
        consulado.participaciones.model(evento=e, consulado=consulado) for e in eventos
    )
    url = consulado.get_absolute_url()
    assert contar_consultas(client, url) <= CONSULTAS_MAXIMAS
    respuesta = client.get(url)
    assert len(respuesta.content) <= HTML_MAXIMO
    # Counted up to the pages a list offers (20 × 12), then "more than".
    assert "Más de 240" in respuesta.content.decode()
    assert client.get(url + "?page=2").status_code == 200


def test_pagina_de_persona_con_300_participaciones_cabe_en_el_presupuesto(client):
    """A person with 300 participations and 300 quotes: bounded HTML and queries."""
    cargo = CargoFactory()
    for _ in range(300):
        ParticipacionFactory(persona=cargo.persona, cargo=cargo)
        CitaFactory(persona=cargo.persona, cargo=cargo, texto="Una cita larga. " * 20)
    url = cargo.persona.get_absolute_url()
    assert contar_consultas(client, url) <= CONSULTAS_MAXIMAS
    assert len(client.get(url).content) <= HTML_MAXIMO


def test_paginas_de_directorio_no_crecen(client):
    """Topic, organisation, person and consulate pages: same queries at 3 and 30 items."""
    tema, organizacion, consulado = TemaFactory(), OrganizacionFactory(), ConsuladoFactory()
    cargo = CargoFactory(organizacion=organizacion)
    urls = [
        tema.get_absolute_url(),
        organizacion.get_absolute_url(),
        cargo.persona.get_absolute_url(),
        consulado.get_absolute_url(),
    ]

    def preparar(n):
        for _ in range(n - Evento.objects.count()):
            evento = EventoFactory(organizador=organizacion)
            evento.temas.add(tema)
            evento.consulados.add(consulado)
            evento.colaboraciones.create(organizacion=organizacion, rol="auspicio")
            ParticipacionFactory(evento=evento, persona=cargo.persona, cargo=cargo)
            comunicado = ComunicadoFactory()
            comunicado.temas.add(tema)
            comunicado.organizaciones.add(organizacion)
            CitaFactory(comunicado=comunicado, persona=cargo.persona, cargo=cargo)
        return urls

    cuentas = presupuesto_constante(client, preparar)
    assert max(cuentas) <= CONSULTAS_MAXIMAS, dict(zip(urls, cuentas, strict=True))


def test_detalle_de_la_semilla_cabe_en_el_presupuesto(client):
    """The seed release, its related releases and its event (programme, 39 consulates):
    within the budget."""
    from django.core.management import call_command

    from cancilleria.sitio.demo.semilla import SLUG_COMUNICADO

    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    comunicado = Comunicado.objects.get(slug=SLUG_COMUNICADO)
    # Releases sharing its topic: the page shows them as related releases.
    for _ in range(3):
        ComunicadoFactory().temas.set(comunicado.temas.all())
    for url in (comunicado.get_absolute_url(), comunicado.evento.get_absolute_url()):
        assert contar_consultas(client, url) <= CONSULTAS_MAXIMAS, url
        assert len(client.get(url).content) <= HTML_MAXIMO, url


@pytest.mark.parametrize(
    "modulo, clase",
    [
        ("comunicados.filters", "ComunicadoFilter"),
        ("eventos.filters", "EventoFilter"),
        ("eventos.filters", "EventoGestionFilter"),
    ],
)
def test_filtros_publicos_renderizan_con_jinja2_el_mismo_html(modulo, clase):
    # Django's widget templates cost a third of a list page; their Jinja2 copies render
    # the same HTML several times faster (make bench).
    import re

    from django.forms.renderers import DjangoTemplates

    from cancilleria.base.busqueda.filtros import RENDERIZADOR_PUBLICO

    TemaFactory.create_batch(3)
    OrganizacionFactory.create_batch(2)
    ConsuladoFactory.create_batch(2)
    filterset = getattr(importlib.import_module(modulo), clase)(data={"q": "trata"})
    formulario = filterset.form
    assert formulario.renderer is RENDERIZADOR_PUBLICO
    jinja2 = [str(campo) for campo in formulario]
    formulario.renderer = DjangoTemplates()
    plantillas = [str(campo) for campo in formulario]

    def normalizar(html):
        # Only whitespace between tags and text differs between the two sets.
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

    assert [normalizar(h) for h in jinja2] == [normalizar(h) for h in plantillas]


@pytest.mark.parametrize(
    "modulo, clase, datos",
    [
        (
            "comunicados.filters",
            "ComunicadoFilter",
            {"organizacion": "o-1", "tipo": "nota_de_prensa"},
        ),
        ("comunicados.filters", "ComunicadoFilter", None),
        ("eventos.filters", "EventoFilter", {"tema": "t-2", "cuando": "nunca"}),
        ("eventos.filters", "EventoGestionFilter", {"consulado": ["c-1", "c-3"], "pais": "FR"}),
    ],
)
def test_los_select_escritos_en_python_son_los_de_jinja2(modulo, clase, datos, monkeypatch):
    """RENDERIZADOR_PUBLICO writes <select> as Django's Jinja2 templates do, byte for byte:
    choices, groups, the chosen ones, and labels that need escaping."""
    from django.forms.renderers import Jinja2

    from cancilleria.base import marcado
    from cancilleria.base.busqueda.filtros import RENDERIZADOR_PUBLICO

    escritos = []
    select = marcado.select
    monkeypatch.setattr(marcado, "select", lambda widget: escritos.append(1) or select(widget))

    for n in range(4):
        TemaFactory(slug=f"t-{n}", nombre=f'Tema "{n}" & <más>')
        OrganizacionFactory(slug=f"o-{n}", nombre=f"L'Organisation {n}")
        ConsuladoFactory(slug=f"c-{n}", nombre=f"Consulado General del Perú en Ciudad {n}")
    formulario = getattr(importlib.import_module(modulo), clase)(data=datos).form
    assert formulario.renderer is RENDERIZADOR_PUBLICO
    en_python = {campo.name: str(campo) for campo in formulario}
    formulario.renderer = Jinja2()
    plantillas = {campo.name: str(campo) for campo in formulario}
    assert en_python == plantillas
    assert len(escritos) == sum("<select" in html for html in en_python.values()) > 0
    assert "selected" in "".join(en_python.values()) or not datos


@pytest.mark.parametrize(
    "modulo, clase, campo, datos",
    [
        ("comunicados.filters", "ComunicadoFilter", "tema", {"tema": ["t-1", "t-3"]}),
        ("comunicados.filters", "ComunicadoFilter", "tema", None),
        ("eventos.filters", "EventoFilter", "consulado", {"consulado": ["c-2"]}),
    ],
)
def test_casillas_escritas_en_python_son_las_del_widget(modulo, clase, campo, datos):
    """{% casillas %} writes each box as `{{ opcion.tag }} <label…>` did, checked ones too."""
    from django.template import Context, Template

    for n in range(4):
        TemaFactory(slug=f"t-{n}", nombre=f'Tema «{n}» & "más" d\'<esto>')
        ConsuladoFactory(slug=f"c-{n}", nombre=f"Consulado General del Perú en Ciudad {n}")
    formulario = getattr(importlib.import_module(modulo), clase)(data=datos).form
    campo = formulario[campo]
    antes = Template(
        '{% for opcion in campo %}<div class="casilla">{{ opcion.tag }} '
        '<label for="{{ opcion.id_for_label }}">{{ opcion.choice_label }}</label></div>'
        "{% endfor %}"
    ).render(Context({"campo": campo}))
    ahora = Template("{% load cancilleria_tags %}{% casillas campo %}").render(
        Context({"campo": campo})
    )
    assert ahora == antes
    assert ("checked" in ahora) == bool(datos)


@pytest.mark.parametrize(
    "modulo, clase, datos, con_errores",
    [
        ("comunicados.filters", "ComunicadoFilter", {"q": "trata", "tipo": "nota_de_prensa"}, 0),
        ("comunicados.filters", "ComunicadoFilter", {"desde": "ayer", "organizacion": "x"}, 2),
        ("eventos.filters", "EventoFilter", {"cuando": "nunca"}, 1),
        ("eventos.filters", "EventoGestionFilter", None, 0),
    ],
)
def test_la_etiqueta_campo_escribe_lo_que_escribia_su_include(modulo, clase, datos, con_errores):
    """{% campo %} writes each field as includes/_campo.html did, errors included."""
    from django.template import Context, Template

    TemaFactory(nombre="Tema «1» & más")
    OrganizacionFactory()
    formulario = getattr(importlib.import_module(modulo), clase)(data=datos).form
    include = Template(
        '<div class="campo{% if campo.errors %} campo--error{% endif %}">\n'
        '  <label for="{{ campo.id_for_label }}">{{ campo.label }}</label>\n'
        "  {{ campo }}\n"
        '  {% for error in campo.errors %}<p class="campo__error" id="{{ campo.auto_id }}_error">'
        "{{ error }}</p>{% endfor %}\n"
        "</div>\n"
    )
    etiqueta = Template("{% load cancilleria_tags %}{% campo campo %}")
    errores = 0
    for campo in formulario:
        contexto = Context({"campo": campo})
        assert etiqueta.render(contexto) == include.render(contexto), campo.name
        errores += bool(campo.errors)
    assert errores == con_errores


@pytest.mark.parametrize("cuantos", [2, 8])
def test_paginador_por_claves_da_las_paginas_del_acotado(monkeypatch, cuantos):
    """Reading the keys first changes how a list is read, not what it shows: the same
    count, pages, "more than" and items (their keys), in the same order, as
    PaginadorAcotado."""
    from django.core.paginator import EmptyPage

    from cancilleria.base import vistas

    monkeypatch.setattr(vistas, "PAGINAS_MAXIMAS", 2)
    ComunicadoFactory.create_batch(cuantos)
    lista = Comunicado.objects.order_by("-fecha_publicacion", "-pk")
    acotado = vistas.PaginadorAcotado(lista, 3)
    por_claves = vistas.PaginadorPorClaves(lista, 3)
    esperado = (min(cuantos, 6), 1 if cuantos <= 3 else 2, cuantos > 6)
    assert (acotado.count, acotado.num_pages, acotado.acotado) == esperado
    assert (por_claves.count, por_claves.num_pages, por_claves.acotado) == esperado
    for numero in acotado.page_range:
        assert list(por_claves.page(numero)) == [c.pk for c in acotado.page(numero)]
    with pytest.raises(EmptyPage):
        por_claves.page(acotado.num_pages + 1)
