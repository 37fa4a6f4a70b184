// The press office's desk, on the release and event change forms (progressive enhancement:
// without it every field is still on the page and the server resolves everything on save).
// - one content-language switch for the whole form (Spanish first; others show what is
//   missing), applied to inline rows added later;
// - new inline rows get the next "orden";
// - speaker and quote rows: choosing a person fills the post held at the event's date;
//   the session list offers only this event's sessions, new rows of the same form included;
// - the release: links suggested from its text (one click each, one for all).
;(function () {
  "use strict"

  // Read when used: the admin's jQuery may load after this file.
  const jq = () => window.django && window.django.jQuery
  const datos = () => document.getElementById("escritorio")
  const formulario = () => document.querySelector("#content-main form")
  const esPlantilla = (nodo) => Boolean(nodo.closest(".empty-form, [id$='-empty']"))
  const lanzarCambio = (select) => (jq() ? jq()(select).trigger("change") : select.dispatchEvent(new Event("change", { bubbles: true })))

  // ---- one language switch ------------------------------------------------------------

  // The admin speaks Spanish, or English for whoever switched it (its <html lang>).
  const enIngles = (document.documentElement.lang || "").startsWith("en")
  const t = (es, en) => (enIngles ? en : es)

  const NOMBRES_IDIOMA = { es: "Español", en: "English", qu: "Runasimi", ay: "Aymar aru" }
  const CLASE_CAMPO = /^mt-field-(.+)-([a-z]{2})$/
  let idiomaActivo = null
  let idiomaBase = null

  function camposTraducidos() {
    const campos = []
    for (const control of document.querySelectorAll(".mt")) {
      const clase = Array.from(control.classList).find((c) => CLASE_CAMPO.test(c))
      if (!clase || !control.name) continue
      const idioma = CLASE_CAMPO.exec(clase)[2]
      const fila = control.closest(".fieldBox, .form-row, td")
      if (!fila) continue
      campos.push({ control, idioma, fila, base: control.classList.contains("mt-default") })
    }
    return campos
  }

  function equivalente(control, idioma) {
    const nombre = control.name.replace(/_[a-z]{2}$/, `_${idioma}`)
    return control.form ? control.form.elements.namedItem(nombre) : null
  }

  function vacio(control) {
    return !control || !String(control.value || "").trim()
  }

  function aplicarIdioma() {
    const campos = camposTraducidos()
    const faltan = {}
    const columnas = new Map()
    for (const { control, idioma, fila } of campos) {
      const requerido = Boolean(fila.querySelector("label.required"))
      const conError = Boolean(fila.querySelector(".errorlist"))
      const falta =
        idioma !== idiomaBase && !esPlantilla(fila) && vacio(control) && !vacio(equivalente(control, idiomaBase))
      if (falta) faltan[idioma] = (faltan[idioma] || 0) + 1
      // A required field of the base language is never hidden while it is empty.
      const visible =
        idioma === idiomaActivo || conError || (idioma === idiomaBase && requerido && vacio(control))
      fila.classList.toggle("idioma-oculto", !visible)
      fila.classList.toggle("falta-traduccion", falta && idioma === idiomaActivo)
      fila.dataset.idioma = idioma
      if (fila.tagName === "TD") {
        const cabecera = fila.closest("table").querySelectorAll("thead th")[fila.cellIndex]
        columnas.set(cabecera, visible || columnas.get(cabecera) === true)
      }
    }
    // A table's column heading goes with its cells (shown if any cell of it is).
    for (const [cabecera, visible] of columnas) if (cabecera) cabecera.classList.toggle("idioma-oculto", !visible)
    for (const boton of document.querySelectorAll(".selector-idioma button")) {
      const idioma = boton.dataset.idioma
      boton.setAttribute("aria-pressed", String(idioma === idiomaActivo))
      const aviso = boton.querySelector(".selector-idioma__faltan")
      if (aviso)
        aviso.textContent = faltan[idioma]
          ? t(` (faltan ${faltan[idioma]})`, ` (${faltan[idioma]} missing)`)
          : ""
    }
  }

  function montarSelectorIdioma() {
    const campos = camposTraducidos()
    if (!campos.length) return
    const idiomas = []
    for (const c of campos) if (!idiomas.includes(c.idioma)) idiomas.push(c.idioma)
    idiomaBase = (campos.find((c) => c.base) || campos[0]).idioma
    idiomas.sort((a, b) => (a === idiomaBase ? -1 : b === idiomaBase ? 1 : 0))
    idiomaActivo = idiomaBase
    const barra = document.createElement("div")
    barra.className = "selector-idioma"
    barra.setAttribute("role", "group")
    barra.setAttribute("aria-label", t("Idioma del contenido", "Content language"))
    const titulo = document.createElement("span")
    titulo.className = "selector-idioma__titulo"
    titulo.textContent = t("Idioma del contenido:", "Content language:")
    barra.append(titulo)
    for (const idioma of idiomas) {
      const boton = document.createElement("button")
      boton.type = "button"
      boton.className = "button selector-idioma__boton"
      boton.dataset.idioma = idioma
      boton.textContent = NOMBRES_IDIOMA[idioma] || idioma
      const aviso = document.createElement("span")
      aviso.className = "selector-idioma__faltan"
      boton.append(aviso)
      boton.addEventListener("click", () => {
        idiomaActivo = idioma
        aplicarIdioma()
      })
      barra.append(boton)
    }
    const form = formulario()
    // Above the first panel (not inside a widget that happens to use a fieldset).
    const primero = form.querySelector("fieldset.module, .inline-group")
    if (primero) primero.before(barra)
    else form.prepend(barra)
    aplicarIdioma()
    let espera = null
    form.addEventListener("input", () => {
      clearTimeout(espera)
      espera = setTimeout(aplicarIdioma, 400)
    })
  }

  // ---- new inline rows ------------------------------------------------------------------

  function numerar(fila) {
    const orden = fila.querySelector("input[name$='-orden']")
    if (!orden || (orden.value && orden.value !== "0")) return
    const grupo = fila.closest(".inline-group")
    const filas = Array.from(grupo.querySelectorAll("input[name$='-orden']")).filter(
      (i) => !esPlantilla(i) && !i.name.includes("__prefix__"),
    )
    const usados = filas.filter((i) => i !== orden).map((i) => Number(i.value) || 0)
    orden.value = String(Math.max(0, ...usados) + 1)
  }

  // The first field of a new row gets the focus; an autocomplete opens, ready to type.
  function enfocar(fila) {
    const primero = Array.from(fila.querySelectorAll("input, select, textarea")).find(
      (c) => c.type !== "hidden" && !c.closest(".idioma-oculto") && !c.name.endsWith("-orden"),
    )
    if (!primero) return
    const $ = jq()
    if ($ && primero.classList.contains("admin-autocomplete") && $(primero).data("select2")) {
      $(primero).select2("open")
    } else {
      primero.focus()
    }
  }

  // The event usually ends the day it starts: the end date follows the start date.
  function montarFechas() {
    const inicio = document.getElementById("id_inicio_0")
    const fin = document.getElementById("id_fin_0")
    if (!inicio || !fin) return
    inicio.addEventListener("change", () => {
      if (!fin.value.trim()) fin.value = inicio.value
    })
  }

  // ---- sessions of this event -------------------------------------------------------------

  function sesionesDelFormulario() {
    const grupo = document.getElementById("sesiones-group")
    if (!grupo) return null
    const opciones = []
    for (const fila of grupo.querySelectorAll(".inline-related")) {
      if (esPlantilla(fila) || !/^sesiones-\d+$/.test(fila.id)) continue
      const borrar = fila.querySelector("input[name$='-DELETE']")
      if (borrar && borrar.checked) continue
      const id = fila.querySelector("input[name$='-id']")
      const tipo = fila.querySelector("select[name$='-tipo']")
      const titulo = fila.querySelector("input[name$='-titulo_es']")
      const orden = fila.querySelector("input[name$='-orden']")
      const nombre = (titulo && titulo.value.trim()) || (tipo && tipo.value ? tipo.selectedOptions[0].text : "")
      if (!nombre && !(id && id.value)) continue
      opciones.push({
        valor: id && id.value ? id.value : `nueva:${fila.id}`,
        texto: `${orden && orden.value ? orden.value + ". " : ""}${nombre || t("(sin título)", "(untitled)")}`,
      })
    }
    return opciones
  }

  function rellenarSesiones(select, opciones) {
    const actual = select.value
    select.replaceChildren(new Option("---------", ""))
    for (const o of opciones) select.append(new Option(o.texto, o.valor, false, o.valor === actual))
    if (actual && !opciones.some((o) => o.valor === actual)) select.value = ""
  }

  function actualizarSesiones() {
    const opciones = sesionesDelFormulario()
    if (!opciones) return
    for (const select of document.querySelectorAll("select.sesion-del-evento")) {
      if (!esPlantilla(select)) rellenarSesiones(select, opciones)
    }
  }

  async function sesionesDelEventoElegido() {
    const url = datos() && datos().dataset.sesionesUrl
    const evento = document.getElementById("id_evento")
    const grupo = document.getElementById("citas-group")
    if (!url || !evento || !grupo) return
    let opciones = []
    if (evento.value) {
      const respuesta = await fetch(`${url}?evento=${encodeURIComponent(evento.value)}`, {
        credentials: "same-origin",
      })
      if (!respuesta.ok) return
      opciones = (await respuesta.json()).sesiones.map((s) => ({ valor: String(s.id), texto: s.texto }))
    }
    for (const select of grupo.querySelectorAll("select[name$='-sesion']")) rellenarSesiones(select, opciones)
    grupo.dataset.sesiones = JSON.stringify(opciones)
  }

  // ---- the post held then ------------------------------------------------------------------

  function fechaDelEvento() {
    const fecha = document.getElementById("id_inicio_0")
    return fecha ? fecha.value.trim() : ""
  }

  async function rellenarCargo(selectPersona) {
    const url = datos() && datos().dataset.cargoUrl
    const fila = selectPersona.closest("tr, .inline-related")
    const cargo = fila && fila.querySelector("select[name$='-cargo']")
    if (!url || !cargo || !selectPersona.value) return
    // A post the person chose by hand is kept; one filled in here follows the person.
    if (cargo.value && cargo.dataset.automatico !== cargo.value) return
    const parametros = new URLSearchParams({ persona: selectPersona.value })
    const fecha = fechaDelEvento()
    if (fecha) parametros.set("fecha", fecha)
    const evento = document.getElementById("id_evento")
    if (evento && evento.value) parametros.set("evento", evento.value)
    const respuesta = await fetch(`${url}?${parametros}`, { credentials: "same-origin" })
    if (!respuesta.ok) return
    const { cargo: elegido } = await respuesta.json()
    if (!elegido) return
    let opcion = Array.from(cargo.options).find((o) => o.value === String(elegido.id))
    if (!opcion) {
      opcion = new Option(elegido.texto, elegido.id, true, true)
      cargo.append(opcion)
    }
    cargo.value = String(elegido.id)
    cargo.dataset.automatico = String(elegido.id)
    lanzarCambio(cargo)
  }

  // ---- suggestions from the release's text ---------------------------------------------------

  const GRUPOS = [
    ["temas", t("Temas", "Topics")],
    ["organizaciones", t("Organizaciones", "Organisations")],
    ["personas", t("Personas", "People")],
  ]
  let ultimas = null

  function yaElegido(campo, id) {
    const select = document.getElementById(`id_${campo}`)
    return !select || Array.from(select.selectedOptions).some((o) => o.value === String(id))
  }

  function elegir(campo, item) {
    const select = document.getElementById(`id_${campo}`)
    if (!select || yaElegido(campo, item.id)) return
    let opcion = Array.from(select.options).find((o) => o.value === String(item.id))
    if (!opcion) {
      opcion = new Option(item.texto, item.id, false, false)
      select.append(opcion)
    }
    opcion.selected = true
    lanzarCambio(select)
  }

  function pintarSugerencias() {
    const caja = document.getElementById("sugerencias-texto")
    if (!caja || !ultimas) return
    const lista = caja.querySelector(".sugerencias__lista")
    lista.replaceChildren()
    const pendientes = []
    for (const [campo, titulo] of GRUPOS) {
      const items = (ultimas[campo] || []).filter((i) => !yaElegido(campo, i.id))
      if (!items.length) continue
      const grupo = document.createElement("li")
      grupo.textContent = `${titulo}: `
      for (const item of items) {
        pendientes.push([campo, item])
        const boton = document.createElement("button")
        boton.type = "button"
        boton.className = "button sugerencias__una"
        boton.textContent = `+ ${item.texto}`
        boton.title = item.motivo
        boton.addEventListener("click", () => {
          elegir(campo, item)
          pintarSugerencias()
        })
        grupo.append(boton, " ")
      }
      lista.append(grupo)
    }
    const todas = caja.querySelector(".sugerencias__todas")
    todas.hidden = pendientes.length === 0
    todas.textContent = t(`Vincular todas (${pendientes.length})`, `Link all (${pendientes.length})`)
    caja.querySelector(".sugerencias__estado").textContent = pendientes.length
      ? t(
          `El texto menciona ${pendientes.length} elementos del directorio aún sin vincular.`,
          `The text mentions ${pendientes.length} directory entries not linked yet.`,
        )
      : t("Nada nuevo que vincular desde el texto.", "Nothing new to link from the text.")
    todas.onclick = () => {
      for (const [campo, item] of pendientes) elegir(campo, item)
      pintarSugerencias()
    }
  }

  async function pedirSugerencias() {
    const url = datos() && datos().dataset.sugerenciasUrl
    const form = formulario()
    if (!url || !form) return
    const valor = (nombre) => (form.elements.namedItem(nombre) || {}).value || ""
    const cuerpo = new FormData()
    cuerpo.set(
      "texto",
      ["titulo_es", "bajada_es", "resumen_es", "cuerpo_es"].map(valor).join("\n"),
    )
    cuerpo.set("evento", valor("evento"))
    cuerpo.set("csrfmiddlewaretoken", valor("csrfmiddlewaretoken"))
    const respuesta = await fetch(url, { method: "POST", body: cuerpo, credentials: "same-origin" })
    if (!respuesta.ok) return
    ultimas = await respuesta.json()
    pintarSugerencias()
  }

  function montarSugerencias() {
    if (!datos() || !datos().dataset.sugerenciasUrl) return
    const fila = document.querySelector(".form-row.field-temas")
    if (!fila) return
    const caja = document.createElement("div")
    caja.id = "sugerencias-texto"
    caja.className = "sugerencias"
    caja.innerHTML =
      '<p class="sugerencias__estado" aria-live="polite"></p><ul class="sugerencias__lista"></ul>' +
      '<button type="button" class="button sugerencias__todas" hidden></button> ' +
      '<button type="button" class="button sugerencias__buscar"></button>'
    caja.querySelector(".sugerencias__buscar").textContent = t("Buscar en el texto", "Search the text")
    fila.before(caja)
    caja.querySelector(".sugerencias__buscar").addEventListener("click", pedirSugerencias)
    let espera = null
    const pronto = () => {
      clearTimeout(espera)
      espera = setTimeout(pedirSugerencias, 600)
    }
    const cuerpo = document.getElementById("id_cuerpo_es")
    if (cuerpo) cuerpo.addEventListener("input", pronto)
    const $ = jq()
    if ($) $("#id_evento").on("change", pronto)
    pedirSugerencias()
  }

  // ---- Django's autocompletes (select2) get the names assistive technology needs ----------

  function nombreDeCampo(select) {
    const etiqueta = document.querySelector(`label[for="${select.id}"]`)
    if (etiqueta) return etiqueta.textContent.trim().replace(/:$/, "")
    // A table row: the column's heading names it.
    const celda = select.closest("td")
    const tabla = select.closest("table")
    if (celda && tabla) {
      const campo = Array.from(celda.classList).find((c) => c.startsWith("field-"))
      const cabecera = campo && tabla.querySelector(`thead th.column-${campo.slice(6)}`)
      if (cabecera) return cabecera.textContent.trim()
    }
    return select.name.replace(/^.*-/, "")
  }

  function etiquetarAutocompletados() {
    for (const select of document.querySelectorAll("select.admin-autocomplete")) {
      const contenedor = select.nextElementSibling
      if (esPlantilla(select) || !contenedor || !contenedor.classList.contains("select2")) continue
      const nombre = nombreDeCampo(select)
      const seleccion = contenedor.querySelector(".select2-selection")
      if (seleccion) seleccion.setAttribute("aria-label", nombre)
      const mostrado = contenedor.querySelector(".select2-selection__rendered")
      if (mostrado && mostrado.tagName === "UL") mostrado.setAttribute("role", "list")
      else if (mostrado) mostrado.setAttribute("aria-label", nombre)
      for (const buscar of contenedor.querySelectorAll(".select2-search__field"))
        buscar.setAttribute("aria-label", nombre)
    }
  }

  // Table rows of an inline have no <label>s: each control takes its column's heading.
  function etiquetarTablas() {
    for (const fila of document.querySelectorAll(".tabular tbody tr.form-row")) {
      const cabeceras = fila.closest("table").querySelectorAll("thead tr:first-child th")
      Array.from(fila.children).forEach((celda, i) => {
        const cabecera = cabeceras[i]
        if (!cabecera) return
        const nombre = cabecera.textContent.trim()
        if (!nombre) return
        for (const control of celda.querySelectorAll("input:not([type=hidden]), select, textarea")) {
          if (!control.labels || control.labels.length === 0) {
            if (!control.hasAttribute("aria-label")) control.setAttribute("aria-label", nombre)
          }
        }
      })
    }
    // Django's filter box icons carry a name on a plain <span>: give it a role that may.
    for (const icono of document.querySelectorAll(".help-tooltip[aria-label], .search-label-icon[aria-label]"))
      if (!icono.getAttribute("role")) icono.setAttribute("role", "img")
  }

  // ---- wiring ---------------------------------------------------------------------------------

  function iniciar() {
    if (!formulario()) return
    montarSelectorIdioma()
    montarSugerencias()
    montarFechas()
    actualizarSesiones()
    setTimeout(etiquetarAutocompletados, 0)
    setTimeout(etiquetarTablas, 0)
    const jqEtiquetar = jq()
    if (jqEtiquetar) jqEtiquetar(document).on("select2:select select2:unselect change", () => setTimeout(etiquetarAutocompletados, 0))
    const sesiones = document.getElementById("sesiones-group")
    if (sesiones) {
      sesiones.addEventListener("input", actualizarSesiones)
      sesiones.addEventListener("change", actualizarSesiones)
    }
    document.addEventListener("formset:added", (evento) => {
      const fila = evento.target
      numerar(fila)
      setTimeout(() => {
        etiquetarAutocompletados()
        etiquetarTablas()
        enfocar(fila)
      }, 0)
      aplicarIdioma()
      actualizarSesiones()
      const citas = document.getElementById("citas-group")
      if (citas && citas.dataset.sesiones && citas.contains(fila)) {
        for (const select of fila.querySelectorAll("select[name$='-sesion']"))
          rellenarSesiones(select, JSON.parse(citas.dataset.sesiones))
      }
    })
    document.addEventListener("formset:removed", () => {
      aplicarIdioma()
      actualizarSesiones()
    })
    const alElegirPersona = (evento) => {
      const select = evento.target
      if (select.matches && select.matches("select[name$='-persona']")) rellenarCargo(select)
    }
    const $ = jq()
    if ($) {
      $(document).on("change", "select", alElegirPersona)
      $("#id_evento").on("change", sesionesDelEventoElegido)
    } else {
      document.addEventListener("change", alElegirPersona)
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", iniciar)
  else iniciar()
})()
