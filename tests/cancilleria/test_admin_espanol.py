"""The admin speaks Spanish throughout, and English to who chose it (issue 11, item 5)."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.comunicados.test_imagenes import imagen
from tests.factories import ComunicadoFactory
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

CATALOGO = "/admin/jsi18n/"


def _catalogo(client):
    # The catalog is JSON inside JavaScript, non-ASCII letters escaped ("T\u00edtulo").
    js = client.get(CATALOGO).content.decode()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), js)


@pytest.fixture
def editor(client):
    client.force_login(crear_usuario(EDITOR))
    return client


def test_el_catalogo_js_del_admin_trae_el_editor_y_la_nota_horaria_en_espanol(editor):
    js = _catalogo(editor)
    # django-prose-editor's dialog (window.gettext) and its toolbar titles.
    for texto in ("Editar enlace", "Negrita", "Título %s", "Insertar enlace", "Cancelar"):
        assert texto in js, texto
    # Django 6.1's time zone note, missing from Django's own Spanish catalog.
    assert "Nota: escriba las horas en la zona horaria %(timezone)s" in js
    # The select box headings: "Consulados disponibles", not "consulados Disponibles".
    assert '"%s disponibles"' in js


def test_el_catalogo_js_en_ingles_para_quien_eligio_ingles(editor):
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    js = _catalogo(editor)
    assert "Editar enlace" not in js and "Negrita" not in js and "Nota: escriba" not in js


def test_la_caja_de_consulados_lleva_nombre_con_mayuscula(editor):
    html = editor.get("/admin/eventos/evento/add/").content.decode()
    assert 'data-field-name="Consulados"' in html


def test_el_credito_no_repite_foto(client):
    comunicado = ComunicadoFactory(credito="Foto: Cancillería")
    assert comunicado.credito == "Cancillería"
    for tecleado, guardado in [
        ("foto:Cancillería", "Cancillería"),
        ("Photo: Foreign Ministry", "Foreign Ministry"),
        ("Fotografía - ANDINA", "ANDINA"),
        ("Fotógrafo Juan Pérez", "Fotógrafo Juan Pérez"),
    ]:
        comunicado.credito = tecleado
        comunicado.save()
        assert comunicado.credito == guardado
    comunicado.credito = "Foto: Cancillería"
    comunicado.imagen = SimpleUploadedFile("foto.png", imagen())
    comunicado.texto_alternativo = "Funcionarios en el seminario"
    comunicado.save()
    html = client.get(comunicado.get_absolute_url()).content.decode()
    assert html.count("Foto:") == 1 and "Foto: Cancillería" in html


def test_un_formulario_vacio_no_dice_que_los_idiomas_estan_completos(editor):
    html = editor.get("/admin/comunicados/comunicado/add/").content.decode()
    assert "aún sin texto" in html
    assert "es ✔" not in html


def test_un_borrador_con_texto_resume_sus_idiomas(client):
    client.force_login(crear_usuario(REDACTOR))
    comunicado = ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_en="", bajada_en=""
    )
    html = client.get(f"/admin/comunicados/comunicado/{comunicado.pk}/change/").content
    assert "es ✔ / en — falt" in html.decode()
    assert Comunicado.objects.count() == 1


def test_los_formularios_van_en_paneles_sin_perder_campos(rf, admin_user):
    """Release and event forms come in named panels, and every field is still on the form."""
    from django.contrib import admin

    from cancilleria.base.admin_paneles import PanelesAdminMixin, agrupar_en_paneles
    from comunicados.models import Comunicado
    from eventos.models import Evento

    peticion = rf.get("/")
    peticion.user = admin_user
    for modelo, esperados in (
        (Comunicado, {"Contenido", "Imagen principal", "Evento y temas"}),
        (Evento, {"Evento", "Público y descripción", "Consulados participantes"}),
    ):
        modelo_admin = admin.site._registry[modelo]
        paneles = modelo_admin.get_fieldsets(peticion, None)
        nombres = {str(nombre) for nombre, _opciones in paneles}
        assert esperados <= nombres and None not in nombres
        campos = [c for _n, opciones in paneles for c in opciones["fields"]]
        # The fieldsets as they were before the panels: the same fields, none lost.
        planos = super(PanelesAdminMixin, modelo_admin).get_fieldsets(peticion, None)
        originales = [c for _n, o in planos for c in o["fields"]]
        assert len(originales) > 20
        assert sorted(campos) == sorted(originales)
    # A field no panel names stays, in the first panel.
    assert agrupar_en_paneles([(None, {"fields": ["nuevo", "b"]})], (("A", ("b",)),)) == [
        ("A", {"fields": ["nuevo", "b"]})
    ]
