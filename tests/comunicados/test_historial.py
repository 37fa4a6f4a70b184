import pytest
from django.utils import translation

from cancilleria.base.models import Estado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, EventoFactory, TemaFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db


def test_el_historial_guarda_cada_idioma_como_campo_propio():
    """A change to the English title is recorded as titulo_en, leaving titulo_es alone."""
    comunicado = ComunicadoFactory(titulo_es="Título", titulo_en="Old title")
    comunicado.titulo_en = "New title"
    comunicado.save()
    nuevo, anterior = comunicado.history.all()[:2]
    cambios = {c.field: (c.old, c.new) for c in nuevo.diff_against(anterior).changes}
    assert cambios == {"titulo_en": ("Old title", "New title")}


def test_guardar_en_ingles_no_ensucia_el_historial_en_espanol():
    """Saving with English active records titulo_en only, not the untranslated column."""
    comunicado = ComunicadoFactory(titulo_es="Título", titulo_en="Title")
    with translation.override("en"):
        comunicado.titulo = "Another title"
        comunicado.save()
    nuevo, anterior = comunicado.history.all()[:2]
    assert [c.field for c in nuevo.diff_against(anterior).changes] == ["titulo_en"]


def test_revertir_restaura_el_texto_en_ingles():
    """Reverting to an earlier version brings back its English text."""
    comunicado = ComunicadoFactory(titulo_es="Título", titulo_en="Original")
    version = comunicado.history.first()
    comunicado.titulo_en = "Cambiado"
    comunicado.save()
    version.instance.save()
    comunicado.refresh_from_db()
    assert comunicado.titulo_en == "Original"
    assert comunicado.titulo_es == "Título"


def test_los_temas_quedan_en_el_historial():
    """Topics (many-to-many) are part of each recorded version."""
    comunicado = ComunicadoFactory()
    tema = TemaFactory()
    comunicado.temas.add(tema)
    assert [t.tema_id for t in comunicado.history.first().temas.all()] == [tema.pk]


def test_el_evento_tambien_tiene_historial_por_idioma():
    """Events record their English fields too."""
    evento = EventoFactory(nombre_en="Seminar")
    evento.nombre_en = "Seminar on trafficking"
    evento.save()
    nuevo, anterior = evento.history.all()[:2]
    assert [c.field for c in nuevo.diff_against(anterior).changes] == ["nombre_en"]


def test_la_pagina_de_historial_muestra_quien_y_que_cambio_por_idioma(client):
    """The admin history names the person and the changed field with its language."""
    redactor = crear_usuario(REDACTOR)
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    client.force_login(redactor)
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["titulo_en"] = ["English title"]
    assert client.post(url, datos).status_code == 302
    respuesta = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/history/")
    html = respuesta.content.decode()
    assert "Título [en]" in html
    assert "English title" in html
    assert redactor.username in html


def test_revertir_desde_el_admin_restaura_el_ingles_sin_tocar_el_estado(client):
    """The admin's revert brings back the English text but never changes the state."""
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_en="First English"
    )
    version = comunicado.history.first()
    comunicado.titulo_en = "Second English"
    comunicado.save()
    comunicado.estado = Estado.EN_REVISION
    comunicado.save()
    client.force_login(crear_usuario(EDITOR))
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/history/{version.history_id}/"
    # The revert page names its form after the historical model.
    datos = datos_de_formulario(client.get(url).content, "historicalcomunicado_form")
    datos["_save"] = ["Revertir"]
    assert client.post(url, datos).status_code == 302
    comunicado.refresh_from_db()
    assert comunicado.titulo_en == "First English"
    assert comunicado.estado == Estado.EN_REVISION


def test_revertir_no_cambia_la_fecha_de_publicacion(client, ahora):
    """Reverting content to an old version keeps the current publication date."""
    comunicado = ComunicadoFactory(titulo_en="First", fecha_publicacion=ahora)
    version = comunicado.history.first()
    comunicado.titulo_en = "Second"
    comunicado.fecha_publicacion = ahora.replace(year=ahora.year - 1)
    comunicado.save()
    client.force_login(crear_usuario(EDITOR))
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/history/{version.history_id}/"
    datos = datos_de_formulario(client.get(url).content, "historicalcomunicado_form")
    assert client.post(url, datos).status_code == 302
    comunicado.refresh_from_db()
    assert comunicado.titulo_en == "First"
    assert comunicado.fecha_publicacion.year == ahora.year - 1


def test_un_redactor_no_revierte_lo_publicado(client):
    """A writer cannot use 'revert' to change a published release: 403, nothing changes."""
    comunicado = ComunicadoFactory(titulo_en="First")
    version = comunicado.history.first()
    comunicado.titulo_en = "Second"
    comunicado.save()
    client.force_login(crear_usuario(REDACTOR))
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/history/{version.history_id}/"
    pagina = client.get(url)
    assert 'name="_save"' not in pagina.content.decode()
    datos = datos_de_formulario(pagina.content, "historicalcomunicado_form")
    datos["_save"] = ["Revertir"]
    assert client.post(url, datos).status_code == 403
    comunicado.refresh_from_db()
    assert comunicado.titulo_en == "Second"


def _historial_con(client, versiones):
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    for numero in range(versiones):
        comunicado.titulo_en = f"Version {numero}"
        comunicado.save()
        comunicado.temas.add(TemaFactory())
    return f"/admin/comunicados/comunicado/{comunicado.pk}/history/"


def test_el_historial_no_crece_en_consultas_con_las_versiones(client):
    """The history page runs the same number of queries with 3 versions as with 30."""
    client.force_login(crear_usuario(EDITOR))
    presupuesto_constante(client, lambda n: _historial_con(client, n))


def test_la_pagina_de_historial_muestra_los_temas_cambiados(client):
    """Adding a topic shows in the admin history as 'Temas: — → <topic>'."""
    comunicado = ComunicadoFactory()
    comunicado.temas.add(TemaFactory(nombre="Trata de personas"))
    client.force_login(crear_usuario(EDITOR))
    html = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/history/").content.decode()
    assert "<strong>Temas:</strong>" in html
    assert "Trata de personas" in html


def test_cambiar_temas_desde_el_tema_queda_en_el_historial(db):
    """Unlinking a topic from its side (tema.comunicados.clear()) records a version of each
    release it touched instead of failing."""
    from tests.factories import ComunicadoFactory, TemaFactory

    tema = TemaFactory()
    comunicado = ComunicadoFactory()
    comunicado.temas.add(tema)
    versiones = comunicado.history.count()
    tema.comunicados.clear()
    assert comunicado.history.count() == versiones + 1
    tema.comunicados.add(comunicado)
    assert comunicado.history.count() == versiones + 2
    assert list(comunicado.history.first().temas.values_list("tema_id", flat=True)) == [tema.pk]
