"""Rich text: an XSS corpus posted through the admin is stored and shown with nothing executable."""

import re

import pytest
from django.template import Context, Template

from cancilleria.base.html import enlaces_no_permitidos, sanear_texto_enriquecido
from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.factories import (
    ComunicadoFactory,
    EventoFactory,
    PersonaFactory,
    SesionFactory,
)
from tests.formularios import datos_de_formulario
from tests.usuarios import REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

# Each payload, if it survived, would run script or load something active; the words
# around them ("Texto visible N") must survive, to show the text is kept.
CORPUS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(1)">Texto visible 1</p>',
    '<a href="javascript:alert(1)">Texto visible 2</a>',
    '<a href="JaVaScRiPt:alert(1)">enlace</a>',
    '<a href=" javascript:alert(1)">enlace</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">enlace</a>',
    '<a href="jav&#x09;ascript:alert(1)">enlace</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">enlace</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<p style="background:url(javascript:alert(1))">Texto visible 3</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)"></style></mglyph>'
    "</table></mtext></math>",
    '<math href="javascript:alert(1)">CLICK</math>',
    '<form action="javascript:alert(1)"><input type="submit" value="Enviar"></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<details open ontoggle="alert(1)">x</details>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="https://www.gob.pe/rree" target="_blank">Texto visible 4</a>',
]
# Links with a forbidden scheme are refused with a field error before sanitising
# (tests/comunicados/test_enlaces.py); the rest is stored sanitised.
CUERPO_HOSTIL = "<p>INICIO</p>" + "".join(CORPUS) + "<p>FIN</p>"
CORPUS_ACEPTADO = [p for p in CORPUS if not enlaces_no_permitidos(p, ("http", "https", "mailto"))]
CUERPO_HOSTIL_ACEPTADO = "<p>INICIO</p>" + "".join(CORPUS_ACEPTADO) + "<p>FIN</p>"

PROHIBIDO = re.compile(
    r"<\s*(script|iframe|style|svg|math|form|input|meta|object|embed|base|img|link|noscript)\b"
    r"|\bon[a-z]+\s*="
    r"|javascript:|data:|srcdoc|style\s*=|xlink",
    re.IGNORECASE,
)


def sin_nada_ejecutable(html):
    encontrado = PROHIBIDO.search(html)
    assert encontrado is None, f"executable markup survived: {encontrado.group(0)!r} in {html!r}"


def trozo_del_cuerpo(html):
    return html[html.index("INICIO") : html.index("FIN")]


def test_corpus_xss_por_el_admin_se_guarda_y_se_muestra_sin_nada_ejecutable(client):
    """The XSS corpus posted in the body through the admin is stored and served harmless."""
    client.force_login(crear_usuario(REDACTOR))
    comunicado = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    url = f"/admin/comunicados/comunicado/{comunicado.pk}/change/"
    datos = datos_de_formulario(client.get(url).content, "comunicado_form")
    datos["cuerpo_es"] = [CUERPO_HOSTIL_ACEPTADO]
    datos["cuerpo_en"] = [CUERPO_HOSTIL_ACEPTADO.upper()]
    assert client.post(url, datos).status_code == 302

    comunicado.refresh_from_db()
    for guardado in (comunicado.cuerpo_es, comunicado.cuerpo_en):
        sin_nada_ejecutable(guardado)
    assert "Texto visible 1" in comunicado.cuerpo_es
    assert "Texto visible 4" in comunicado.cuerpo_es
    assert 'href="https://www.gob.pe/rree"' in comunicado.cuerpo_es
    assert 'rel="noopener noreferrer"' in comunicado.cuerpo_es

    Comunicado.objects.filter(pk=comunicado.pk).update(
        estado=Estado.PUBLICADO, fecha_publicacion=comunicado.creado
    )
    html = client.get(comunicado.get_absolute_url()).content.decode()
    sin_nada_ejecutable(trozo_del_cuerpo(html))


def test_la_plantilla_sanea_aunque_la_fila_se_escribiera_sin_el_modelo(client):
    """A body written around save() (a raw update) is still sanitised on the public page."""
    comunicado = ComunicadoFactory()
    Comunicado.objects.filter(pk=comunicado.pk).update(cuerpo_es=CUERPO_HOSTIL)
    html = client.get(comunicado.get_absolute_url()).content.decode()
    trozo = trozo_del_cuerpo(html)
    sin_nada_ejecutable(trozo)
    assert "Texto visible 3" in trozo


@pytest.mark.parametrize(
    ("fabrica", "campo"),
    [
        (EventoFactory, "descripcion_es"),
        (EventoFactory, "descripcion_en"),
        (SesionFactory, "descripcion_es"),
        (PersonaFactory, "semblanza_es"),
        (ComunicadoFactory, "cuerpo_en"),
    ],
)
def test_los_campos_enriquecidos_se_sanean_al_guardar(fabrica, campo):
    """Every rich field is sanitised with the one allowlist when saved, in each language."""
    objeto = fabrica(**{campo: CUERPO_HOSTIL})
    objeto.refresh_from_db()
    sin_nada_ejecutable(getattr(objeto, campo))
    assert "Texto visible 2" in getattr(objeto, campo)


def test_las_paginas_publicas_sanean_descripcion_y_semblanza(client):
    """Event descriptions, sessions and biographies are shown sanitised on their pages."""
    evento = EventoFactory()
    SesionFactory(evento=evento)
    persona = PersonaFactory()
    EventoFactory._meta.model.objects.filter(pk=evento.pk).update(descripcion_es=CUERPO_HOSTIL)
    SesionFactory._meta.model.objects.filter(evento=evento).update(descripcion_es=CUERPO_HOSTIL)
    PersonaFactory._meta.model.objects.filter(pk=persona.pk).update(semblanza_es=CUERPO_HOSTIL)
    for url in (evento.get_absolute_url(), persona.get_absolute_url()):
        respuesta = client.get(url)
        assert respuesta.status_code == 200
        html = respuesta.content.decode()
        bloques = re.findall(r'<div class="prosa">(.*?)</div>', html, re.DOTALL)
        assert bloques
        assert any("INICIO" in bloque for bloque in bloques)
        for bloque in bloques:
            sin_nada_ejecutable(bloque)


def test_texto_plano_antiguo_conserva_sus_parrafos_escapado():
    """Plain text from before the editor keeps its paragraphs, with markup escaped."""
    salida = Template("{% load cancilleria_tags %}{{ texto|prosa }}").render(
        Context({"texto": "Primera línea\n\nSegunda <b>línea</b> & más"})
    )
    assert salida == "<p>Primera línea</p>\n\n<p>Segunda &lt;b&gt;línea&lt;/b&gt; &amp; más</p>"


@pytest.mark.parametrize("vacio", ["<p></p>", "<p> </p>", "<p><br></p>", "<script>x</script>"])
def test_un_documento_vacio_del_editor_se_guarda_vacio(vacio):
    """The editor's empty document is stored as an empty string, so `if cuerpo` is false."""
    assert sanear_texto_enriquecido(vacio) == ""
