"""The staff pages at /gestion/consulados/: access, filters, summary, chart and exports."""

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cancilleria.base.models import Estado
from eventos.models import Evento
from tests.consultas import presupuesto_constante
from tests.factories import ConsuladoFactory, EventoFactory, TemaFactory

pytestmark = pytest.mark.django_db

LIMA = ZoneInfo("America/Lima")
URL = "/gestion/consulados/"
SEMINARIO = "Buenas prácticas para la protección de víctimas de trata de personas"
SLUG_SEMINARIO = "seminario-internacional-proteccion-victimas-trata-de-personas"


@pytest.fixture
def personal(django_user_model):
    """Return a user who holds only the staff permission (as the group Personal does)."""
    usuario = django_user_model.objects.create_user("personal", password="clave-de-prueba-1")
    usuario.user_permissions.add(
        Permission.objects.get(
            codename="ver_participacion_consular", content_type__app_label="eventos"
        )
    )
    return usuario


@pytest.fixture
def cliente(client, personal):
    client.force_login(personal)
    return client


@pytest.fixture
def semilla():
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


def _fecha(anio, mes, dia):
    return datetime(anio, mes, dia, 10, 0, tzinfo=LIMA)


def _filas_de_la_tabla(html):
    """Return the event names in the events table, in order, once per row."""
    tabla = html.split('id="titulo-eventos"', 1)[1].split("</table>", 1)[0]
    cuerpo = tabla.split("<tbody>", 1)[1]
    return [
        re.sub(r"<[^>]+>", "", fila.split("<td>", 1)[1].split("<span", 1)[0]).strip()
        for fila in cuerpo.split("<tr>")[1:]
    ]


# --- Access ---------------------------------------------------------------------------------


def test_anonimo_va_a_la_pagina_de_acceso(client):
    """An anonymous visitor is sent to the (admin) login page, with the way back."""
    respuesta = client.get(URL)
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("admin:login"))
    assert "next=/gestion/consulados/" in respuesta["Location"]


def test_sin_permiso_recibe_403(client, django_user_model):
    """A signed-in user without the permission gets the 403 page, on both staff pages."""
    client.force_login(django_user_model.objects.create_user("curioso", password="x-12345678"))
    assert client.get(URL).status_code == 403
    consulado = ConsuladoFactory()
    respuesta = client.get(reverse("gestion:consulado", args=[consulado.slug]))
    assert respuesta.status_code == 403
    assert "No tiene permiso" in respuesta.content.decode()


def test_con_permiso_ve_la_pagina_sin_cache_ni_indexacion(cliente):
    """Staff with the permission see the page, marked never cached and not indexable."""
    respuesta = cliente.get(URL)
    assert respuesta.status_code == 200
    assert "no-store" in respuesta["Cache-Control"] or "no-cache" in respuesta["Cache-Control"]
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in respuesta.content.decode()


def test_pagina_en_ingles(cliente):
    """The staff page answers under /en/ too, like every other page."""
    assert cliente.get("/en" + URL).status_code == 200


# --- Filtering --------------------------------------------------------------------------------


def test_francia_lista_el_seminario_una_vez(cliente, semilla):
    """Filtering by the consulate in Francia lists the seed seminar once (named twice)."""
    html = cliente.get(URL, {"consulado": "francia"}).content.decode()
    filas = _filas_de_la_tabla(html)
    assert len(filas) == 1 and filas[0].startswith(SEMINARIO)
    assert html.count(f'href="/eventos/{SLUG_SEMINARIO}/"') == 1
    assert re.search(r">\s*1 evento\s*<", html)


def test_dos_consulados_del_mismo_evento_no_lo_duplican(cliente, semilla):
    """Two consulates that took part in the same event still list it once."""
    respuesta = cliente.get(URL, {"consulado": ["francia", "espana"]})
    filas = _filas_de_la_tabla(respuesta.content.decode())
    assert len(filas) == 1 and filas[0].startswith(SEMINARIO)
    assert [c.slug for c in respuesta.context["resumen"]] == ["espana", "francia"]
    assert all(c.total == 1 for c in respuesta.context["resumen"])


