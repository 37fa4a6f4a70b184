"""World regions for grouping consulates, derived from the country (UN M49).

The M49 data comes from django-countries-hdx; we only name the groups the ministry
uses: the Americas split into its M49 sub-regions, the other continents whole.
"""

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AMERICA_DEL_NORTE = "america-del-norte", _("América del Norte")
    AMERICA_CENTRAL = "america-central", _("América Central")
    CARIBE = "caribe", _("El Caribe")
    AMERICA_DEL_SUR = "america-del-sur", _("América del Sur")
    EUROPA = "europa", _("Europa")
    ASIA = "asia", _("Asia")
    AFRICA = "africa", _("África")
    OCEANIA = "oceania", _("Oceanía")


# M49 codes: regions (2, 142, 150, 9) and, for the Americas (19), sub-regions.
_POR_CODIGO_M49 = {
    21: Region.AMERICA_DEL_NORTE,
    13: Region.AMERICA_CENTRAL,
    29: Region.CARIBE,
    5: Region.AMERICA_DEL_SUR,
    150: Region.EUROPA,
    142: Region.ASIA,
    2: Region.AFRICA,
    9: Region.OCEANIA,
}
_AMERICAS = 19


@cache
def region_de_pais(codigo_iso):
    """Return the Region of an ISO 3166-1 alpha-2 country code, or None if unknown."""
    if not codigo_iso:
        return None
    # Imported here: the M49 table is loaded once, only when a region is needed.
    from django_countries.fields import Country
    from django_countries_hdx import country_region, country_subregion

    pais = Country(codigo_iso.upper())
    try:
        codigo = country_region(pais)
        if codigo == _AMERICAS:
            codigo = country_subregion(pais)
    except (KeyError, TypeError, ValueError):
        return None
    return _POR_CODIGO_M49.get(codigo)


def agrupar_por_region(elementos, *, region=lambda c: c.region, valor=lambda c: c):
    """Return [(region label, [valor(e)…])] in the regions' own order, "Otras" last.

    `elementos` keep their order inside each group; `region(e)` gives each one's code.
    """
    grupos = {}
    for elemento in elementos:
        grupos.setdefault(region(elemento), []).append(valor(elemento))
    orden = {codigo: i for i, codigo in enumerate(Region.values)}
    return [
        (Region(codigo).label if codigo else _("Otras"), grupos[codigo])
        for codigo in sorted(grupos, key=lambda codigo: orden.get(codigo, len(orden)))
    ]


def orden_de_region(campo="region"):
    """Return a database expression sorting by the regions' own order, unknown ones last."""
    return models.Case(
        *(
            models.When(**{campo: codigo}, then=models.Value(i))
            for i, codigo in enumerate(Region.values)
        ),
        default=models.Value(len(Region.values)),
        output_field=models.IntegerField(),
    )
