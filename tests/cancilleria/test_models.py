from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from cancilleria.base.models import Estado
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Tema
from cancilleria.directorio.regiones import Region, region_de_pais
from comunicados.models import Comunicado
from eventos.models import Evento
from tests.factories import (
    CargoFactory,
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db


def _rechaza(crear):
    with pytest.raises(IntegrityError), transaction.atomic():
        crear()


def test_cargo_no_puede_terminar_antes_de_empezar():
    """The database refuses a post that ends before it starts."""
    cargo = CargoFactory.build(desde=date(2022, 5, 1), hasta=date(2022, 4, 30))
    cargo.persona.save()
    cargo.organizacion.save()
    cargo.persona_id, cargo.organizacion_id = cargo.persona.pk, cargo.organizacion.pk
    _rechaza(cargo.save)
    assert not Cargo.objects.exists()


def test_cargo_vigente_sin_fecha_de_fin():
    """A post with no end date is current; one that ended is not."""
    vigente = CargoFactory(desde=date(2020, 1, 1))
    CargoFactory(desde=date(2019, 1, 1), hasta=date(2020, 1, 1))
    assert list(Cargo.objects.vigentes(date(2022, 1, 1))) == [vigente]


def test_publicado_necesita_fecha():
    """A published release or event without a publication date is refused."""
    _rechaza(lambda: ComunicadoFactory(estado=Estado.PUBLICADO, fecha_publicacion=None))
    _rechaza(lambda: EventoFactory(estado=Estado.PUBLICADO, fecha_publicacion=None))
    borrador = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    assert borrador.pk


def test_slug_unico():
    """Two topics, releases or consulates cannot share a slug."""
    Tema.objects.create(nombre="Migración", slug="migracion")
    _rechaza(lambda: Tema.objects.create(nombre="Migraciones", slug="migracion"))
    ComunicadoFactory(slug="uno")
    _rechaza(lambda: ComunicadoFactory(slug="uno"))
    ConsuladoFactory(slug="francia")
    _rechaza(lambda: ConsuladoFactory(slug="francia"))


def test_numero_unico_por_tipo_y_anio():
    """An official number repeats neither within a type and year; other years and types are free."""
    fecha = timezone.make_aware(timezone.datetime(2022, 3, 1, 12))
    ComunicadoFactory(tipo="comunicado", numero=12, fecha_publicacion=fecha)
    _rechaza(lambda: ComunicadoFactory(tipo="comunicado", numero=12, fecha_publicacion=fecha))
    ComunicadoFactory(tipo="nota_de_prensa", numero=12, fecha_publicacion=fecha)
    ComunicadoFactory(tipo="comunicado", numero=12, fecha_publicacion=fecha.replace(year=2023))
    # Releases without a number never collide.
    ComunicadoFactory(tipo="comunicado", numero=None, fecha_publicacion=fecha)
    ComunicadoFactory(tipo="comunicado", numero=None, fecha_publicacion=fecha)
    assert Comunicado.objects.filter(numero=12).count() == 3


def test_anio_sigue_la_hora_de_lima():
    """The series year is Lima's: 1 January 02:00 UTC is still the previous year in Lima."""
    fecha = timezone.datetime(2023, 1, 1, 2, tzinfo=timezone.UTC)
    assert ComunicadoFactory(fecha_publicacion=fecha).anio == 2022


def test_evento_no_termina_antes_de_empezar():
    """The database refuses an event that ends before it starts."""
    inicio = timezone.now()
    _rechaza(lambda: EventoFactory(inicio=inicio, fin=inicio - timedelta(hours=1)))


def test_participacion_consular_unica():
    """A consulate takes part in an event once."""
    evento = EventoFactory()
    consulado = ConsuladoFactory()
    evento.consulados.add(consulado)
    _rechaza(lambda: evento.participaciones_consulares.create(consulado=consulado))


def test_organizacion_no_depende_de_si_misma():
    """An organisation cannot be its own parent, nor form a cycle."""
    org = OrganizacionFactory()
    org.padre = org
    _rechaza(org.save)
    org.refresh_from_db()
    hija = OrganizacionFactory(padre=org)
    org.padre = hija
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "padre" in error.value.message_dict


def test_ancestros_de_arriba_abajo():
    """An organisation lists its chain of parents from the top down."""
    mre = OrganizacionFactory(nombre="MRE")
    dg = OrganizacionFactory(nombre="DG", padre=mre)
    direccion = OrganizacionFactory(nombre="Dirección", padre=dg)
    assert direccion.ancestros() == [mre, dg]


@pytest.mark.parametrize(
    ("pais", "region"),
    [
        ("FR", Region.EUROPA),
        ("HK", Region.ASIA),
        ("PE", Region.AMERICA_DEL_SUR),
        ("US", Region.AMERICA_DEL_NORTE),
        ("CR", Region.AMERICA_CENTRAL),
        ("DO", Region.CARIBE),
        ("DZ", Region.AFRICA),
        ("AU", Region.OCEANIA),
        ("", None),
        ("ZZ", None),
    ],
)
def test_region_de_pais_sale_de_m49(pais, region):
    """The region comes from the UN M49 data, with the Americas split by sub-region."""
    assert region_de_pais(pais) == region


def test_consulado_guarda_su_region():
    """Saving a consulate stores the region of its country, and follows a change of country."""
    consulado = ConsuladoFactory(pais="JP")
    assert consulado.region == Region.ASIA
    consulado.pais = "MX"
    consulado.save(update_fields=["pais"])
    consulado.refresh_from_db()
    assert consulado.region == Region.AMERICA_CENTRAL


def test_pais_con_nombre_en_dos_idiomas():
    """Country names come from django-countries in the active language."""
    consulado = ConsuladoFactory(pais="DE")
    with override("es"):
        assert consulado.pais.name == "Alemania"
    with override("en"):
        assert consulado.pais.name == "Germany"


def test_ingles_cae_en_espanol_si_falta():
    """An untranslated field shows the Spanish text in English; a translated one shows English."""
    tema = TemaFactory(nombre_es="Trata de personas", nombre_en="Trafficking in persons")
    otro = TemaFactory(nombre_es="Migración", nombre_en="")
    with override("en"):
        tema.refresh_from_db()
        otro.refresh_from_db()
        assert tema.nombre == "Trafficking in persons"
        assert otro.nombre == "Migración"


def test_consulados_iguales_en_distintas_ciudades():
    """Several offices per country are normal (Madrid and Barcelona)."""
    ConsuladoFactory(pais="ES", ciudad="Madrid")
    ConsuladoFactory(pais="ES", ciudad="Barcelona")
    assert Consulado.objects.filter(pais="ES").count() == 2


def test_organizacion_str_con_sigla():
    """An organisation reads with its acronym when it has one."""
    assert str(Organizacion(nombre="Organización Internacional del Trabajo", sigla="OIT")) == (
        "Organización Internacional del Trabajo (OIT)"
    )


def test_evento_asistentes_mas_de():
    """ "Más de 200" is kept as a number and a qualifier."""
    assert Evento(asistentes=200, asistentes_mas_de=True).asistentes_texto == "más de 200"
