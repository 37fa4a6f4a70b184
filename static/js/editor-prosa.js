// The admin's rich-text editor: django-prose-editor's "configurable" preset, rewritten
// only so that Tiptap does not inject a <style> element (the site's CSP allows stylesheet
// files only). Its base rules live in css/editor-prosa.css instead.
import * as prosa from "django-prose-editor/editor"

const ATRIBUTO = "data-django-prose-editor-cancilleria"
const VACIO = /^<(\w+)(\s[^>]*)?><\/\1>$/i

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
