// The admin's rich-text editor: django-prose-editor's "configurable" preset, rewritten
// only so that Tiptap does not inject a <style> element (the site's CSP allows stylesheet
// files only). Its base rules live in css/editor-prosa.css instead.
import * as prosa from "django-prose-editor/editor"

const ATRIBUTO = "data-django-prose-editor-cancilleria"
const VACIO = /^<(\w+)(\s[^>]*)?><\/\1>$/i

// The package's dialogs call window.gettext; its toolbar titles are plain English.
// Pass them through Django's JavaScript catalog too (locale/*/djangojs.po), so the
// toolbar speaks the admin's language.
const traducir = window.gettext || ((texto) => texto)
const interpolar = window.interpolate || ((formato, valores) => formato.replace("%s", valores[0]))
const NUMERADO = /^(heading) (\d)$/i

function traducirTexto(texto) {
  const limpio = (texto || "").trim()
  const numerado = NUMERADO.exec(limpio)
  if (numerado) return interpolar(traducir(`${numerado[1]} %s`), [numerado[2]])
  return traducir(limpio)
}

function traducirElemento(elemento) {
  for (const atributo of ["title", "aria-label"]) {
    const valor = elemento.getAttribute(atributo)
    const traducido = valor && traducirTexto(valor)
    if (traducido && traducido !== valor) elemento.setAttribute(atributo, traducido)
  }
  // Menu entries show their name as text; icon buttons show a ligature ("format_bold").
  if (
    !elemento.classList.contains("material-icons") &&
    elemento.children.length === 0 &&
    elemento.textContent.trim()
  ) {
    const traducido = traducirTexto(elemento.textContent)
    if (traducido !== elemento.textContent.trim()) elemento.textContent = traducido
  }
}

function traducirMenu(raiz) {
  for (const menu of raiz.querySelectorAll(".prose-menubar")) {
    traducirElemento(menu)
    for (const elemento of menu.querySelectorAll("*")) traducirElemento(elemento)
  }
}

function vigilarMenu(contenedor) {
  traducirMenu(contenedor)
  // Buttons are swapped in as the caret moves (the block type shown): translate those too.
  new MutationObserver((cambios) => {
    for (const cambio of cambios) {
      for (const nodo of cambio.addedNodes) {
        if (nodo.nodeType !== Node.ELEMENT_NODE || !nodo.closest(".prose-menubar")) continue
        traducirElemento(nodo)
        for (const elemento of nodo.querySelectorAll("*")) traducirElemento(elemento)
      }
    }
  }).observe(contenedor, { childList: true, subtree: true })
}

function crearEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(ATRIBUTO) || "{}")
  const extensiones = []
  for (const [nombre, opciones] of Object.entries(config.extensions || {})) {
    const extension = prosa[nombre]
    if (!extension) continue
    extensiones.push(typeof opciones === "object" ? extension.configure(opciones) : extension)
  }
  // The editable area is what assistive technology reads: give it the field's label.
  const etiqueta = document.querySelector(`label[for="${textarea.id}"]`)
  const nombre = (etiqueta ? etiqueta.textContent : textarea.name).trim().replace(/:$/, "")
  const deshabilitado = textarea.hasAttribute("disabled")
  const contenedor = prosa.crel("div", {
    className: `prose-editor ${deshabilitado ? "disabled" : ""}`,
  })
  textarea.before(contenedor)
  contenedor.append(textarea)
  return new prosa.Editor({
    element: contenedor,
    editable: !deshabilitado,
    extensions: extensiones,
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes: { "aria-label": nombre, "aria-multiline": "true" } },
    onCreate() {
      // The menu bar is built by the same "create" event: translate it once it is there.
      window.setTimeout(() => vigilarMenu(contenedor), 0)
    },
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = VACIO.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      contenedor.before(textarea)
      contenedor.remove()
    },
  })
}

prosa.initializeEditors(crearEditor, `[${ATRIBUTO}]`)
