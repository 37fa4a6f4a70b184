"""The `cargar_demo` command: the real seed release, synthetic content, idempotency."""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from cancilleria.base.models import Estado
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from cancilleria.directorio.regiones import Region
from cancilleria.sitio.demo import semilla, sintetico
from cancilleria.sitio.management.commands.cargar_demo import Command
from comunicados.models import Cifra, Cita, Comunicado
from eventos.models import Colaboracion, Evento, Modalidad, Participacion, Sesion

pytestmark = pytest.mark.django_db

PEQUENO = ["--comunicados", "5", "--eventos", "3"]


def _cargar(*argumentos):
    salida = StringIO()
    call_command("cargar_demo", *argumentos, stdout=salida)
    return salida.getvalue()


def _foto():
    """Return every row of every model of our apps (M2M tables included), by model."""
    foto = {}
    for etiqueta in ("cancilleria", "eventos", "comunicados"):
        for modelo in apps.get_app_config(etiqueta).get_models(include_auto_created=True):
            foto[modelo._meta.label] = list(modelo.objects.order_by("pk").values())
            for campo in modelo._meta.local_many_to_many:
                intermedio = campo.remote_field.through
                foto[intermedio._meta.label] = list(intermedio.objects.order_by("pk").values())
    return foto


def _real():
    return Comunicado.objects.get(slug=semilla.SLUG_COMUNICADO)


def _evento():
    return Evento.objects.get(slug=semilla.SLUG_EVENTO)


def test_cargar_demo_es_idempotente():
    """A second run leaves every row of every model, and every value, exactly as it was."""
    _cargar(*PEQUENO)
    antes = _foto()
    salida = _cargar(*PEQUENO)
    assert _foto() == antes
    assert "Nada que cambiar" in salida
    assert sum(len(filas) for filas in antes.values()) > 200


def test_cargar_demo_restaura_la_semilla_modificada_sin_tocar_lo_demas():
    """A run puts back a seed value edited since, and deletes a stray consulate it attached."""
    _cargar("--solo-semilla")
    real = _real()
    Comunicado.objects.filter(pk=real.pk).update(titulo_en="Otro")
    extra = Consulado.objects.create(nombre="Consulado suelto", slug="suelto", pais="ES")
    _evento().consulados.add(extra)
    intacto = _evento().actualizado

    salida = _cargar("--solo-semilla")

    assert _real().titulo_en == semilla.COMUNICADO["titulo_en"]
    assert _evento().consulados.count() == 39
    assert _evento().actualizado == intacto
    assert "1 modificaciones" in salida


