"""Working-table outcomes (issue 14): entered in the admin on the session's page, shown on
the event page, and the staff's list of open commitments with its CSV/XLSX."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cancilleria.base.models import Estado
from eventos.models import Resultado, Seguimiento, Sesion
from tests.consultas import presupuesto_constante
from tests.factories import ConsuladoFactory, EventoFactory, OrganizacionFactory, SesionFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import EDITOR, PERSONAL, crear_usuario

pytestmark = pytest.mark.django_db

COMPROMISOS = "/gestion/compromisos/"


def _mesa(evento=None, **campos):
    return SesionFactory(
        evento=evento or EventoFactory(),
        tipo=Sesion.Tipo.MESA_DE_TRABAJO,
        titulo="Mecanismos de protección",
        **campos,
    )


def _compromiso(sesion, texto, *, vence, estado=Resultado.EstadoResultado.PENDIENTE, **campos):
    return Resultado.objects.create(
        sesion=sesion,
        tipo=Resultado.Tipo.COMPROMISO,
        texto=texto,
        vence=vence,
        estado=estado,
        **campos,
    )


@pytest.fixture
def personal(client):
    client.force_login(crear_usuario(PERSONAL))
    return client


def test_el_editor_registra_resultados_desde_la_pagina_de_la_sesion(client):
    """The event form links to each session; the session's page takes its outcomes."""
    client.force_login(crear_usuario(EDITOR))
    sesion = _mesa()
    dpan = OrganizacionFactory(nombre="Dirección de Protección", slug="dpan")
    evento_html = client.get(f"/admin/eventos/evento/{sesion.evento_id}/change/").content.decode()
    url = f"/admin/eventos/sesion/{sesion.pk}/change/"
    assert url in evento_html
    datos = datos_de_formulario(client.get(url).content, "sesion_form")
    datos.update(
        {
            "resultados-TOTAL_FORMS": ["1"],
            "resultados-0-tipo": ["compromiso"],
            "resultados-0-texto_es": ["Difundir una guía de buenas prácticas."],
            "resultados-0-texto_en": ["Circulate a good-practice guide."],
            "resultados-0-responsable": [str(dpan.pk)],
            "resultados-0-vence": ["2023-03-31"],
            "resultados-0-estado": ["pendiente"],
            "resultados-0-orden": ["1"],
        }
    )
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["errors"] if respuesta.context else ""
    resultado = sesion.resultados.get()
    assert resultado.responsable == dpan and resultado.vence == date(2023, 3, 31)
    assert resultado.vencido

    url_resultado = f"/admin/eventos/resultado/{resultado.pk}/change/"
    datos = datos_de_formulario(client.get(url_resultado).content, "resultado_form")
    datos.update(
        {
            "seguimientos-TOTAL_FORMS": ["1"],
            "seguimientos-0-fecha": ["2023-02-15"],
            "seguimientos-0-nota_es": ["Borrador de la guía enviado."],
        }
    )
    assert client.post(url_resultado, datos).status_code == 302
    assert resultado.seguimientos.get().nota_es == "Borrador de la guía enviado."


def test_la_pagina_del_evento_muestra_los_resultados_bajo_su_sesion(client):
    """Outcomes show under their session: type, responsible, due date, state, follow-up."""
    sesion = _mesa()
    otra = SesionFactory(evento=sesion.evento, titulo="Clausura", tipo=Sesion.Tipo.CLAUSURA)
    Resultado.objects.create(sesion=sesion, texto="Conclusión sobre enfoques de derechos.")
    vencido = _compromiso(
        sesion,
        "Capacitar al personal consular.",
        vence=timezone.localdate() - timedelta(days=10),
        responsable=OrganizacionFactory(sigla="OCP"),
    )
    Seguimiento.objects.create(resultado=vencido, fecha=date(2023, 2, 15), nota="Primer curso.")
    html = client.get(sesion.evento.get_absolute_url()).content.decode()
    bloque = html.split("Mecanismos de protección")[1].split("Clausura")[0]
    assert "Conclusión sobre enfoques de derechos." in bloque
    assert "Capacitar al personal consular." in bloque
    assert "OCP" in bloque and "vencido" in bloque and "Primer curso." in bloque
    assert str(otra) not in bloque


def test_detalle_del_evento_no_crece_con_resultados(client):
    """The event page costs the same with 3 or 30 sessions with outcomes and notes."""
    evento = EventoFactory()

    def preparar(n):
        for i in range(evento.sesiones.count(), n):
            sesion = _mesa(evento, orden=i)
            r = _compromiso(
                sesion, f"Compromiso {i}", vence=date(2030, 1, 1), responsable=OrganizacionFactory()
            )
            Seguimiento.objects.create(resultado=r, nota=f"Nota {i}")
        return evento.get_absolute_url()

    presupuesto_constante(client, preparar)


