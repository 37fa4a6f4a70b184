"""Attaching consulates to an event from one grouped, searchable box in the admin."""

import pytest

from cancilleria.base.models import Estado
from eventos.models import ParticipacionConsular
from tests.consultas import presupuesto_constante
from tests.factories import ConsuladoFactory, EventoFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

PAISES = ["ES", "IT", "FR", "US", "CA", "MX", "AR", "CL", "JP", "CN", "AU", "ZA", "EG"]


def crear_consulados(n):
    return [
        ConsuladoFactory(nombre=f"Consulado {i:02d}", pais=PAISES[i % len(PAISES)])
        for i in range(n)
    ]


@pytest.fixture
def evento():
    return EventoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)


@pytest.fixture
def redactor(client):
    client.force_login(crear_usuario(REDACTOR))


def url(evento):
    return f"/admin/eventos/evento/{evento.pk}/change/"


def enviar(client, evento, consulados):
    datos = datos_de_formulario(client.get(url(evento)).content, "evento_form")
    datos["consulados"] = [str(c.pk) for c in consulados]
    respuesta = client.post(url(evento), datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]


def test_guardar_39_consulados_crea_39_filas_y_quitar_funciona(client, redactor, evento):
    """Saving the form with 39 consulates makes 39 rows; removing some or all deletes them."""
    consulados = crear_consulados(39)
    enviar(client, evento, consulados)
    assert ParticipacionConsular.objects.filter(evento=evento).count() == 39

    enviar(client, evento, consulados[:30])
    assert set(evento.consulados.values_list("pk", flat=True)) == {c.pk for c in consulados[:30]}

    enviar(client, evento, [])
    assert not ParticipacionConsular.objects.filter(evento=evento).exists()


def test_el_formulario_muestra_los_elegidos_agrupados_por_region(client, redactor, evento):
    """The box lists the consulates in <optgroup>s by region, the event's ones selected."""
    madrid = ConsuladoFactory(nombre="Consulado General en Madrid", pais="ES")
    ConsuladoFactory(nombre="Consulado General en Tokio", pais="JP")
    ParticipacionConsular.objects.create(evento=evento, consulado=madrid)
    html = client.get(url(evento)).content.decode()
    assert 'class="selectfilter"' in html
    assert '<optgroup label="Europa">' in html
    assert '<optgroup label="Asia">' in html
    assert f'<option value="{madrid.pk}" selected>Consulado General en Madrid (España)' in html
    # The old 39-dropdown inline is gone.
    assert "participaciones_consulares-TOTAL_FORMS" not in html


def test_un_consulado_inexistente_da_error_sin_perder_lo_escrito(client, redactor, evento):
    """A crafted id gets a form error and the other fields keep what was typed."""
    datos = datos_de_formulario(client.get(url(evento)).content, "evento_form")
    datos["consulados"] = ["999999"]
    datos["nombre_es"] = ["Nombre corregido"]
    respuesta = client.post(url(evento), datos)
    assert respuesta.status_code == 200
    assert respuesta.context["adminform"].form.errors["consulados"]
    assert "Nombre corregido" in respuesta.content.decode()


def test_las_consultas_del_formulario_no_crecen_con_los_consulados(client, redactor, evento):
    """Rendering the box costs the same queries with 3 consulates as with 39."""
    consulados = ConsuladoFactory._meta.model.objects

    def preparar(n):
        # The first three from several countries, the rest factory defaults.
        if consulados.exists():
            ConsuladoFactory.create_batch(n - consulados.count())
        else:
            crear_consulados(n)
        evento.consulados.set(consulados.all())
        return url(evento)

    presupuesto_constante(client, preparar, muchas=39)
