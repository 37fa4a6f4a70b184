"""The press office's desk: the whole seed release entered in a browser, loads and actions counted.

From a directory that already holds the seed's people, organisations and consulates (the
demo loader's) and no releases or events, a Redactor enters the seed's event and release in
Spanish and English and sends both to review; an Editor, in their own browser, schedules
both at the seed's dates. The result must equal the demo's seed release field by field.

Every click, fill, selection, key press and paste goes through `Escritorio`, which counts
it; page loads are counted by the browser's own `load` events (popups included), so a
helper cannot forget one. Logging in is counted apart.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from cancilleria.sitio.demo import semilla
from comunicados.models import Comunicado
from eventos.models import Evento
from tests.usuarios import EDITOR, REDACTOR, crear_usuario

pytestmark = pytest.mark.e2e

MAX_CARGAS = 8
MAX_ACCIONES = 150
LIMA = ZoneInfo("America/Lima")
CLAVE = "clave-de-prueba-1"
# Ids, timestamps and authors differ by nature; the search columns are derived from the
# fields compared here (computed on save, never typed).
SIN_COMPARAR = {
    "id",
    "creado",
    "actualizado",
    "creado_por",
    "busqueda_es",
    "busqueda_en",
    "relacionados",
}


def _normal(campo, valor):
    """Compare what a field means: rich text's markup spacing and empty text are not data.

    The demo loader stores "<p>a</p>\n<p>b</p>" and plain text in rich-text fields; the
    editor stores "<p>a</p><p>b</p>". An untranslated text may be None or "".
    """
    from cancilleria.base.html import CampoTextoEnriquecido

    if valor is None and campo.get_internal_type() in {"CharField", "TextField"}:
        return ""
    if isinstance(campo, CampoTextoEnriquecido) or (
        getattr(campo, "translated_field", None) is not None
        and isinstance(campo.translated_field, CampoTextoEnriquecido)
    ):
        texto = re.sub(r">\s+<", "><", (valor or "").strip())
        return texto if not texto or texto.startswith("<") else f"<p>{texto}</p>"
    return valor


# ---- what the demo's seed release is, field by field ---------------------------------------


def _campos(obj, *excluir):
    valores = {}
    for campo in obj._meta.concrete_fields:
        if campo.name in SIN_COMPARAR or campo.name in excluir:
            continue
        # The issue compares Spanish and English; the demo's Quechua text is demo only.
        if campo.name.endswith(("_qu", "_ay")):
            continue
        if campo.is_relation:
            relacionado = getattr(obj, campo.name)
            valores[campo.name] = _clave(relacionado)
        else:
            valores[campo.name] = _normal(campo, getattr(obj, campo.attname))
    return valores


def _clave(obj):
    if obj is None:
        return None
    if hasattr(obj, "slug"):
        return obj.slug
    if obj._meta.model_name == "sesion":
        return ("sesion", obj.orden)
    if obj._meta.model_name == "cargo":
        return (obj.persona.slug, obj.titulo_es, obj.titulo_en)
    return str(obj)


def _slugs(relacion):
    return sorted(relacion.values_list("slug", flat=True))


def foto_del_comunicado(comunicado):
    """Return everything the release and its event say, without ids or timestamps."""
    evento = comunicado.evento
    return {
        "comunicado": _campos(comunicado, "evento"),
        "comunicado.evento": evento.slug if evento else None,
        "comunicado.temas": _slugs(comunicado.temas),
        "comunicado.organizaciones": _slugs(comunicado.organizaciones),
        "comunicado.personas": _slugs(comunicado.personas),
        "comunicado.cifras": [
            _campos(c, "comunicado") for c in comunicado.cifras.order_by("orden")
        ],
        "comunicado.citas": [_campos(c, "comunicado") for c in comunicado.citas.order_by("orden")],
        "evento": _campos(evento),
        "evento.temas": _slugs(evento.temas),
        "evento.consulados": _slugs(evento.consulados),
        "evento.colaboraciones": [
            _campos(c, "evento") for c in evento.colaboraciones.order_by("orden", "pk")
        ],
        "evento.sesiones": [_campos(s, "evento") for s in evento.sesiones.order_by("orden")],
        "evento.participaciones": [
            _campos(p, "evento") for p in evento.participaciones.order_by("orden")
        ],
    }


@pytest.fixture
def escritorio_vacio(transactional_db):
    """Load the demo seed, remember its release, then keep only the directory."""
    call_command("cargar_demo", "--solo-semilla", verbosity=0)
    esperado = foto_del_comunicado(Comunicado.objects.get(slug=semilla.SLUG_COMUNICADO))
    Comunicado.objects.all().delete()
    Evento.objects.all().delete()
    crear_usuario(REDACTOR, "redactora")
    crear_usuario(EDITOR, "editor")
    return esperado


# ---- counting what a person does ------------------------------------------------------------


class Escritorio:
    """Drive the admin as a person would, counting actions and page loads honestly."""

    def __init__(self, contexto, nombre):
        self.contexto = contexto
        self.nombre = nombre
        self.acciones = 0
        self.cargas = 0
        self.cargas_de_entrada = 0
        self.entrando = False
        self.registro = []
        contexto.on("page", self._vigilar)
        self.page = contexto.new_page()
        self.errores = []
        self.page.on("console", lambda m: m.type == "error" and self.errores.append(m.text))
        self.page.on("pageerror", lambda err: self.errores.append(str(err)))

    def _vigilar(self, page):
        # Every document load of every window (a popup is a load too).
        page.on("load", lambda _p: self._cargada(page))

    def _cargada(self, page):
        if self.entrando:
            self.cargas_de_entrada += 1
        else:
            self.cargas += 1
            self.registro.append(f"CARGA {page.url}")

    def _accion(self, que):
        self.acciones += 1
        self.registro.append(que)

    # -- the actions
    def entrar(self, usuario):
        """Log in (its loads and actions are counted apart: the task starts after)."""
        self.entrando = True
        page = self.page
        page.goto("/admin/login/")
        page.fill("#id_username", usuario)
        page.fill("#id_password", CLAVE)
        with page.expect_navigation():
            page.click("input[type=submit]")
        page.wait_for_load_state("load")
        self.entrando = False

    def ir(self, url):
        self.page.goto(url)

    def clic(self, objetivo, navega=False):
        self._accion(f"clic {objetivo}")
        locator = self._loc(objetivo)
        if navega:
            with self.page.expect_navigation():
                locator.click()
            self.page.wait_for_load_state("load")
        else:
            locator.click()

    def llenar(self, objetivo, texto):
        """Type or paste a value into a field: one action."""
        self._accion(f"llenar {objetivo}")
        self._loc(objetivo).fill(texto)

    def elegir(self, objetivo, valor):
        self._accion(f"elegir {objetivo}={valor}")
        self._loc(objetivo).select_option(valor)

    def marcar(self, objetivo):
        self._accion(f"marcar {objetivo}")
        self._loc(objetivo).check()

    def pegar_en_editor(self, campo, texto):
        """Paste plain text (paragraphs on separate lines) into a rich-text field: one action."""
        self._accion(f"pegar {campo}")
        editor = self.page.locator(f".field-{campo} [contenteditable=true]").first
        editor.evaluate(
            """(el, texto) => {
                el.focus()
                const datos = new DataTransfer()
                datos.setData("text/plain", texto)
                el.dispatchEvent(new ClipboardEvent("paste", {
                    clipboardData: datos, bubbles: true, cancelable: true,
                }))
            }""",
            texto,
        )

    def escribir(self, texto):
        """Type a short text into the focused field (an autocomplete's search): one action."""
        self._accion(f"escribir {texto!r}")
        self.page.keyboard.type(texto)

    def tecla(self, tecla):
        self._accion(f"tecla {tecla}")
        self.page.keyboard.press(tecla)

    def autocompletar(self, selector_caja, busqueda, opcion, abierto=False, siguiente=False):
        """Pick from an autocomplete: open it (unless open), type, Enter on the right one.

        `siguiente`: another choice in a multiple box just used, whose search field keeps
        the focus (typing opens it again).
        """
        from playwright.sync_api import expect

        if not abierto and not siguiente:
            self.clic(f"{selector_caja} .select2-selection")
        if not siguiente:
            caja = self.page.locator(".select2-container--open .select2-search__field")
            caja.wait_for()
        self.escribir(busqueda)
        resaltada = self.page.locator(".select2-results__option--highlighted")
        try:
            expect(resaltada).to_have_text(re.compile(re.escape(opcion)), timeout=15_000)
        except AssertionError:
            print("RESULTADOS", self.page.locator(".select2-results").all_inner_texts())
            raise
        self.tecla("Enter")

    def _loc(self, objetivo):
        return self.page.locator(objetivo) if isinstance(objetivo, str) else objetivo


def _fecha(valor):
    return valor.astimezone(LIMA).strftime("%d/%m/%Y"), valor.astimezone(LIMA).strftime("%H:%M")


def _esperar_sin_errores(page):
    errores = page.locator(".errorlist li").all_inner_texts()
    assert page.locator(".errornote").count() == 0, errores


# ---- the journey ----------------------------------------------------------------------------


def _cargar_evento(e, datos):
    """The Redactor enters the seed's event on one form and sends it to review."""
    from playwright.sync_api import expect

    page = e.page
    ev = datos["campos"]
    directorio = semilla.DIRECTORIO
    nombres_org = {o.slug: o for o in directorio.organizaciones}
    personas = {p.slug: p for p in directorio.personas}
    e.ir("/admin/eventos/evento/add/")
    e.llenar("#id_nombre_es", ev["nombre_es"])
    if ev["tipo"] != "seminario":
        e.elegir("#id_tipo", ev["tipo"])
    e.marcar("#id_internacional")
    # The address is the demo's, not the one made from the name.
    e.llenar("#id_slug", datos["slug"])
    e.elegir("#id_modalidad", ev["modalidad"])
    dia, hora = _fecha(ev["inicio"])
    e.llenar("#id_inicio_0", dia)
    e.llenar("#id_inicio_1", hora)
    page.locator("#id_inicio_0").dispatch_event("change")
    expect(page.locator("#id_fin_0")).to_have_value(_fecha(ev["fin"])[0])
    e.llenar("#id_fin_1", _fecha(ev["fin"])[1])
    e.llenar("#id_lugar_es", ev["lugar_es"])
    e.pegar_en_editor("descripcion_es", ev["descripcion_es"])
    e.llenar("#id_publico_es", ev["publico_es"])
    e.llenar("#id_asistentes", str(ev["asistentes"]))
    e.marcar("#id_asistentes_mas_de")
    e.autocompletar(".field-organizador", "Protección y Asistencia", "Protección y Asistencia")
    # Topics: one click opens the box; each topic is then typed and chosen.
    temas = {t.slug: t for t in directorio.temas}
    for n, slug in enumerate(datos["temas"]):
        nombre = temas[slug].nombre_es
        e.autocompletar(".field-temas", nombre[:6], nombre, siguiente=n > 0)
    e.llenar("#id_consulados_texto", semilla.LISTA_CONSULADOS_ES)

    # Supporting organisations: a new row opens its autocomplete.
    for slug in datos["apoyo_tecnico"]:
        org = nombres_org[slug]
        e.clic("#colaboraciones-group .add-row a")
        e.autocompletar(None, org.sigla_es or org.nombre_es, org.nombre_es, abierto=True)

    # The programme.
    for n, sesion in enumerate(datos["sesiones"]):
        e.clic("#sesiones-group .add-row a")
        fila = f"#id_sesiones-{n}"
        e.elegir(f"{fila}-tipo", sesion["tipo"])
        e.llenar(f"{fila}-titulo_es", sesion["titulo_es"])
        if sesion["modalidad"]:
            e.elegir(f"{fila}-modalidad", sesion["modalidad"])

    # Speakers: the post held that day fills itself; sessions are this form's own.
    for n, p in enumerate(datos["participaciones"]):
        e.clic("#participaciones-group .add-row a")
        nombre = personas[p["persona"]].nombre
        e.autocompletar(None, nombre.split()[-1], nombre, abierto=True)
        fila = f"#id_participaciones-{n}"
        e.elegir(f"{fila}-rol", p["rol"])
        expect(page.locator(f"{fila}-cargo")).not_to_have_value("")
        if "sesion" in p:
            titulo = datos["sesiones"][p["sesion"] - 1]["titulo_es"]
            etiqueta = page.locator(f"{fila}-sesion_ref option", has_text=titulo[:30])
            e.elegir(f"{fila}-sesion_ref", etiqueta.first.get_attribute("value"))

    # English: one switch for the whole form.
    e.clic('.selector-idioma button[data-idioma="en"]')
    e.llenar("#id_nombre_en", ev["nombre_en"])
    e.llenar("#id_lugar_en", ev["lugar_en"])
    e.pegar_en_editor("descripcion_en", ev["descripcion_en"])
    e.llenar("#id_publico_en", ev["publico_en"])
    for n, sesion in enumerate(datos["sesiones"]):
        e.llenar(f"#id_sesiones-{n}-titulo_en", sesion["titulo_en"])
    expect(page.locator('.selector-idioma button[data-idioma="en"]')).not_to_contain_text("faltan")
    e.clic('button[name="_enviar_a_revision"]', navega=True)
    _esperar_sin_errores(page)
    expect(page.locator(".messagelist")).to_contain_text("se envió a revisión")


def _cargar_comunicado(e, datos, evento_nombre):
    """The Redactor enters the seed's release on one form and sends it to review."""
    from playwright.sync_api import expect

    page = e.page
    c = semilla.COMUNICADO
    organizaciones = {o.slug: o for o in semilla.DIRECTORIO.organizaciones}
    personas = {p.slug: p for p in semilla.DIRECTORIO.personas}
    e.ir("/admin/comunicados/comunicado/add/")
    e.elegir("#id_tipo", c["tipo"])
    if c["ambito"] != "local":
        e.elegir("#id_ambito", c["ambito"])
    e.llenar("#id_titulo_es", c["titulo_es"])
    e.llenar("#id_bajada_es", c["bajada_es"])
    e.llenar("#id_slug", datos["slug"])
    e.llenar("#id_resumen_es", c["resumen_es"])
    e.llenar("#id_lugar", c["lugar"])
    if c.get("destacado"):
        e.marcar("#id_destacado")
    e.pegar_en_editor("cuerpo_es", _texto_plano(c["cuerpo_es"]))
    # Whole words: the event search matches words, not the start of one.
    e.autocompletar(".field-evento", " ".join(evento_nombre.split()[:2]), evento_nombre[:40])
    # The text names the people and organisations; the event brings its topics.
    todas = page.locator(".sugerencias__todas")
    expect(todas).to_be_visible()
    expect(todas).to_contain_text(
        f"({len(datos['temas']) + len(datos['organizaciones']) + len(datos['personas'])})"
    )
    e.clic(todas)

    for n, cifra in enumerate(datos["cifras"]):
        e.clic("#cifras-group .add-row a")
        fila = f"#id_cifras-{n}"
        if cifra["calificador"]:
            e.elegir(f"{fila}-calificador", cifra["calificador"])
        e.llenar(f"{fila}-valor", cifra["valor"])
        e.llenar(f"{fila}-unidad_es", cifra["unidad_es"])
        e.llenar(f"{fila}-descripcion_es", cifra["descripcion_es"])
        e.llenar(f"{fila}-periodo_es", cifra["periodo_es"])
        if "fuente" in cifra:
            org = organizaciones[cifra["fuente"]]
            e.autocompletar(f"#cifras-{n} .field-fuente", org.sigla_es, org.nombre_es)

    for n, cita in enumerate(datos["citas"]):
        e.clic("#citas-group .add-row a")
        nombre = personas[cita["persona"]].nombre
        e.autocompletar(None, nombre.split()[-1], nombre, abierto=True)
        fila = f"#id_citas-{n}"
        expect(page.locator(f"{fila}-cargo")).not_to_have_value("")
        if "sesion" in cita:
            titulo = datos_evento_sesion_titulo(cita["sesion"])
            opcion = page.locator(f"{fila}-sesion option", has_text=titulo[:20])
            e.elegir(f"{fila}-sesion", opcion.first.get_attribute("value"))
        e.llenar(f"{fila}-texto_es", cita["texto_es"])

    e.clic('.selector-idioma button[data-idioma="en"]')
    e.llenar("#id_titulo_en", c["titulo_en"])
    e.llenar("#id_bajada_en", c["bajada_en"])
    e.llenar("#id_resumen_en", c["resumen_en"])
    e.pegar_en_editor("cuerpo_en", _texto_plano(c["cuerpo_en"]))
    for n, cifra in enumerate(datos["cifras"]):
        for campo in ("unidad_en", "descripcion_en", "periodo_en"):
            e.llenar(f"#id_cifras-{n}-{campo}", cifra[campo])
    for n, cita in enumerate(datos["citas"]):
        e.llenar(f"#id_citas-{n}-texto_en", cita["texto_en"])
    expect(page.locator('.selector-idioma button[data-idioma="en"]')).not_to_contain_text("faltan")
    e.clic('button[name="_enviar_a_revision"]', navega=True)
    _esperar_sin_errores(page)
    expect(page.locator(".messagelist")).to_contain_text("se envió a revisión")


def _pares(obtenido, esperado):
    # Field by field where the value is a record; whole where it is a list or a value.
    if isinstance(esperado, dict):
        return [(campo, obtenido.get(campo), valor) for campo, valor in esperado.items()]
    return [("", obtenido, esperado)]


def datos_evento_sesion_titulo(orden):
    return semilla.DATOS["evento"]["sesiones"][orden - 1]["titulo_es"]


def _texto_plano(html):
    # What a person copies from a document: one paragraph per line.
    return "\n".join(re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.S))


