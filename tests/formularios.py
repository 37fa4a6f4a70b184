"""Read an HTML form the way a browser submits it, so tests post what a person would."""

from html.parser import HTMLParser

TIPOS_SIN_VALOR = {"submit", "button", "file", "image", "reset"}


class _LectorFormulario(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.dentro = False
        self.datos = []
        self._select = None
        self._textarea = None
        self._texto = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.dentro = attrs.get("id") == self.form_id
            return
        if not self.dentro:
            return
        nombre = attrs.get("name")
        if tag == "input" and nombre:
            tipo = attrs.get("type", "text").lower()
            if tipo in TIPOS_SIN_VALOR:
                return
            if tipo in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.datos.append((nombre, attrs.get("value", "on")))
                return
            self.datos.append((nombre, attrs.get("value") or ""))
        elif tag == "select" and nombre:
            self._select = nombre
        elif tag == "option" and self._select and "selected" in attrs:
            self.datos.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and nombre:
            self._textarea = nombre
            self._texto = []

    def handle_endtag(self, tag):
        if tag == "form":
            self.dentro = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            texto = "".join(self._texto)
            # Browsers drop the newline that follows <textarea>.
            self.datos.append((self._textarea, texto.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._texto.append(data)


def datos_de_formulario(html, form_id):
    """Return the form's fields as a dict of lists, as the browser would post them."""
    lector = _LectorFormulario(form_id)
    lector.feed(html if isinstance(html, str) else html.decode())
    datos = {}
    for nombre, valor in lector.datos:
        datos.setdefault(nombre, []).append(valor)
    return datos
