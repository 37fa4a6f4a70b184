"""The importar_consulados command and the shipped consular directory."""

import io

import pytest
from django.core.management import CommandError, call_command

from cancilleria.directorio.directorio_consular import (
    RUTA_INICIAL,
    consulados_iniciales,
    leer_texto,
)
from cancilleria.directorio.models import Consulado
from tests.factories import ConsuladoFactory

pytestmark = pytest.mark.django_db

CABECERA = "slug,pais,ciudad,tipo,nombre_es,nombre_en\n"
TRES_BUENAS_DOS_MALAS = (
    CABECERA + "paris,FR,París,consulado_general,Consulado General del Perú en París,"
    "Consulate General of Peru in Paris\n"
    + "atlantida,XX,,consulado,Consulado en la Atlántida,\n"
    + "barcelona,es,Barcelona,consulado general,Consulado General del Perú en Barcelona,\n"
    + "tokio,JP,Tokio,embajada,Consulado en Tokio,\n"
    + "seul,KR,Seúl,seccion_consular,Sección Consular de la Embajada del Perú en Corea,"
    "Consular Section of the Embassy of Peru in Korea\n"
)


def _archivo(tmp_path, texto, nombre="consulados.csv", bom=False):
    ruta = tmp_path / nombre
    ruta.write_text(("\ufeff" if bom else "") + texto, encoding="utf-8")
    return ruta


def _ejecutar(*argumentos):
    salida, errores = io.StringIO(), io.StringIO()
    try:
        call_command("importar_consulados", *argumentos, stdout=salida, stderr=errores)
        fallo = None
    except CommandError as error:
        fallo = error
    return salida.getvalue(), errores.getvalue(), fallo


def test_importa_las_buenas_y_reporta_las_malas_con_su_fila(tmp_path):
    """Three good rows are imported; the two bad ones are reported by row number and reason."""
    salida, errores, fallo = _ejecutar(str(_archivo(tmp_path, TRES_BUENAS_DOS_MALAS)))
    assert set(Consulado.objects.values_list("slug", flat=True)) == {"paris", "barcelona", "seul"}
    assert "Fila 3: código de país desconocido «XX»" in errores
    assert "Fila 5: tipo desconocido «embajada»" in errores
    assert "3 creados" in salida and "2 filas con errores" in salida
    assert fallo is not None  # non-zero exit code for scripts
    barcelona = Consulado.objects.get(slug="barcelona")
    assert barcelona.pais.code == "ES" and barcelona.tipo == Consulado.Tipo.CONSULADO_GENERAL
    assert barcelona.region == "europa"
    seul = Consulado.objects.get(slug="seul")
    assert seul.nombre_es == "Sección Consular de la Embajada del Perú en Corea"
    assert seul.nombre_en == "Consular Section of the Embassy of Peru in Korea"


def test_dry_run_no_cambia_nada(tmp_path):
    """--dry-run counts what would change and leaves the database as it was."""
    ConsuladoFactory(slug="paris", nombre="Nombre viejo", pais="FR")
    salida, _errores, _fallo = _ejecutar(
        str(_archivo(tmp_path, TRES_BUENAS_DOS_MALAS)), "--dry-run"
    )
    assert list(Consulado.objects.values_list("slug", "nombre_es")) == [("paris", "Nombre viejo")]
    assert "2 creados, 1 actualizados" in salida and "no se guardó nada" in salida


def test_segunda_ejecucion_no_cambia_nada(tmp_path):
    """Importing the same file twice changes nothing the second time (update by slug)."""
    ruta = _archivo(tmp_path, TRES_BUENAS_DOS_MALAS)
    _ejecutar(str(ruta))
    antes = list(Consulado.objects.order_by("slug").values())
    salida, _errores, _fallo = _ejecutar(str(ruta))
    assert "0 creados, 0 actualizados, 3 sin cambios" in salida
    assert list(Consulado.objects.order_by("slug").values()) == antes


def test_actualiza_por_slug(tmp_path):
    """A row whose slug exists updates that consulate instead of adding another."""
    ConsuladoFactory(slug="paris", nombre="Nombre viejo", pais="FR", ciudad="")
    salida, _errores, fallo = _ejecutar(
        str(
            _archivo(
                tmp_path,
                CABECERA + "paris,FR,París,consulado_general,Consulado General en París,\n",
            )
        )
    )
    assert fallo is None
    consulado = Consulado.objects.get(slug="paris")
    assert (consulado.nombre_es, consulado.ciudad) == ("Consulado General en París", "París")
    assert "1 actualizados" in salida