def _programar(e, url, fecha):
    from playwright.sync_api import expect

    e.ir(url)
    dia, hora = _fecha(fecha)
    e.llenar("#id_fecha_publicacion_0", dia)
    e.llenar("#id_fecha_publicacion_1", hora)
    e.clic('button[name="_programar"]', navega=True)
    _esperar_sin_errores(e.page)
    expect(e.page.locator(".flujo-publicacion__estado")).to_contain_text("Programado")


def test_el_comunicado_semilla_entero_en_pocas_cargas_y_acciones(
    escritorio_vacio, navegador, live_server, captura
):
    esperado = escritorio_vacio
    datos_ev = semilla.DATOS["evento"]
    datos_com = semilla.DATOS["comunicado"]

    def contexto():
        ctx = navegador.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale="es-PE",
            timezone_id="America/Lima",
        )
        ctx.set_default_timeout(15_000)
        return ctx

    # -- the Redactor ----------------------------------------------------------------------
    ctx_r = contexto()
    redactora = Escritorio(ctx_r, "redactora")
    redactora.entrar("redactora")
    _cargar_evento(redactora, datos_ev)
    captura(redactora.page, "escritorio-evento-enviado")
    evento = Evento.objects.get(slug=datos_ev["slug"])
    _cargar_comunicado(redactora, datos_com, datos_ev["campos"]["nombre_es"])
    captura(redactora.page, "escritorio-comunicado-enviado")
    comunicado = Comunicado.objects.get(slug=datos_com["slug"])
    ctx_r.close()

    # -- the Editor, in their own browser, on the days before the seminar ---------------------
    ctx_e = contexto()
    editor = Escritorio(ctx_e, "editor")
    editor.entrar("editor")
    with time_machine.travel(datetime(2022, 9, 19, 8, 0, tzinfo=LIMA), tick=True):
        _programar(
            editor,
            f"/admin/eventos/evento/{evento.pk}/change/",
            datos_ev["campos"]["fecha_publicacion"],
        )
        _programar(
            editor,
            f"/admin/comunicados/comunicado/{comunicado.pk}/change/",
            datos_com["campos"]["fecha_publicacion"],
        )
    ctx_e.close()

    cargas = redactora.cargas + editor.cargas
    acciones = redactora.acciones + editor.acciones
    print(
        f"\nEscritorio: {cargas} cargas de página (más {redactora.cargas_de_entrada} + "
        f"{editor.cargas_de_entrada} al entrar) y {acciones} acciones "
        f"(redactora {redactora.cargas}/{redactora.acciones}, "
        f"editor {editor.cargas}/{editor.acciones})"
    )
    # Console errors (CSP violations included) and uncaught exceptions on the way.
    assert redactora.errores == editor.errores == []

    obtenido = foto_del_comunicado(Comunicado.objects.get(slug=datos_com["slug"]))
    diferencias = {
        f"{clave}.{campo}" if campo else clave: (valor, queremos)
        for clave in esperado
        for campo, valor, queremos in _pares(obtenido[clave], esperado[clave])
        if valor != queremos
    }
    for nombre, (valor, queremos) in diferencias.items():
        print(f"DIFERENCIA {nombre}:\n  hay:     {valor!r}\n  semilla: {queremos!r}")
    assert not diferencias, sorted(diferencias)
    assert cargas <= MAX_CARGAS, redactora.registro + editor.registro
    assert acciones <= MAX_ACCIONES
