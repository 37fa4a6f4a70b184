"""Django's widget templates written in Python, for the public filters' hot loops.

The same markup as Django's Jinja2 copies of `attrs.html`, `input.html`, `select.html` and
`select_option.html`, with Jinja2's escaping (markupsafe), which is what the public forms
render with (`RENDERIZADOR_PUBLICO`): a template per option or check box was most of a
list's filter form. Tests compare both outputs byte for byte.
"""

from django.utils.safestring import mark_safe
from markupsafe import escape

SELECT = "django/forms/widgets/select.html"
OPCION = "django/forms/widgets/select_option.html"


def atributos(atributos):
    """attrs.html: ` name="value"` for each attribute, ` name` for True, nothing for False."""
    return "".join(
        f" {escape(nombre)}" if valor is True else f' {escape(nombre)}="{escape(valor)}"'
        for nombre, valor in atributos.items()
        if valor is not False
    )


def entrada(widget):
    """input.html: the <input> of a widget's (or a choice's) context."""
    valor = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return mark_safe(  # noqa: S308 - every value escaped above
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
        f"{valor}{atributos(widget['attrs'])}>"
    )


def es_select_simple(widget):
    """Say whether every option of this select uses Django's own option template."""
    return all(
        opcion["template_name"] == OPCION
        for _grupo, opciones, _indice in widget["optgroups"]
        for opcion in opciones
    )


def select(widget):
    """select.html and select_option.html for a widget's context."""
    partes = [f'<select name="{escape(widget["name"])}"{atributos(widget["attrs"])}>']
    for grupo, opciones, _indice in widget["optgroups"]:
        if grupo:
            partes.append(f'\n  <optgroup label="{escape(grupo)}">')
        for opcion in opciones:
            partes.append(
                f'\n  <option value="{escape(opcion["value"])}"'
                f"{atributos(opcion['attrs'])}>{escape(opcion['label'])}</option>"
            )
        if grupo:
            partes.append("\n  </optgroup>")
    partes.append("\n</select>")
    return mark_safe("".join(partes))  # noqa: S308 - every value escaped above
