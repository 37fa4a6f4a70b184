"""Links suggested from a release's text: names, acronyms and posts found in the directory."""

import json

import pytest
from django.core.management import call_command

from cancilleria.directorio.models import Organizacion, Persona, Tema
from cancilleria.sitio.demo import semilla
from comunicados.sugerencias import palabras, sugerir
from eventos.models import Evento
from tests.factories import CargoFactory, OrganizacionFactory, PersonaFactory, TemaFactory
from tests.usuarios import PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

URL = "/admin/comunicados/comunicado/sugerencias/"


def slugs(grupo):
    return {s.objeto.slug for s in grupo.values()}


@pytest.fixture
def directorio_semilla():
    call_command("cargar_demo", "--solo-semilla", verbosity=0)


def test_el_cuerpo_de_la_semilla_nombra_a_sus_personas_y_organizaciones(directorio_semilla):
    """The seed's body alone brings all 5 people and all 10 organisations it mentions."""
    encontradas = sugerir(semilla.COMUNICADO["cuerpo_es"])
    comunicado = semilla.DATOS["comunicado"]
    assert slugs(encontradas.personas) == set(comunicado["personas"])
    assert slugs(encontradas.organizaciones) == set(comunicado["organizaciones"])
    # Named in the text: "trata de personas", "migración", "Derechos Humanos".
    assert slugs(encontradas.temas) == {"trata-de-personas", "migracion", "derechos-humanos"}


def test_el_evento_aporta_sus_temas(directorio_semilla):
    evento = Evento.objects.get(slug=semilla.SLUG_EVENTO)
    encontradas = sugerir("", evento=evento)
    assert slugs(encontradas.temas) == set(semilla.DATOS["evento"]["temas"])
    assert {s.motivo for s in encontradas.temas.values()} == {"del evento"}


def test_siglas_como_se_escriben_y_en_palabras_enteras():
    oim = OrganizacionFactory(nombre_es="Organización Internacional para las Migraciones")
    Organizacion.objects.filter(pk=oim.pk).update(sigla_es="OIM", sigla_en="IOM")
    oit = OrganizacionFactory(nombre_es="Organización Internacional del Trabajo")
    Organizacion.objects.filter(pk=oit.pk).update(sigla_es="OIT", sigla_en="ILO")

    assert slugs(sugerir("con el apoyo de la OIT").organizaciones) == {oit.slug}
    assert slugs(sugerir("the IOM mission").organizaciones) == {oim.slug}
    # Inside a word, or written in lower case as an ordinary word, it is not the acronym.
    assert sugerir("OIMA y OITs y la boimx").organizaciones == {}
    assert sugerir("oim").organizaciones == {}


def test_nombres_sin_acentos_y_sin_articulos():
    persona = PersonaFactory(nombre="Siobhán Mullally")
    embajada = OrganizacionFactory(nombre_es="Embajada de los Estados Unidos en el Perú")
    tema = TemaFactory(nombre_es="Migración")

    encontradas = sugerir(
        "<p>Habló SIOBHAN MULLALLY, de la Embajada de Estados Unidos en Perú, sobre migracion.</p>"
    )
    assert slugs(encontradas.personas) == {persona.slug}
    assert embajada.slug in slugs(encontradas.organizaciones)
    assert slugs(encontradas.temas) == {tema.slug}


def test_un_nombre_no_coincide_con_parte_de_otro():
    PersonaFactory(nombre="Jorge Baca")
    TemaFactory(nombre_es="Trata de personas")
    encontradas = sugerir("Jorge Bacalao habló de la trata, no de personas.")
    assert encontradas.personas == {}
    assert encontradas.temas == {}


def test_por_su_cargo_con_la_organizacion_del_cargo():
    oim = OrganizacionFactory(nombre_es="Organización Internacional para las Migraciones")
    cargo = CargoFactory(
        persona=PersonaFactory(nombre="Jorge Baca"),
        organizacion=oim,
        titulo_es="jefe de la misión de la OIM en el Perú",
    )
    encontradas = sugerir("Señaló el jefe de la misión OIM en Perú que…")
    assert slugs(encontradas.personas) == {cargo.persona.slug}
    assert "por su cargo" in next(iter(encontradas.personas.values())).motivo
    assert slugs(encontradas.organizaciones) == {oim.slug}


def test_palabras():
    assert palabras("La Oficina de la OIT, para los Países Andinos") == [
        "oficina",
        "oit",
        "paises",
        "andinos",
    ]


def test_la_vista_responde_json_a_quien_redacta(
    client, directorio_semilla, django_assert_max_num_queries
):
    client.force_login(crear_usuario(REDACTOR))
    evento = Evento.objects.get(slug=semilla.SLUG_EVENTO)
    # Bounded: the directory is read once per kind, whatever the text says.
    with django_assert_max_num_queries(16):
        respuesta = client.post(
            URL, {"texto": semilla.COMUNICADO["cuerpo_es"], "evento": evento.pk}
        )
    assert respuesta.status_code == 200
    datos = json.loads(respuesta.content)
    assert {p["texto"] for p in datos["personas"]} == set(
        Persona.objects.values_list("nombre", flat=True)
    )
    assert len(datos["temas"]) == Tema.objects.count() == 4


def test_la_vista_es_solo_para_quien_puede_redactar(client):
    assert client.post(URL, {"texto": "OIM"}).status_code == 302  # to the login page
    client.force_login(crear_usuario(PERSONAL))
    assert client.post(URL, {"texto": "OIM"}).status_code == 403
    client.force_login(crear_usuario(REDACTOR, "otra"))
    assert client.get(URL).status_code == 405
    # Nonsense is answered, never a 500.
    assert client.post(URL, {"texto": "x" * 10, "evento": "no-es-un-numero"}).status_code == 200
