from django import template
from django.utils.safestring import mark_safe

from cancilleria.base.secciones import secciones_de as _secciones_de

register = template.Library()


@register.simple_tag(takes_context=True)
def secciones_de(context, objeto):
    """Render the sections other apps registered for the detail page of `objeto`."""
    partes = []
    for seccion in _secciones_de(objeto):
        # Like {% include %}: the page's context plus the section's own.
        plantilla = context.template.engine.get_template(seccion.plantilla)
        with context.push(**seccion.contexto(objeto, context.get("request"))):
            partes.append(plantilla.render(context))
    return mark_safe("".join(partes))
