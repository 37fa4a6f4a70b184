"""Official numbers: one series per release type and year ("Nota de prensa N.° 012-2026").

A duplicate number used to reach the database's unique constraint and show a 500; these
checks turn it into an error on the number that names the other release and proposes the
next free one, and tell editors which numbers of a series were skipped.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _


def anio_de(fecha):
    """Return the series year of a publication date (Lima time), or None."""
    return timezone.localtime(fecha).year if fecha else None


def _serie(modelo, tipo, anio):
    return modelo._default_manager.filter(tipo=tipo, anio=anio, numero__isnull=False)


def siguiente_libre(modelo, tipo, anio, *, excepto=None):
    """Return the number after the highest used in the series (1 for a new series)."""
    serie = _serie(modelo, tipo, anio)
    if excepto is not None and excepto.pk:
        serie = serie.exclude(pk=excepto.pk)
    return (serie.aggregate(mayor=Max("numero"))["mayor"] or 0) + 1


def validar_numero(comunicado, anio):
    """Raise ValidationError on `numero` if another release of the series has it in `anio`."""
    if comunicado.numero is None or anio is None:
        return
    otro = (
        _serie(type(comunicado), comunicado.tipo, anio)
        .filter(numero=comunicado.numero)
        .exclude(pk=comunicado.pk)
        .only("pk", "titulo", "numero", "anio", "tipo")
        .first()
    )
    if otro is None:
        return
    raise ValidationError(
        {
            "numero": ValidationError(
                _(
                    "El número %(numero)s de %(tipo)s en %(anio)s ya lo tiene «%(otro)s» "
                    "(%(oficial)s). El siguiente libre de esa serie es el %(libre)s."
                ),
                code="numero_repetido",
                params={
                    "numero": comunicado.numero,
                    "tipo": comunicado.get_tipo_display(),
                    "anio": anio,
                    "otro": otro.titulo,
                    "oficial": otro.numero_oficial,
                    "libre": siguiente_libre(
                        type(comunicado), comunicado.tipo, anio, excepto=comunicado
                    ),
                },
            )
        }
    )


def estado_de_series(modelo, anio):
    """Return [(type label, highest number, skipped numbers)] of the year's series.

    One query: the year's numbers, whatever the state (a draft keeps its number taken).
    """
    usados = {}
    filas = modelo._default_manager.filter(anio=anio, numero__isnull=False)
    for tipo, numero in filas.values_list("tipo", "numero"):
        usados.setdefault(tipo, set()).add(numero)
    etiquetas = dict(modelo._meta.get_field("tipo").flatchoices)
    return [
        (
            str(etiquetas.get(tipo, tipo)),
            max(numeros),
            sorted(set(range(1, max(numeros))) - numeros),
        )
        for tipo, numeros in sorted(usados.items())
    ]


def nota_de_series(modelo, anio):
    """Return one line for editors on the year's series: last number and gaps, or ""."""
    partes = []
    for etiqueta, mayor, huecos in estado_de_series(modelo, anio):
        parte = _("%(tipo)s: último %(mayor)s, siguiente %(siguiente)s") % {
            "tipo": etiqueta,
            "mayor": mayor,
            "siguiente": mayor + 1,
        }
        if huecos:
            parte += " " + _("(sin usar: %(huecos)s)") % {
                "huecos": ", ".join(str(n) for n in huecos[:20]) + ("…" if len(huecos) > 20 else "")
            }
        partes.append(parte)
    if not partes:
        return ""
    return _("Números de %(anio)s — %(series)s.") % {"anio": anio, "series": "; ".join(partes)}