def test_cargar_demo_carga_el_comunicado_real_completo():
    """Every fact of the seed release is in the model: event, programme, people, figures."""
    _cargar("--solo-semilla")
    real, evento = _real(), _evento()

    assert real.titulo_es.startswith("Funcionarios del Ministerio de Relaciones Exteriores")
    assert real.bajada_es.startswith("Seminario Internacional “Buenas prácticas")
    assert real.cuerpo_es.startswith("<p>Más de 200 funcionarios")
    assert (real.tipo, real.ambito, real.lugar) == ("comunicado", "local", "Lima")
    assert real.estado == Estado.PUBLICADO and real.es_publico
    assert timezone.localtime(real.fecha_publicacion).date().isoformat() == "2022-09-23"
    assert real.anio == 2022
    assert real.evento == evento
    assert set(real.temas.values_list("slug", flat=True)) == set(semilla.TEMAS_DEL_COMUNICADO)
    assert all(t.destacado for t in real.temas.all())
    assert real.organizaciones.count() == 10
    assert real.personas.count() == 5

    # The consulates: 39 distinct offices, France once, Hong Kong as its own territory.
    assert evento.consulados.count() == 39
    assert evento.consulados.filter(pais="FR").count() == 1
    assert evento.consulados.get(slug="hong-kong").pais.code == "HK"
    assert evento.consulados.get(slug="corea").pais.code == "KR"
    assert evento.consulados.get(slug="peru").pais.code == "PE"
    assert not evento.consulados.filter(region="").exists()

    # The organiser and its hierarchy, and who gave technical support.
    assert evento.organizador.slug == "direccion-proteccion-asistencia-al-nacional"
    assert [o.sigla for o in evento.organizador.ancestros()][0] == "MRE"
    assert [o.slug for o in evento.organizador.ancestros()] == [
        "mre",
        "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
    ]
    colaboraciones = evento.colaboraciones.order_by("orden")
    assert [c.organizacion.slug for c in colaboraciones] == semilla.APOYO_TECNICO
    assert {c.rol for c in colaboraciones} == {Colaboracion.Rol.APOYO_TECNICO}
    assert Organizacion.objects.get(slug="oit-oficina-paises-andinos").padre.sigla == "OIT"

    # The event itself.
    assert evento.asistentes_texto == "más de 200"
    assert (evento.tipo, evento.modalidad, evento.internacional) == (
        Evento.Tipo.SEMINARIO,
        Modalidad.VIRTUAL,
        True,
    )
    assert evento.fin > evento.inicio

    # The programme: opening, inaugural lecture, three working tables.
    sesiones = list(evento.sesiones.order_by("orden"))
    assert [s.tipo for s in sesiones] == [
        Sesion.Tipo.INAUGURACION,
        Sesion.Tipo.CONFERENCIA_INAUGURAL,
        *[Sesion.Tipo.MESA_DE_TRABAJO] * 3,
    ]
    assert sesiones[0].modalidad == Modalidad.VIRTUAL
    assert sesiones[4].titulo_es == "Espacios de coordinación interinstitucional"

    # Five people, each with the post they held then.
    participaciones = {p.persona.slug: p for p in evento.participaciones.select_related("cargo")}
    assert len(participaciones) == 5
    for slug, cargo_es in ((p.slug, p.cargo_es) for p in semilla.PERSONAS):
        assert participaciones[slug].cargo.titulo_es == cargo_es
        assert participaciones[slug].cargo.persona_id == participaciones[slug].persona_id
    assert participaciones["siobhan-mullally"].rol == Participacion.Rol.CONFERENCISTA
    assert participaciones["siobhan-mullally"].sesion == sesiones[1]
    assert participaciones["jorge-baca"].sesion == sesiones[0]
    assert participaciones["maria-antonia-masana"].rol == Participacion.Rol.AUTORIDAD_PRESENTE
    assert Persona.objects.get(slug="maria-antonia-masana").tratamiento_es == "embajadora"
    assert Cargo.objects.get(persona__slug="jorge-baca").organizacion.sigla == "OIM"

    # Three figures, two from the INEI; the first has no named source.
    cifras = list(real.cifras.order_by("orden"))
    assert [(c.calificador, c.valor) for c in cifras] == [
        (Cifra.Calificador.MAS_DE, Decimal("1100")),
        ("", Decimal("57.8")),
        ("", Decimal("30.5")),
    ]
    assert [c.fuente.sigla if c.fuente else None for c in cifras] == [None, "INEI", "INEI"]

    # One quote, attributed to Baca's post at the opening ceremony.
    cita = Cita.objects.get(comunicado=real)
    assert cita.persona.slug == "jorge-baca"
    assert cita.cargo == participaciones["jorge-baca"].cargo
    assert cita.sesion == sesiones[0]
    assert cita.texto_es.startswith("se deben revisar las buenas prácticas")
    assert cita.texto_es.endswith("la migración irregular continua")
    assert cita.texto_es in real.cuerpo_es


def test_cargar_demo_traduce_el_comunicado_real_al_ingles():
    """Every translated field of the seed release and what it refers to has English."""
    _cargar("--solo-semilla")
    real, evento = _real(), _evento()
    with translation.override("en"):
        assert real.titulo == real.titulo_en != real.titulo_es
        for campo in ("bajada", "resumen", "cuerpo"):
            assert getattr(real, f"{campo}_en")
        assert real.cuerpo_en.startswith("<p>More than 200 officials")
        assert evento.nombre_en and evento.publico_en and evento.descripcion_en
        assert all(s.titulo_en for s in evento.sesiones.all())
        assert all(c.titulo_en for c in Cargo.objects.all())
        assert all(t.nombre_en and t.descripcion_en for t in real.temas.all())
        assert all(o.nombre_en for o in real.organizaciones.all())
        assert all(c.nombre_en for c in evento.consulados.all())
        assert Tema.objects.get(slug="trata-de-personas").nombre == "Trafficking in persons"
        assert Organizacion.objects.get(slug="oim").sigla == "IOM"
        assert Organizacion.objects.get(slug="oit").sigla == "ILO"
        assert Persona.objects.get(slug="maria-antonia-masana").tratamiento == "Ambassador"
        assert real.citas.get().texto.startswith("good practices and lessons learned")
        assert all(c.descripcion_en and c.unidad_en for c in real.cifras.all())