def test_consulado_sin_eventos_muestra_estado_vacio_util(cliente):
    """A consulate with no events says so by name and suggests what to do next."""
    ConsuladoFactory(slug="japon", nombre="Consulado General del Perú en Japón", pais="JP")
    EventoFactory()
    html = cliente.get(URL, {"consulado": "japon"}).content.decode()
    assert "Consulado General del Perú en Japón no figura en ningún evento" in html
    assert "ampliar el rango de fechas" in html
    assert reverse("gestion:consulado", args=["japon"]) in html
    assert 'id="titulo-eventos"' not in html


def test_filtros_combinados(cliente):
    """Consulate, dates, modality and topic combine: only events matching all remain."""
    paris = ConsuladoFactory(slug="paris", pais="FR")
    tokio = ConsuladoFactory(slug="tokio", pais="JP")
    tema = TemaFactory(slug="trata")
    bueno = EventoFactory(nombre="Bueno", inicio=_fecha(2023, 5, 10), modalidad="virtual")
    bueno.consulados.add(paris)
    bueno.temas.add(tema)
    fuera_de_fecha = EventoFactory(nombre="Viejo", inicio=_fecha(2021, 5, 10), modalidad="virtual")
    fuera_de_fecha.consulados.add(paris)
    fuera_de_fecha.temas.add(tema)
    otra_modalidad = EventoFactory(nombre="Presencial", inicio=_fecha(2023, 6, 1))
    otra_modalidad.consulados.add(paris)
    otra_modalidad.temas.add(tema)
    otro_consulado = EventoFactory(nombre="Tokio", inicio=_fecha(2023, 6, 1), modalidad="virtual")
    otro_consulado.consulados.add(tokio)
    otro_consulado.temas.add(tema)

    respuesta = cliente.get(
        URL,
        {
            "consulado": "paris",
            "desde": "2023-01-01",
            "hasta": "2023-12-31",
            "modalidad": "virtual",
            "tema": "trata",
        },
    )
    assert [e.nombre for e in respuesta.context["eventos"]] == ["Bueno"]


def test_filtro_por_pais_y_region(cliente):
    """The country filter keeps events with a consulate in that country; region too."""
    frances = EventoFactory(nombre="Con Francia")
    frances.consulados.add(ConsuladoFactory(pais="FR"), ConsuladoFactory(pais="FR"))
    japones = EventoFactory(nombre="Con Japón")
    japones.consulados.add(ConsuladoFactory(pais="JP"))
    assert [e.nombre for e in cliente.get(URL, {"pais": "FR"}).context["eventos"]] == [
        "Con Francia"
    ]
    assert [e.nombre for e in cliente.get(URL, {"region": "asia"}).context["eventos"]] == [
        "Con Japón"
    ]
    html = cliente.get(URL).content.decode()
    assert '<option value="FR">Francia</option>' in html


def test_selector_de_consulados_agrupado_por_region(cliente):
    """The consulate picker is a labelled multi-select with one <optgroup> per region."""
    ConsuladoFactory(nombre="Consulado en París", slug="paris", pais="FR")
    ConsuladoFactory(nombre="Consulado en Quito", slug="quito", pais="EC")
    html = cliente.get(URL).content.decode()
    assert '<label for="id_consulado">' in html
    assert re.search(r'<select name="consulado"[^>]*multiple', html)
    europa = html.index('<optgroup label="Europa">')
    sur = html.index('<optgroup label="América del Sur">')
    assert sur < europa  # regions keep their own order, not the alphabet
    assert html.index('value="paris"') > europa