def test_errores_de_fila_faltantes_y_duplicados():
    """A missing name and a slug repeated in the file are errors of their own rows."""
    filas, errores = leer_texto(
        CABECERA
        + "lima,PE,,consulado,,\n"
        + "quito,EC,Quito,consulado,Consulado en Quito,\n"
        + "quito,EC,Quito,consulado,Otra vez Quito,\n"
    )
    assert [f.slug for f in filas] == ["quito"]
    assert [(e.numero, e.motivo) for e in errores] == [
        (2, "falta el valor de «nombre_es»"),
        (4, "el slug «quito» ya figura en la fila 3 del archivo"),
    ]


def test_punto_y_coma_y_bom(tmp_path):
    """A file saved by a spreadsheet in Spanish (BOM, ";") is read the same."""
    texto = CABECERA.replace(",", ";") + "quito;EC;Quito;consulado;Consulado en Quito;\n"
    _salida, _errores, fallo = _ejecutar(str(_archivo(tmp_path, texto, bom=True)))
    assert fallo is None
    assert Consulado.objects.get(slug="quito").ciudad == "Quito"


def test_cabecera_incompleta_o_archivo_inexistente(tmp_path):
    """A header without the required columns, or a missing file, stops with a clear message."""
    _s, _e, fallo = _ejecutar(str(_archivo(tmp_path, "slug,nombre\nquito,Quito\n")))
    assert "Faltan columnas en la cabecera: pais, ciudad, tipo, nombre_es, nombre_en" in str(fallo)
    _s, _e, fallo = _ejecutar(str(tmp_path / "no-existe.csv"))
    assert "No existe el archivo" in str(fallo)
    assert Consulado.objects.count() == 0


def test_archivo_que_no_es_utf8(tmp_path):
    """A file in Latin-1 is refused with advice, not a traceback."""
    ruta = tmp_path / "latin1.csv"
    ruta.write_bytes((CABECERA + "quito,EC,,consulado,Consulado en Perú,\n").encode("latin-1"))
    _s, _e, fallo = _ejecutar(str(ruta))
    assert "no está en UTF-8" in str(fallo)


def test_barra_de_progreso_con_progreso(tmp_path, capsys):
    """--progreso draws a tqdm bar even when the output is not a terminal."""
    _ejecutar(str(_archivo(tmp_path, TRES_BUENAS_DOS_MALAS)), "--progreso")
    assert "Consulados" in capsys.readouterr().err


def test_archivo_inicial_trae_las_39_oficinas_de_la_semilla():
    """The shipped CSV holds the seed's 39 offices, each once (Francia listed twice is one)."""
    from cancilleria.sitio.demo.semilla import CONSULADOS, LISTA_CONSULADOS_ES

    filas = consulados_iniciales()
    assert len(filas) == 39 == len({f.slug for f in filas})
    assert [f.slug for f in filas] == [c[0] for c in CONSULADOS]
    nombres_en_la_semilla = LISTA_CONSULADOS_ES.replace(" y ", ", ").split(", ")
    assert len(nombres_en_la_semilla) == 40 and len(set(nombres_en_la_semilla)) == 39


def test_importar_el_archivo_inicial_y_luego_la_demo_no_cambia_consulados():
    """The default import and the demo seed load the same 39 offices, identically."""
    salida, _errores, fallo = _ejecutar()
    assert fallo is None and "39 creados" in salida
    assert RUTA_INICIAL.name in salida
    antes = list(Consulado.objects.order_by("slug").values())
    call_command("cargar_demo", "--solo-semilla", verbosity=0, stdout=io.StringIO())
    assert list(Consulado.objects.order_by("slug").values()) == antes


def test_importa_alias_separados_por_barra(tmp_path):
    """Item 8: the alias column fills `alias`, one per line; the resolver then uses it."""
    from cancilleria.directorio.resolucion import resolver_consulados

    texto = (
        "slug;pais;ciudad;tipo;nombre_es;nombre_en;alias\n"
        "hk;HK;Hong Kong;consulado_general;CG Hong Kong;;China (RAE Hong Kong)| RAE Hong Kong |\n"
    )
    salida, _errores, fallo = _ejecutar(str(_archivo(tmp_path, texto)))
    assert fallo is None, salida
    hk = Consulado.objects.get(slug="hk")
    assert hk.lista_alias() == ["China (RAE Hong Kong)", "RAE Hong Kong"]
    assert resolver_consulados("china (rae hong kong)").consulados == [hk]
    # A file without the column leaves the aliases alone.
    sin_columna = CABECERA + "hk,HK,Hong Kong,consulado_general,CG Hong Kong,\n"
    _ejecutar(str(_archivo(tmp_path, sin_columna, nombre="otro.csv")))
    hk.refresh_from_db()
    assert hk.lista_alias() == ["China (RAE Hong Kong)", "RAE Hong Kong"]


def test_el_archivo_incluido_trae_alias_de_la_semilla():
    filas = {f.slug: f for f in consulados_iniciales()}
    assert "España" in filas["espana"].alias
    assert "China (RAE Hong Kong)" in filas["hong-kong"].alias
