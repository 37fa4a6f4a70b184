"""Stored parts of pages (cancilleria.base.fragmentos): read by key, never stale."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cancilleria.base import fragmentos
from cancilleria.base.cache import generacion
from cancilleria.base.cache.claves import clave, clave_de_tabla
from cancilleria.base.models import Estado, Fragmento, FragmentoDependencia
from comunicados.models import Comunicado
from tests.consultas import sin_cache_publico
from tests.factories import (
    ComunicadoFactory,
    ConsuladoFactory,
    EventoFactory,
    OrganizacionFactory,
    TemaFactory,
)
from tests.usuarios import EDITOR, crear_usuario

pytestmark = pytest.mark.django_db


def _get(client, url):
    """GET `url` as built (not from the page cache), with its query count."""
    with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200, url
    return respuesta.content.decode(), len(consultas)


def _claves_guardadas(nombre):
    return {c for c in Fragmento.objects.values_list("clave", flat=True) if f":{nombre}:" in c}


def test_la_lista_guarda_sus_tarjetas_y_despues_solo_las_lee(client):
    tema = TemaFactory(nombre="Trata de personas")
    for n in range(5):
        ComunicadoFactory(titulo=f"Comunicado {n}").temas.add(tema)
    fria, consultas_fria = _get(client, "/comunicados/")
    assert len(_claves_guardadas("comunicado")) == 5
    caliente, consultas_caliente = _get(client, "/comunicados/")
    assert caliente == fria
    assert "Trata de personas" in caliente and "Comunicado 4" in caliente
    # Warm: one read of the stored cards instead of rows, topics and storing.
    assert consultas_caliente < consultas_fria


def test_las_tarjetas_nuevas_se_construyen_en_lote(client):
    """Cards not stored yet cost the same queries for 2 as for 12."""

    def fria(n):
        while Comunicado.objects.count() < n:
            ComunicadoFactory().temas.add(TemaFactory())
        fragmentos.invalidar_todo()
        return _get(client, "/comunicados/")[1]

    assert fria(2) == fria(12)


def test_cada_idioma_tiene_sus_tarjetas(client):
    ComunicadoFactory(titulo="Reunión bilateral", titulo_en="Bilateral meeting")
    assert "Reunión bilateral" in _get(client, "/comunicados/")[0]
    assert "Bilateral meeting" in _get(client, "/en/comunicados/")[0]
    assert "Reunión bilateral" in _get(client, "/comunicados/")[0]
    assert {c.split(":")[3] for c in _claves_guardadas("comunicado")} == {"es", "en"}


def test_renombrar_un_tema_renueva_tarjetas_y_pagina(client):
    tema = TemaFactory(nombre="Migración")
    comunicado = ComunicadoFactory(slug="sobre-migracion")
    comunicado.temas.add(tema)
    otro = ComunicadoFactory()
    for url in ("/comunicados/", "/comunicados/sobre-migracion/", f"/temas/{tema.slug}/"):
        assert "Migración" in client.get(url).content.decode(), url
    tarjeta_ajena = _claves_guardadas("comunicado") - {
        c for c in _claves_guardadas("comunicado") if f":{comunicado.pk}:" in c
    }
    tema.nombre = "Movilidad humana"
    tema.save()
    for url in ("/comunicados/", "/comunicados/sobre-migracion/", f"/temas/{tema.slug}/"):
        pagina = client.get(url).content.decode()
        assert "Movilidad humana" in pagina and "Migración" not in pagina, url
    # Only what showed the topic was rebuilt: the other release's card stayed.
    assert tarjeta_ajena and tarjeta_ajena <= _claves_guardadas("comunicado")
    assert otro.pk


def test_editar_el_organizador_renueva_la_tarjeta_del_evento(client):
    organizador = OrganizacionFactory(nombre="Dirección de Protección")
    EventoFactory(organizador=organizador)
    assert "Dirección de Protección" in client.get("/eventos/").content.decode()
    organizador.nombre = "Dirección General de Protección"
    organizador.save()
    assert "Dirección General de Protección" in client.get("/eventos/").content.decode()


def test_la_pieza_del_comunicado_es_la_pagina_completa(client, settings):
    """Read from its piece, the release page is the one built from the rows."""
    tema = TemaFactory(nombre="Trata de personas", sensible=True)
    comunicado = ComunicadoFactory(slug="semilla", evento=EventoFactory(nombre="Seminario"))
    comunicado.temas.add(tema)
    ComunicadoFactory(titulo="Relacionado").temas.add(tema)
    fria, consultas_fria = _get(client, "/comunicados/semilla/")
    assert _claves_guardadas("comunicado") and any(
        f":comunicado:{comunicado.pk}:" in c
        for c in Fragmento.objects.values_list("clave", flat=True)
    )
    caliente, consultas_caliente = _get(client, "/comunicados/semilla/")
    assert caliente == fria
    assert "Seminario" in caliente and "Relacionado" in caliente
    assert consultas_caliente < consultas_fria
    from comunicados.views import ComunicadoDetailView

    ComunicadoDetailView.con_pieza = False
    try:
        sin_pieza = _get(client, "/comunicados/semilla/")[0]
    finally:
        ComunicadoDetailView.con_pieza = True
    assert sin_pieza == caliente


def test_la_pieza_depende_de_lo_que_muestra(client):
    evento = EventoFactory(nombre="Seminario")
    comunicado = ComunicadoFactory(slug="con-evento", evento=evento)
    comunicado.temas.add(TemaFactory())
    _get(client, "/comunicados/con-evento/")
    clave = next(
        c for c in Fragmento.objects.values_list("clave", flat=True) if ":comunicado:" in c
    )
    dependencias = set(
        FragmentoDependencia.objects.filter(fragmento_id=clave).values_list("clave", flat=True)
    )
    assert {f"comunicado-{comunicado.pk}", f"evento-{evento.pk}"} <= dependencias
    evento.nombre = "Seminario internacional"
    evento.save()
    assert "Seminario internacional" in _get(client, "/comunicados/con-evento/")[0]


def test_el_evento_programado_aparece_en_la_pieza_a_su_hora(client):
    """The linked event's visibility changes with no write: it is part of the piece's key."""
    hora = timezone.now() + timedelta(hours=1)
    evento = EventoFactory(nombre="Foro regional", fecha_publicacion=hora)
    ComunicadoFactory(slug="foro", evento=evento)
    assert "Foro regional" not in _get(client, "/comunicados/foro/")[0]
    assert "Foro regional" not in _get(client, "/comunicados/foro/")[0]
    with time_machine.travel(hora + timedelta(seconds=1)):
        assert "Foro regional" in _get(client, "/comunicados/foro/")[0]


def test_una_escritura_durante_la_construccion_no_deja_lo_viejo(client, monkeypatch):
    """A render that read its rows before a write committed does not store its text."""
    comunicado = ComunicadoFactory(titulo="Título viejo")
    tarjeta = fragmentos._tarjetas[Comunicado]
    leer = tarjeta.leer

    def leer_y_corregir(pks):
        filas = list(leer(pks))
        # Another editor's save commits between this read and the store.
        otro = Comunicado.objects.get(pk=comunicado.pk)
        otro.titulo = "Título nuevo"
        otro.save()
        return filas

    monkeypatch.setitem(fragmentos._tarjetas, Comunicado, replace(tarjeta, leer=leer_y_corregir))
    assert "Título viejo" in _get(client, "/comunicados/")[0]
    assert not _claves_guardadas("comunicado")
    monkeypatch.setitem(fragmentos._tarjetas, Comunicado, tarjeta)
    assert "Título nuevo" in _get(client, "/comunicados/")[0]


def test_sin_cache_no_se_guarda_nada(client, monkeypatch):
    """No shared cache, no generation to check against: pages are built, nothing stored."""
    ComunicadoFactory(titulo="Sin cache")

    def caido():
        raise ConnectionError("cache caído")

    monkeypatch.setattr(generacion, "generacion_actual", caido)
    assert "Sin cache" in _get(client, "/comunicados/")[0]
    assert not Fragmento.objects.exists()


def test_la_vista_previa_no_guarda_piezas(client):
    borrador = ComunicadoFactory(
        titulo="Borrador", slug="borrador", estado=Estado.BORRADOR, fecha_publicacion=None
    )
    client.force_login(crear_usuario(EDITOR))
    respuesta = client.get(f"/comunicados/{borrador.slug}/vista-previa/")
    assert respuesta.status_code == 200 and "Borrador" in respuesta.content.decode()
    assert not any(
        f":comunicado:{borrador.pk}:" in c
        for c in Fragmento.objects.values_list("clave", flat=True)
    )


def test_la_pagina_nombra_lo_que_muestran_sus_tarjetas(client):
    """Built from stored cards, a list still names their topics in Surrogate-Key."""
    tema = TemaFactory()
    comunicado = ComunicadoFactory()
    comunicado.temas.add(tema)
    client.get("/comunicados/")
    generacion.invalidar()  # a new page, from the stored cards
    respuesta = client.get("/comunicados/")
    assert respuesta["X-Cache"] == "MISS"
    claves = respuesta["Surrogate-Key"].split()
    assert f"tema-{tema.pk}" in claves and f"comunicado-{comunicado.pk}" in claves


def test_renovar_cache_olvida_los_fragmentos(client):
    ComunicadoFactory()
    client.get("/comunicados/")
    assert Fragmento.objects.exists()
    call_command("renovar_cache", verbosity=0)
    assert not Fragmento.objects.exists() and not FragmentoDependencia.objects.exists()


# --- the filters' options: one stored piece per list and language --------------------------


def test_las_opciones_de_los_filtros_se_guardan_y_siguen_al_directorio(client):
    """A new topic, a renamed organisation: in the filter boxes at once."""
    TemaFactory(nombre="Trata de personas")
    organizacion = OrganizacionFactory(nombre="OIM")
    ComunicadoFactory()
    primera, consultas_primera = _get(client, "/comunicados/")
    segunda, consultas_segunda = _get(client, "/comunicados/")
    assert segunda == primera and consultas_segunda < consultas_primera
    assert "Trata de personas" in segunda and ">OIM<" in segunda
    TemaFactory(nombre="Migración")
    organizacion.nombre = "Organización Internacional para las Migraciones"
    organizacion.save()
    for url in ("/comunicados/", "/eventos/"):
        pagina = _get(client, url)[0]
        assert "Migración" in pagina, url
        assert "Organización Internacional para las Migraciones" in pagina, url


def test_un_consulado_nuevo_aparece_en_el_filtro_de_eventos(client):
    ConsuladoFactory(nombre="Consulado General del Perú en París", slug="francia")
    assert 'value="francia"' in _get(client, "/eventos/")[0]
    ConsuladoFactory(nombre="Consulado General del Perú en Santiago", slug="chile")
    pagina = _get(client, "/eventos/?consulado=francia")[0]
    assert 'value="chile"' in pagina
    # The chosen one stays checked: the stored options carry no choice.
    assert re.search(r'value="francia"[^>]*checked', pagina)
    assert not re.search(r'value="chile"[^>]*checked', pagina)


def test_las_opciones_guardadas_dan_el_mismo_formulario(client, monkeypatch):
    """Stored or read from the directory, the filter form is the same HTML."""
    from comunicados.filters import ComunicadoFilter

    tema = TemaFactory(nombre="Trata de personas")
    OrganizacionFactory(nombre="OIM")
    ComunicadoFactory().temas.add(tema)
    # Valid and unknown values: checked against the stored rows, or by the fields' queries.
    for consulta in (f"tema={tema.slug}&organizacion=nadie", f"tema={tema.slug}&tema=nada"):
        url = f"/en/comunicados/?{consulta}"
        _get(client, url)
        guardadas = _get(client, url)[0]
        with monkeypatch.context() as parche:
            parche.setattr(ComunicadoFilter, "opciones_guardadas", ())
            assert _get(client, url)[0] == guardadas, consulta
        assert "Select a valid choice" in guardadas, consulta


def test_un_comunicado_nuevo_no_borra_las_opciones_de_los_filtros(client):
    """Links to the directory are not rows of it: the stored options stay."""
    organizacion = OrganizacionFactory()
    _get(client, "/comunicados/")
    guardadas = _claves_guardadas("opciones")
    assert guardadas
    comunicado = ComunicadoFactory()
    comunicado.organizaciones.add(organizacion)
    assert _claves_guardadas("opciones") == guardadas
    organizacion.save()
    assert not _claves_guardadas("opciones")


def test_los_filtros_de_la_lista_se_validan_con_las_filas_guardadas(client):
    """A list page checks its directory values against the rows stored with its options:
    no query of the directory, the same instances (names in the chips), the same errors."""
    tema = TemaFactory(nombre="Trata de personas", slug="trata")
    ComunicadoFactory(titulo="Sobre la trata").temas.add(tema)
    ComunicadoFactory(titulo="Sobre otra cosa")
    _get(client, "/comunicados/?tema=trata")
    with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.get("/comunicados/?tema=trata")
    assert not [c for c in consultas.captured_queries if "cancilleria_tema" in c["sql"]]
    (elegido,) = respuesta.context["filter"].form.cleaned_data["tema"]
    assert elegido == tema and str(elegido) == "Trata de personas"
    pagina = respuesta.content.decode()
    assert "Sobre la trata" in pagina and "Sobre otra cosa" not in pagina
    assert "Trata de personas" in respuesta.context["filtros_activos"][0]
    # A topic created now is valid at once (the write deleted the stored piece).
    TemaFactory(nombre="Migración", slug="migracion")
    assert "Ningún comunicado coincide" in _get(client, "/comunicados/?tema=migracion")[0]
    # An unknown one: the message Django's own field gives.
    errores = client.get("/comunicados/?tema=nada").context["errores_filtro"]
    assert errores["tema"] == [
        "Escoja una opción válida. nada no es una de las opciones disponibles."
    ]


def test_el_filtro_de_evento_ve_los_eventos_publicados_despues(client):
    """The form class is built once; a filter whose choices depend on the time (public
    events) gets them anew on each request."""
    from comunicados.filters import ComunicadoFilter

    hora = timezone.now() + timedelta(hours=1)
    evento = EventoFactory(slug="foro", fecha_publicacion=hora)
    ComunicadoFactory(titulo="Sobre el foro", evento=evento)
    antes = client.get("/comunicados/?evento=foro")
    assert "evento" in antes.context["errores_filtro"]
    assert type(ComunicadoFilter(None).form) is type(antes.context["filter"].form)
    with time_machine.travel(hora + timedelta(seconds=1)):
        despues = client.get("/comunicados/?evento=foro")
    assert not despues.context["errores_filtro"]
    assert "Sobre el foro" in despues.content.decode()


def test_la_lista_no_crea_instancias_de_sus_comunicados(client):
    """A page of stored cards reads their keys alone: no release instance is made."""
    from django.db.models.signals import post_init

    for _n in range(3):
        ComunicadoFactory()
    _get(client, "/comunicados/")
    creadas = []

    def contar(sender, **kwargs):
        creadas.append(sender)

    post_init.connect(contar, sender=Comunicado)
    try:
        pagina = _get(client, "/comunicados/")[0]
    finally:
        post_init.disconnect(contar, sender=Comunicado)
    assert pagina.count('class="tarjeta') >= 3
    assert creadas == []


# --- stored parts kept in each process's memory, per generation ---------------------------


def _lee_fragmentos(client, url):
    with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
        cliente.get(url)
    return any("base_fragmento" in c["sql"] for c in consultas.captured_queries)


def test_las_partes_se_leen_de_memoria_mientras_no_cambie_la_generacion(client):
    ComunicadoFactory()
    assert _lee_fragmentos(client, "/comunicados/")
    assert not _lee_fragmentos(client, "/comunicados/")
    generacion.invalidar()
    assert _lee_fragmentos(client, "/comunicados/")


def test_la_memoria_no_sirve_lo_que_otro_proceso_cambio(client):
    """Another process's write deletes the parts and starts a new generation: this process
    must not serve what it kept in memory."""
    tema = TemaFactory(nombre="Nombre viejo")
    ComunicadoFactory(slug="uno").temas.add(tema)
    assert "Nombre viejo" in _get(client, "/comunicados/")[0]
    assert "Nombre viejo" in _get(client, "/comunicados/uno/")[0]
    # What the other process's write does here: the row, then its Aviso (no signal here).
    type(tema).objects.filter(pk=tema.pk).update(nombre="Nombre nuevo", nombre_es="Nombre nuevo")
    fragmentos.invalidar({clave(type(tema), tema.pk), clave_de_tabla(type(tema))})
    for url in ("/comunicados/", "/comunicados/uno/", "/comunicados/?tema=" + tema.slug):
        pagina = _get(client, url)[0]
        assert "Nombre nuevo" in pagina and "Nombre viejo" not in pagina, url


@pytest.mark.django_db(transaction=True)
def test_la_generacion_cambia_otra_vez_tras_confirmar_el_borrado(monkeypatch):
    """Renewed under the lock, and again once the deletion is committed: a page built
    in between, from the old parts, is under a generation no one reads any more."""
    momentos = []
    invalidar = generacion.invalidar

    def espiar():
        momentos.append(connection.in_atomic_block)
        invalidar()

    monkeypatch.setattr(generacion, "invalidar", espiar)
    fragmentos.invalidar({"comunicado-1"})
    assert momentos == [True, False]


def test_la_pagina_del_comunicado_sabe_sus_idiomas_sin_leer_su_cuerpo(client):
    """Its row defers the long texts; whether it exists in Quechua or Aymara is read with
    it, so the language links cost no query for the body."""
    tema = TemaFactory()
    comunicado = ComunicadoFactory(
        slug="con-quechua", titulo_qu="Runasimipi", cuerpo_qu="<p>Runasimipi qillqasqa</p>"
    )
    comunicado.temas.add(tema)
    ComunicadoFactory().temas.add(tema)
    _get(client, "/comunicados/con-quechua/")
    with sin_cache_publico(client) as cliente, CaptureQueriesContext(connection) as consultas:
        pagina = cliente.get("/comunicados/con-quechua/").content.decode()
    assert 'hreflang="qu"' in pagina and 'hreflang="ay"' not in pagina
    for consulta in consultas.captured_queries:
        assert not re.search(r'"cuerpo_(qu|ay)" FROM', consulta["sql"]), consulta["sql"]
    assert len(consultas) == 2  # its row, then the keys of its related releases