def test_cargar_demo_genera_lo_mismo_con_la_misma_semilla():
    """The same seed gives the same synthetic titles; another seed gives others."""
    _cargar("--semilla", "7", *PEQUENO)
    titulos = list(
        Comunicado.objects.filter(slug__startswith="demo-")
        .order_by("slug")
        .values_list("titulo_es", flat=True)
    )
    Comunicado.objects.filter(slug__startswith="demo-").delete()
    Evento.objects.filter(slug__startswith="demo-").delete()

    _cargar("--semilla", "7", *PEQUENO)
    otra = [
        sintetico.comunicado_demo(8, n, timezone.now())["campos"]["titulo_es"] for n in range(1, 6)
    ]

    assert len(titulos) == 5
    assert titulos == list(
        Comunicado.objects.filter(slug__startswith="demo-")
        .order_by("slug")
        .values_list("titulo_es", flat=True)
    )
    assert otra != titulos


def test_cargar_demo_genera_una_muestra_pequena_de_demostracion():
    """A small run writes the asked-for counts, all plainly marked as demo content."""
    salida = _cargar(*PEQUENO)

    demo = Comunicado.objects.filter(slug__startswith="demo-")
    eventos = Evento.objects.filter(slug__startswith="demo-")
    assert demo.count() == 5
    assert eventos.count() == 3
    assert all(c.titulo_es.startswith("[Demo] ") for c in demo)
    assert all("Contenido de demostración" in c.cuerpo_es for c in demo)
    assert all(
        c.anio == (timezone.localtime(c.fecha_publicacion).year if c.fecha_publicacion else None)
        for c in demo
    )
    assert eventos.proximos().exists() and eventos.pasados().exists()
    madrid, barcelona = (
        Consulado.objects.get(slug="espana"),
        Consulado.objects.get(slug="demo-barcelona"),
    )
    assert madrid.pais == barcelona.pais == "ES"
    assert madrid.region == barcelona.region == Region.EUROPA
    assert "5 comunicados y 3 eventos" in salida


def test_cargar_demo_incluye_borradores_programados_y_traducciones_faltantes():
    """The default run has drafts, reviews, scheduled releases and untranslated ones."""
    _cargar()

    demo = Comunicado.objects.filter(slug__startswith="demo-")
    assert demo.count() == 36
    assert Evento.objects.filter(slug__startswith="demo-").count() == 24
    assert demo.filter(estado=Estado.BORRADOR).exists()
    assert demo.filter(estado=Estado.EN_REVISION).exists()
    assert demo.programados().exists()
    assert demo.publicados().exists()
    sin_traducir = demo.filter(titulo_en__isnull=True).first()
    assert sin_traducir is not None
    with translation.override("en"):
        assert sin_traducir.titulo == sin_traducir.titulo_es


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--comunicados", "muchos"], "debe ser un número entero"),
        (["--eventos", "-3"], "debe estar entre"),
        (["--semilla", "1.5"], "debe ser un número entero"),
        (["--solo-semilla", "--comunicados", "3"], "no admite"),
    ],
)
def test_cargar_demo_rechaza_opciones_invalidas(argumentos, mensaje):
    """A bad option gives a CommandError with a Spanish message, and writes nothing."""
    with pytest.raises(CommandError, match=mensaje):
        _cargar(*argumentos)
    assert not Comunicado.objects.exists()


def test_cargar_demo_muestra_su_ayuda_en_espanol():
    """The --help text renders (the lazy help is resolved) and lists the options in Spanish."""
    ayuda = Command().create_parser("manage.py", "cargar_demo").format_help()
    assert "--solo-semilla" in ayuda
    assert "Cuántos comunicados sintéticos generar" in ayuda


def test_cargar_demo_deja_el_comunicado_real_en_la_portada(client):
    """After a full demo load, the home page shows the real release first, though newer
    synthetic ones exist."""
    _cargar(*PEQUENO)
    contenido = client.get("/").content.decode()
    assert _real().titulo_es in contenido
    assert contenido.index(_real().titulo_es) < contenido.index("[Demo]")


def test_cargar_demo_publica_eventos_proximos():
    """The synthetic events include upcoming ones that are already public, for the home page."""
    _cargar(*PEQUENO[:2], "--eventos", "8")
    assert Evento.objects.publicados().proximos().exists()