def test_borradores_fuera_y_programados_marcados(cliente, ahora):
    """Drafts are left out; scheduled events are listed and marked as not yet public."""
    EventoFactory(nombre="Borrador", estado=Estado.BORRADOR)
    EventoFactory(nombre="Retirado", estado=Estado.RETIRADO)
    EventoFactory(nombre="Programado", fecha_publicacion=ahora + timedelta(days=3))
    EventoFactory(nombre="Publicado")
    respuesta = cliente.get(URL)
    nombres = {e.nombre for e in respuesta.context["eventos"]}
    assert nombres == {"Programado", "Publicado"}
    assert "aún no es público" in respuesta.content.decode()


def test_filtro_no_valido_da_mensaje_no_500(cliente):
    """A bad date or an unknown consulate gives a message and keeps the form, never a 500."""
    respuesta = cliente.get(URL, {"desde": "ayer", "consulado": "no-existe"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Algunos filtros no son válidos" in html
    assert 'value="ayer"' in html


# --- Summary and chart --------------------------------------------------------------------------


def _tres_consulados():
    a = ConsuladoFactory(nombre="Alfa", slug="alfa", pais="AR")
    b = ConsuladoFactory(nombre="Beta", slug="beta", pais="JP")
    c = ConsuladoFactory(nombre="Gamma", slug="gamma", pais="FR")
    for i, consulados in enumerate([(a, b), (a,), (a, b)]):
        EventoFactory(inicio=_fecha(2023, 1 + i, 1)).consulados.add(*consulados)
    return a, b, c


def test_resumen_cuenta_y_ultima_participacion(cliente):
    """The summary counts each consulate's events and its last participation; zeros too."""
    _tres_consulados()
    resumen = {c.slug: c for c in cliente.get(URL).context["resumen"]}
    assert (resumen["alfa"].total, resumen["beta"].total, resumen["gamma"].total) == (3, 2, 0)
    assert timezone.localtime(resumen["alfa"].ultima).date().isoformat() == "2023-03-01"
    assert resumen["gamma"].ultima is None


@pytest.mark.parametrize(
    "filtros, esperado",
    [
        ({"consulado": ["alfa", "beta"]}, {"alfa": 3, "beta": 2}),
        ({"pais": "JP"}, {"beta": 2}),
        ({"region": "europa"}, {"gamma": 0}),
        ({"consulado": ["beta"], "desde": "2023-02-15"}, {"beta": 1}),
    ],
    ids=["consulados", "pais", "region", "con-fecha"],
)
def test_resumen_con_filtros_de_alcance_cuenta_lo_mismo_sin_releerlos(cliente, filtros, esperado):
    """With the consulates chosen by a filter, the summary joins their participations once:
    same totals, and no EXISTS over the same participations again (issue 10)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _tres_consulados()
    with CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.get(URL, filtros)
    assert {c.slug: c.total for c in respuesta.context["resumen"]} == esperado
    [resumen] = [q["sql"] for q in consultas if "GROUP BY" in q["sql"] and "MAX(" in q["sql"]]
    assert "EXISTS" not in resumen


def test_resumen_se_ordena_con_orden(cliente):
    """orden sorts the summary; the header says which column, and bad values fall back."""
    _tres_consulados()
    por_defecto = cliente.get(URL)
    assert [c.slug for c in por_defecto.context["resumen"]] == ["alfa", "beta", "gamma"]
    assert 'aria-sort="descending"' in por_defecto.content.decode()
    por_nombre_inverso = cliente.get(URL, {"orden": "-consulado"})
    assert [c.slug for c in por_nombre_inverso.context["resumen"]] == ["gamma", "beta", "alfa"]
    por_eventos = cliente.get(URL, {"orden": "eventos"})
    assert [c.slug for c in por_eventos.context["resumen"]] == ["gamma", "beta", "alfa"]
    assert 'aria-sort="ascending"' in por_eventos.content.decode()
    por_region = cliente.get(URL, {"orden": "region"})
    assert [c.slug for c in por_region.context["resumen"]] == ["alfa", "gamma", "beta"]
    raro = cliente.get(URL, {"orden": "'; drop table"})
    assert raro.status_code == 200
    assert [c.slug for c in raro.context["resumen"]] == ["alfa", "beta", "gamma"]


def test_grafico_svg_accesible_sin_estilos_en_linea(cliente):
    """The chart is an SVG image with a title and text labels; no style= anywhere (CSP)."""
    _tres_consulados()
    html = cliente.get(URL).content.decode()
    svg = html.split('<svg class="grafico__svg"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<desc" in svg
    assert "<title>Alfa: 3</title>" in svg and "<title>Beta: 2</title>" in svg
    assert "Gamma" not in svg  # no bar for a consulate without events
    assert 'width="' in svg and "style=" not in html
    assert "<script" not in html.split("</head>", 1)[1]


def test_consultas_no_crecen_con_eventos_y_consulados(cliente):
    """The page makes the same number of queries with 5 and with 50 events and consulates."""

    def crear(n):
        consulados = [ConsuladoFactory(pais=["FR", "JP", "BR", "US"][i % 4]) for i in range(n)]
        for i in range(n):
            evento = EventoFactory(inicio=timezone.now() - timedelta(days=i + 1))
            evento.consulados.add(*consulados[: 1 + i % 4])
            evento.temas.add(TemaFactory())
        return consulados

    urls = [URL]

    def preparar(n):
        consulados = crear(n - Evento.objects.count())
        # The filter names a consulate of the first batch: its events stay 5.
        if len(urls) == 1:
            urls.append(f"{URL}?region=europa&consulado={consulados[0].slug}&desde=2000-01-01")
        return urls

    presupuesto_constante(cliente, preparar, pocas=5, muchas=50)


def test_exportaciones_consultas_no_crecen(cliente):
    """CSV, XLSX and the printable view make the same number of queries for 5 and 50 events."""
    formatos = ("csv", "xlsx", "imprimir")

    def crear(n):
        for _ in range(n):
            EventoFactory().consulados.add(ConsuladoFactory(), ConsuladoFactory(pais="JP"))

    def preparar(n):
        crear(n - Evento.objects.count())
        return [f"{URL}?formato={f}" for f in formatos]

    presupuesto_constante(cliente, preparar, pocas=5, muchas=50)


# --- Exports ------------------------------------------------------------------------------------


def _datos_para_exportar():
    sur = ConsuladoFactory(nombre="Sección Consular en Bogotá", slug="bogota", pais="CO")
    lejos = ConsuladoFactory(nombre="Consulado General en Tokio", slug="tokio", pais="JP")
    uno = EventoFactory(nombre="Reunión de coordinación ñandú", inicio=_fecha(2023, 3, 2))
    uno.consulados.add(sur, lejos)
    dos = EventoFactory(nombre="Taller de protección", inicio=_fecha(2023, 4, 5))
    dos.consulados.add(sur)
    otro = EventoFactory(nombre="Fuera del filtro", inicio=_fecha(2023, 4, 6))
    otro.consulados.add(lejos)
    return uno, dos


def test_csv_con_bom_y_solo_las_filas_filtradas(cliente):
    """The CSV has a BOM, a Spanish header and exactly the filtered rows, accents intact."""
    _datos_para_exportar()
    respuesta = cliente.get(URL, {"consulado": "bogota", "formato": "csv"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/csv")
    fecha = timezone.localdate().isoformat()
    assert f'filename="participacion-consular-{fecha}.csv"' in respuesta["Content-Disposition"]
    assert respuesta.content.startswith(b"\xef\xbb\xbf")
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig")), delimiter=";"))
    cabecera, datos = filas[0], filas[1:]
    assert cabecera[:3] == ["Fecha", "Hora", "Evento"]
    assert "Consulados participantes" in cabecera
    assert [fila[2] for fila in datos] == ["Taller de protección", "Reunión de coordinación ñandú"]
    assert datos[1][0] == "2023-03-02" and datos[1][1] == "10:00"
    consulados = datos[1][cabecera.index("Consulados participantes")]
    assert consulados == "Consulado General en Tokio, Sección Consular en Bogotá"


def test_xlsx_con_solo_las_filas_filtradas(cliente):
    """The XLSX opens with openpyxl and holds the filtered rows, real dates and the summary."""
    _datos_para_exportar()
    respuesta = cliente.get(URL, {"consulado": "bogota", "hasta": "2023-03-31", "formato": "xlsx"})
    assert respuesta.status_code == 200
    assert "spreadsheetml" in respuesta["Content-Type"]
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames == ["Eventos", "Resumen por consulado", "Filtros"]
    filas = list(libro["Eventos"].iter_rows(values_only=True))
    assert filas[0][2] == "Evento"
    assert len(filas) == 2
    assert filas[1][2] == "Reunión de coordinación ñandú"
    assert filas[1][0].date().isoformat() == "2023-03-02"
    resumen = list(libro["Resumen por consulado"].iter_rows(values_only=True))
    assert resumen[1][0] == "Sección Consular en Bogotá" and resumen[1][3] == 1


def test_exportacion_no_ejecuta_formulas(cliente):
    """Text that looks like a formula stays text in the CSV and in the XLSX."""
    EventoFactory(nombre='=HYPERLINK("http://x","y")')
    contenido = cliente.get(URL, {"formato": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in contenido
    libro = openpyxl.load_workbook(io.BytesIO(cliente.get(URL, {"formato": "xlsx"}).content))
    celda = libro["Eventos"]["C2"]
    assert celda.data_type == "s" and celda.value.startswith("=HYPERLINK")


def test_formato_desconocido_da_400_con_mensaje(cliente):
    """An unknown formato answers 400 with a message and the page, never a 500."""
    respuesta = cliente.get(URL, {"formato": "pdf", "modalidad": "virtual"})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "El formato «pdf» no existe" in html
    assert '<option value="virtual" selected>' in html


def test_exportar_con_filtro_no_valido_da_400(cliente):
    """Exporting with a bad filter returns the page with the message (400), not a file."""
    respuesta = cliente.get(URL, {"desde": "31/02/2023", "formato": "csv"})
    assert respuesta.status_code == 400
    assert "text/html" in respuesta["Content-Type"]
    assert "Algunos filtros no son válidos" in respuesta.content.decode()


def test_version_para_imprimir_sin_paginar(cliente):
    """The printable view lists every filtered event on one page, with the filters used."""
    consulado = ConsuladoFactory(slug="quito", pais="EC")
    for i in range(55):
        EventoFactory(inicio=timezone.now() - timedelta(days=i + 1)).consulados.add(consulado)
    respuesta = cliente.get(URL, {"consulado": "quito", "formato": "imprimir"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert len(_filas_de_la_tabla(html)) == 55
    assert "Filtros aplicados" in html and "Generado el" in html
    assert len(cliente.get(URL, {"consulado": "quito"}).context["eventos"]) == 50


# --- The per-consulate page ---------------------------------------------------------------------


def test_pagina_del_consulado_con_eventos_por_anio(cliente):
    """A consulate's page lists its events newest first and charts them per year, gaps included."""
    consulado = ConsuladoFactory(nombre="Consulado en Quito", slug="quito", pais="EC")
    otro = ConsuladoFactory()
    for fecha in (_fecha(2021, 3, 1), _fecha(2021, 9, 1), _fecha(2023, 2, 1)):
        EventoFactory(inicio=fecha).consulados.add(consulado, otro)
    EventoFactory(estado=Estado.BORRADOR).consulados.add(consulado)
    respuesta = cliente.get(reverse("gestion:consulado", args=["quito"]))
    assert respuesta.status_code == 200
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"
    eventos = list(respuesta.context["eventos"])
    assert len(eventos) == 3 and eventos[0].inicio > eventos[-1].inicio
    assert all(e.numero_consulados == 2 for e in eventos)
    barras = [(b["etiqueta"], b["valor"]) for b in respuesta.context["grafico"]["barras"]]
    assert barras == [("2021", 2), ("2022", 0), ("2023", 1)]
    assert respuesta.context["totales"]["total"] == 3


def test_pagina_del_consulado_vacia_y_desconocida(cliente):
    """A consulate without events gets a helpful empty state; an unknown slug a 404."""
    ConsuladoFactory(slug="vacio")
    html = cliente.get(reverse("gestion:consulado", args=["vacio"])).content.decode()
    assert "aún no figura en ningún evento" in html
    assert cliente.get(reverse("gestion:consulado", args=["no-existe"])).status_code == 404
    assert cliente.get(reverse("gestion:consulado", args=["vacio"]) + "?page=9").status_code == 404


def test_pagina_del_consulado_consultas_no_crecen(cliente):
    """The consulate page makes the same number of queries with 5 and with 50 events."""
    consulado = ConsuladoFactory(slug="quito", pais="EC")
    url = reverse("gestion:consulado", args=["quito"])

    def crear(n, desde):
        for i in range(n):
            evento = EventoFactory(inicio=_fecha(2010 + (desde + i) % 12, 1, 1))
            evento.consulados.add(consulado, ConsuladoFactory())

    def preparar(n):
        desde = Evento.objects.count()
        crear(n - desde, desde)
        return url

    presupuesto_constante(cliente, preparar, pocas=5, muchas=50)


# --- Admin --------------------------------------------------------------------------------------


def test_admin_eventos_filtra_por_consulado_con_recuento(admin_client):
    """The event change list filters by consulate and shows facet counts."""
    consulado = ConsuladoFactory(nombre="Consulado en Quito")
    for _ in range(2):
        EventoFactory().consulados.add(consulado)
    EventoFactory()
    url = reverse("admin:eventos_evento_changelist")
    html = admin_client.get(url).content.decode()
    assert "Consulado en Quito (2)" in html
    filtrada = admin_client.get(url, {"consulados__id__exact": consulado.pk})
    assert filtrada.context["cl"].result_count == 2


def test_admin_consulado_muestra_sus_eventos_y_enlace(admin_client):
    """The consulate change page lists its events read-only and links to its staff page."""
    consulado = ConsuladoFactory(slug="quito")
    EventoFactory(nombre="Taller en Quito").consulados.add(consulado)
    html = admin_client.get(
        reverse("admin:cancilleria_consulado_change", args=[consulado.pk])
    ).content.decode()
    assert "Taller en Quito" in html
    assert reverse("gestion:consulado", args=["quito"]) in html
    assert 'name="participaciones-0-evento"' not in html  # read-only: no editable field


def test_admin_consulado_se_guarda_con_sus_eventos_de_solo_lectura(admin_client):
    """Saving the consulate's change page still works with the read-only events list."""
    consulado = ConsuladoFactory(slug="quito", nombre="Consulado en Quito", pais="EC")
    EventoFactory().consulados.add(consulado)
    url = reverse("admin:cancilleria_consulado_change", args=[consulado.pk])
    pagina = admin_client.get(url)
    formulario = pagina.context["adminform"].form
    datos = {
        nombre: valor
        for nombre in formulario.fields
        if (valor := formulario[nombre].value()) is not None
    }
    for formset in pagina.context["inline_admin_formsets"]:
        gestion = formset.formset.management_form
        datos.update({gestion.add_prefix(n): gestion[n].value() for n in gestion.fields})
    datos["ciudad"] = "Quito"
    respuesta = admin_client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    consulado.refresh_from_db()
    assert consulado.ciudad == "Quito" and consulado.eventos.count() == 1


@pytest.mark.parametrize(
    ("rol", "estado"),
    [("Personal", 200), ("Editor de prensa", 200), ("Administrador", 200), ("Redactor", 403)],
)
def test_roles_que_ven_la_gestion_consular(client, rol, estado):
    """The staff area opens for the Personal, Editor de prensa and Administrador groups only."""
    from tests.usuarios import crear_usuario

    client.force_login(crear_usuario(rol))
    assert client.get(reverse("gestion:consulados")).status_code == estado
