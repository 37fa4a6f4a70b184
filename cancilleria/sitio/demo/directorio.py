"""The one directory writer: topics, organisations, consulates, people and their posts."""

from dataclasses import dataclass, field

from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema

from .registro import guardar


@dataclass
class Directorio:
    """The directory entries written so far, by slug (posts by their person's slug)."""

    temas: dict = field(default_factory=dict)
    organizaciones: dict = field(default_factory=dict)
    consulados: dict = field(default_factory=dict)
    personas: dict = field(default_factory=dict)
    cargos: dict = field(default_factory=dict)

    def ids(self):
        """Return the same entries as primary keys, for bulk writes."""
        return {
            nombre: {slug: obj.pk for slug, obj in objetos.items()}
            for nombre, objetos in vars(self).items()
        }


def _valores(ficha, *excluir):
    # None in a record means "leave the stored value alone".
    return {
        k: v
        for k, v in ficha._asdict().items()
        if k != "slug" and k not in excluir and v is not None
    }


def escribir_directorio(fichas, resumen, base=None):
    """Create or update every entry of `fichas`; return them, added to those of `base`.

    Records may refer to entries of `base` (a synthetic person working for a real
    organisation). Rows already as described are left untouched.
    """
    base = base or Directorio()
    directorio = Directorio(**{nombre: dict(objetos) for nombre, objetos in vars(base).items()})
    for tema in fichas.temas:
        directorio.temas[tema.slug] = guardar(Tema, resumen, {"slug": tema.slug}, _valores(tema))
    for org in fichas.organizaciones:
        valores = _valores(org, "padre")
        valores["padre"] = directorio.organizaciones[org.padre] if org.padre else None
        directorio.organizaciones[org.slug] = guardar(
            Organizacion, resumen, {"slug": org.slug}, valores
        )
    for consulado in fichas.consulados:
        directorio.consulados[consulado.slug] = guardar(
            Consulado, resumen, {"slug": consulado.slug}, _valores(consulado)
        )
    for ficha in fichas.personas:
        persona = guardar(
            Persona,
            resumen,
            {"slug": ficha.slug},
            _valores(ficha, "organizacion", "cargo_es", "cargo_en"),
        )
        directorio.personas[ficha.slug] = persona
        # A post is the same post while person, organisation and Spanish title match.
        directorio.cargos[ficha.slug] = guardar(
            Cargo,
            resumen,
            {
                "persona": persona,
                "organizacion": directorio.organizaciones[ficha.organizacion],
                "titulo_es": ficha.cargo_es,
            },
            {"titulo_en": ficha.cargo_en},
        )
    return directorio