def test_lista_de_personal_con_vencidos_filtros_y_solo_abiertos(personal):
    """Open commitments of public events, overdue marked; not conclusions, done or drafts."""
    hoy = timezone.localdate()
    francia = ConsuladoFactory(slug="francia", pais="FR")
    dpan = OrganizacionFactory(slug="dpan")
    sesion = _mesa()
    sesion.evento.consulados.add(francia)
    _compromiso(sesion, "Compromiso vencido", vence=hoy - timedelta(days=3), responsable=dpan)
    _compromiso(sesion, "Compromiso en plazo", vence=hoy + timedelta(days=30))
    _compromiso(sesion, "Compromiso cumplido", vence=hoy, estado="cumplido")
    Resultado.objects.create(sesion=sesion, texto="Una conclusión")
    borrador = _mesa(EventoFactory(estado=Estado.BORRADOR, fecha_publicacion=None))
    _compromiso(borrador, "Compromiso de un borrador", vence=hoy)

    html = personal.get(COMPROMISOS).content.decode()
    assert "Compromiso vencido" in html and "Compromiso en plazo" in html
    for ausente in ("Compromiso cumplido", "Una conclusión", "Compromiso de un borrador"):
        assert ausente not in html
    fila = html.split("Compromiso vencido")[0].rsplit("<tr", 1)[1]
    assert 'class="compromiso-vencido"' in fila
    assert html.index("Compromiso vencido") < html.index("Compromiso en plazo")

    def textos(consulta):
        respuesta = personal.get(COMPROMISOS + consulta)
        return [r.texto for r in respuesta.context["compromisos"]]

    assert textos("?vencidos=si") == ["Compromiso vencido"]
    assert textos("?organizacion=dpan") == ["Compromiso vencido"]
    assert textos("?consulado=francia") == ["Compromiso vencido", "Compromiso en plazo"]
    assert textos(f"?consulado={ConsuladoFactory().slug}") == []
    assert personal.get(COMPROMISOS + "?organizacion=nadie").status_code == 200


def test_el_vencido_sale_en_csv_y_xlsx(personal):
    """The overdue commitment is in the CSV (UTF-8 BOM, ;) and in the XLSX, marked."""
    vence = timezone.localdate() - timedelta(days=3)
    _compromiso(_mesa(), "=Compromiso vencido", vence=vence)
    respuesta = personal.get(COMPROMISOS + "?formato=csv")
    assert respuesta["Content-Type"].startswith("text/csv")
    assert "attachment" in respuesta["Content-Disposition"]
    texto = respuesta.content.decode("utf-8")
    assert texto.startswith("\ufeff")
    filas = list(csv.reader(io.StringIO(texto[1:]), delimiter=";"))
    assert filas[1][:3] == [vence.isoformat(), "sí", "'=Compromiso vencido"]

    respuesta = personal.get(COMPROMISOS + "?formato=xlsx&vencidos=si")
    hoja = load_workbook(io.BytesIO(respuesta.content))["Compromisos"]
    assert hoja["A2"].value.date() == vence
    assert hoja["B2"].value == "sí" and hoja["C2"].value == "=Compromiso vencido"
    assert personal.get(COMPROMISOS + "?formato=pdf").status_code == 400


def test_solo_el_personal_autorizado(client):
    """Anonymous visitors go to the login page; a user without the right gets 403."""
    respuesta = client.get(COMPROMISOS)
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]
    client.force_login(User.objects.create_user("sin_permiso", password="x", is_staff=True))
    assert client.get(COMPROMISOS).status_code == 403
    usuario = User.objects.create_user("con_permiso", password="x", is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="ver_participacion_consular"))
    client.force_login(usuario)
    respuesta = client.get(COMPROMISOS)
    assert respuesta.status_code == 200
    assert "no-store" in respuesta["Cache-Control"] or "no-cache" in respuesta["Cache-Control"]


def test_lista_de_personal_no_crece_en_consultas(personal):
    """The staff list costs the same with 3 or 30 commitments, and its CSV too."""
    evento = EventoFactory()
    evento.consulados.add(ConsuladoFactory())

    def preparar(n):
        for i in range(Resultado.objects.count(), n):
            r = _compromiso(
                _mesa(evento, orden=i),
                f"Compromiso {i}",
                vence=date(2024, 1, 1),
                responsable=OrganizacionFactory(),
            )
            Seguimiento.objects.create(resultado=r, nota="Nota")
        return [
            COMPROMISOS,
            COMPROMISOS + "?vencidos=si&consulado=" + evento.consulados.get().slug,
        ]

    presupuesto_constante(personal, preparar)
    assert reverse("gestion:compromisos") == COMPROMISOS
