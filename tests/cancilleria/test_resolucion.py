"""Pasted consulate lists resolve to directory offices (issue 11, items 2 and 8)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cancilleria.directorio.directorio_consular import consulados_iniciales
from cancilleria.directorio.models import Consulado
from cancilleria.directorio.regiones import Region
from cancilleria.directorio.resolucion import (
    consulados_de_pais,
    consulados_de_region,
    normalizar,
    resolver_consulados,
    separar_nombres,
)
from cancilleria.sitio.demo.semilla import LISTA_CONSULADOS_EN, LISTA_CONSULADOS_ES
from tests.factories import ConsuladoFactory

pytestmark = pytest.mark.django_db

# The seed release's sentence, copied as it was published (double "Francia" included).
SEMILLA = (
    "Entre los consulados participantes en el evento estuvieron: Estados Unidos, Japón, "
    "China (RAE Hong Kong), Malasia, Egipto, España, Italia, Polonia, Arabia Saudita, Corea, "
    "Suiza, Francia, Indonesia, Irlanda, Suecia, Canadá, Kuwait, Bélgica, Argelia, Turquía, "
    "Francia, República Dominicana, Honduras, Hungría, Sudáfrica, Austria, México, Costa "
    "Rica, Colombia, Chile, Brasil, Ecuador, Argentina, Uruguay, Panamá, El Salvador, "
    "Nicaragua, Venezuela, Bolivia y Perú."
)
LISTA_SEMILLA = SEMILLA.split(": ", 1)[1]


@pytest.fixture
def directorio():
    """The shipped directory, as `importar_consulados` loads it."""
    call_command("importar_consulados", stdout=io.StringIO())
    return {c.slug: c for c in Consulado.objects.all()}


def _slugs(consulados):
    return [c.slug for c in consulados]


def test_los_40_nombres_de_la_semilla_son_39_oficinas(directorio, django_assert_num_queries):
    with django_assert_num_queries(1):
        resultado = resolver_consulados(LISTA_SEMILLA)
    assert resultado.no_resueltos == [] and resultado.ambiguos == {}
    assert resultado.completo
    assert len(resultado.consulados) == 39
    assert len(separar_nombres(LISTA_SEMILLA)) == 40
    # Text order, France kept at its first place only.
    assert _slugs(resultado.consulados)[:3] == ["estados-unidos", "japon", "hong-kong"]
    assert _slugs(resultado.consulados).count("francia") == 1
    assert _slugs(resultado.consulados)[-2:] == ["bolivia", "peru"]
    assert set(_slugs(resultado.consulados)) == {f.slug for f in consulados_iniciales()}


def test_la_frase_entera_y_la_lista_de_la_demo_resuelven_igual(directorio):
    esperado = _slugs(resolver_consulados(LISTA_SEMILLA).consulados)
    assert _slugs(resolver_consulados(SEMILLA).consulados) == esperado
    assert _slugs(resolver_consulados(LISTA_CONSULADOS_ES).consulados) == esperado
    # The English list ("the United States", "China (Hong Kong SAR)", "… and Peru").
    ingles = resolver_consulados(LISTA_CONSULADOS_EN)
    assert ingles.completo and _slugs(ingles.consulados) == esperado


def test_la_semilla_resuelve_aunque_haya_varias_oficinas_por_pais(directorio):
    """Madrid and Barcelona: the alias "España" picks the office that serves Spain."""
    ConsuladoFactory(
        slug="barcelona",
        nombre="Consulado General del Perú en Barcelona",
        pais="ES",
        ciudad="Barcelona",
    )
    ConsuladoFactory(
        slug="miami", nombre="Consulado General del Perú en Miami", pais="US", ciudad="Miami"
    )
    resultado = resolver_consulados(LISTA_SEMILLA)
    assert resultado.completo and len(resultado.consulados) == 39
    assert "barcelona" not in _slugs(resultado.consulados)
    # The city names the other office.
    assert _slugs(resolver_consulados("Barcelona; Miami").consulados) == ["barcelona", "miami"]


def test_sin_acentos_ni_mayusculas_y_con_separadores_variados(directorio):
    resultado = resolver_consulados("ESPANA\nturquia;  mexico\t corea del sur, japon e irlanda")
    assert _slugs(resultado.consulados) == [
        "espana",
        "turquia",
        "mexico",
        "corea",
        "japon",
        "irlanda",
    ]


def test_por_nombre_de_la_oficina_y_de_la_ciudad(directorio):
    resultado = resolver_consulados(
        "Consulado General del Perú en París, Consulate General of Peru in Rome, Seúl"
    )
    assert _slugs(resultado.consulados) == ["francia", "italia", "corea"]


def test_nombres_sin_oficina_se_devuelven_en_orden_y_una_vez(directorio):
    resultado = resolver_consulados("Francia, Atlántida, Narnia, Atlántida, Chile")
    assert _slugs(resultado.consulados) == ["francia", "chile"]
    assert resultado.no_resueltos == ["Atlántida", "Narnia"]
    assert not resultado.completo


def test_un_pais_con_varias_oficinas_sin_alias_es_ambiguo():
    milan = ConsuladoFactory(slug="milan", nombre="CG Milán", pais="IT", ciudad="Milán")
    roma = ConsuladoFactory(slug="roma", nombre="CG Roma", pais="IT", ciudad="Roma")
    resultado = resolver_consulados("Italia, Roma")
    assert resultado.consulados == [roma]
    assert set(resultado.ambiguos) == {"Italia"}
    assert set(resultado.ambiguos["Italia"]) == {milan, roma}


def test_un_pais_con_una_sola_oficina_resuelve_por_su_nombre_en_ambos_idiomas():
    oficina = ConsuladoFactory(
        slug="viena", nombre="Sección consular en Viena", pais="AT", ciudad="Viena"
    )
    for texto in ("Austria", "austria", "the Austria"):
        assert resolver_consulados(texto).consulados == [oficina]


def test_y_dentro_de_un_nombre_no_separa():
    oficina = ConsuladoFactory(
        slug="ba", nombre="Consulado en Sarajevo", pais="BA", ciudad="Sarajevo"
    )
    resultado = resolver_consulados("Bosnia y Herzegovina")
    assert resultado.consulados == [oficina] and resultado.completo


def test_texto_vacio():
    resultado = resolver_consulados(" , ;\n y ,and")
    assert resultado.consulados == [] and resultado.completo


def test_normalizar():
    assert normalizar("  China (RAE Hong Kong) ") == "china rae hong kong"
    assert normalizar("Türkiye") == normalizar("turkiye")


def test_elegir_por_region_o_por_pais(directorio):
    europa = consulados_de_region(Region.EUROPA)
    assert {"espana", "francia", "italia", "suecia"} <= set(_slugs(europa))
    assert "mexico" not in _slugs(europa)
    assert _slugs(consulados_de_pais("es")) == ["espana"]


def test_cada_oficina_de_la_semilla_tiene_ciudad_y_alias():
    """Item 8: real offices with their city; no country-level office without one."""
    for fila in consulados_iniciales():
        assert fila.ciudad, fila.slug
        assert fila.alias, fila.slug
        assert fila.ciudad in fila.nombre_es or fila.slug in {
            "malasia",
            "egipto",
            "polonia",
            "arabia-saudita",
            "corea",
            "indonesia",
            "irlanda",
            "suecia",
            "kuwait",
            "argelia",
            "turquia",
            "republica-dominicana",
            "honduras",
            "hungria",
            "sudafrica",
            "austria",
            "el-salvador",
            "nicaragua",
        }, fila.slug


def test_dos_oficinas_de_un_pais_necesitan_ciudad():
    ConsuladoFactory(slug="madrid", pais="ES", ciudad="Madrid")
    sin_ciudad = Consulado(nombre="España", slug="espana", pais="ES", ciudad="", tipo="consulado")
    with pytest.raises(ValidationError) as error:
        sin_ciudad.full_clean()
    assert "ciudad" in error.value.message_dict


def test_un_alias_no_puede_designar_dos_oficinas():
    ConsuladoFactory(slug="madrid", pais="ES", ciudad="Madrid", alias="España")
    otra = Consulado(
        nombre="CG Barcelona",
        slug="bcn",
        pais="ES",
        ciudad="Barcelona",
        tipo="consulado",
        alias="Cataluña\nespana",
    )
    with pytest.raises(ValidationError) as error:
        otra.full_clean()
    assert "espana" in error.value.message_dict["alias"][0]


def test_coma_antes_de_la_y(directorio):
    resultado = resolver_consulados("Bolivia, y Perú, and Chile")
    assert _slugs(resultado.consulados) == ["bolivia", "peru", "chile"] and resultado.completo


def test_la_demo_no_ofrece_oficinas_indistinguibles():
    """Seed and synthetic offices together: each has a city; no two share country and city."""
    from cancilleria.sitio.demo.plan import CONSULADOS

    fichas = list(CONSULADOS.values())
    assert all(f.ciudad for f in fichas), [f.slug for f in fichas if not f.ciudad]
    pares = [(f.pais, normalizar(f.ciudad)) for f in fichas]
    assert len(pares) == len(set(pares))
    nombres = [normalizar(f.nombre_es) for f in fichas]
    assert len(nombres) == len(set(nombres))
