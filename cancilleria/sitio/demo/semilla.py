"""The real seed release (seeds/000_d4a6b1857d5bc38e.txt): its data is datos/semilla.toml."""

from decimal import Decimal

from cancilleria.base.html import sanear_html
from comunicados.models import Cifra, Cita, Comunicado
from eventos.models import Colaboracion, Evento, Participacion, ParticipacionConsular, Sesion

from .directorio import escribir_directorio
from .fichas import consulados_de_la_semilla, fichas_directorio, leer
from .registro import guardar, sincronizar, sincronizar_m2m
from .socios import cargar_socios

DATOS = leer("semilla")
_EVENTO, _COMUNICADO = DATOS["evento"], DATOS["comunicado"]

SLUG_EVENTO = _EVENTO["slug"]
SLUG_COMUNICADO = _COMUNICADO["slug"]
TEMAS_DEL_COMUNICADO = _COMUNICADO["temas"]
APOYO_TECNICO = _EVENTO["apoyo_tecnico"]
LISTA_CONSULADOS_ES = _COMUNICADO["lista_consulados_es"]
LISTA_CONSULADOS_EN = _COMUNICADO["lista_consulados_en"]

DIRECTORIO = fichas_directorio(DATOS, consulados=consulados_de_la_semilla())
TEMAS = DIRECTORIO.temas
CONSULADOS = DIRECTORIO.consulados
PERSONAS = DIRECTORIO.personas


def _html(idioma):
    textos = {
        "cita": _COMUNICADO["citas"][0].get(f"texto_{idioma}", ""),
        "lista_consulados": _COMUNICADO.get(f"lista_consulados_{idioma}", ""),
    }
    parrafos = [p.format(**textos) for p in _COMUNICADO[f"parrafos_{idioma}"]]
    # Stored as the model's save() would store it, so a second run finds nothing to change.
    return sanear_html("\n".join(f"<p>{p}</p>" for p in parrafos))


COMUNICADO = {
    **_COMUNICADO["campos"],
    "cuerpo_es": _html("es"),
    "cuerpo_en": _html("en"),
    # Demo text, marked as such (datos/semilla.toml): no official Quechua exists.
    "cuerpo_qu": _html("qu"),
}


def _escribir_evento(directorio, resumen):
    evento = guardar(
        Evento,
        resumen,
        {"slug": SLUG_EVENTO},
        {
            **_EVENTO["campos"],
            "organizador": directorio.organizaciones[_EVENTO["organizador"]],
        },
    )
    sincronizar_m2m(evento, "temas", [directorio.temas[s] for s in _EVENTO["temas"]], resumen)
    sincronizar(
        Colaboracion,
        resumen,
        {"evento": evento},
        [
            {
                "organizacion": directorio.organizaciones[slug],
                "rol": Colaboracion.Rol.APOYO_TECNICO,
                "orden": n,
            }
            for n, slug in enumerate(APOYO_TECNICO, start=1)
        ],
        clave=("organizacion", "rol"),
    )
    # Every office of the shipped consular file took part.
    sincronizar(
        ParticipacionConsular,
        resumen,
        {"evento": evento},
        [{"consulado": directorio.consulados[c.slug]} for c in CONSULADOS],
        clave=("consulado",),
    )
    sincronizar(Sesion, resumen, {"evento": evento}, _EVENTO["sesiones"], clave=("orden",))
    sesiones = {s.orden: s for s in evento.sesiones.all()}
    sincronizar(
        Participacion,
        resumen,
        {"evento": evento},
        [
            {
                "persona": directorio.personas[p["persona"]],
                "rol": p["rol"],
                "sesion": sesiones[p["sesion"]] if "sesion" in p else None,
                "cargo": directorio.cargos[p["persona"]],
                "orden": p["orden"],
            }
            for p in _EVENTO["participaciones"]
        ],
        clave=("persona", "rol", "sesion"),
    )
    return evento, sesiones


def _escribir_comunicado(directorio, evento, sesiones, resumen):
    comunicado = guardar(
        Comunicado, resumen, {"slug": SLUG_COMUNICADO}, {**COMUNICADO, "evento": evento}
    )
    for relacion, objetos in (
        ("temas", directorio.temas),
        ("organizaciones", directorio.organizaciones),
        ("personas", directorio.personas),
    ):
        elegidos = [objetos[slug] for slug in _COMUNICADO[relacion]]
        sincronizar_m2m(comunicado, relacion, elegidos, resumen)
    sincronizar(
        Cifra,
        resumen,
        {"comunicado": comunicado},
        [
            {
                **cifra,
                "valor": Decimal(cifra["valor"]),
                "fuente": directorio.organizaciones[cifra["fuente"]] if "fuente" in cifra else None,
            }
            for cifra in _COMUNICADO["cifras"]
        ],
        clave=("orden",),
    )
    sincronizar(
        Cita,
        resumen,
        {"comunicado": comunicado},
        [
            {
                **cita,
                "persona": directorio.personas[cita["persona"]],
                "cargo": directorio.cargos[cita["persona"]],
                "sesion": sesiones[cita["sesion"]] if "sesion" in cita else None,
            }
            for cita in _COMUNICADO["citas"]
        ],
        clave=("orden",),
    )
    return comunicado


def cargar_semilla(resumen):
    """Write the seed release and everything it refers to; return the directory written."""
    directorio = escribir_directorio(DIRECTORIO, resumen)
    evento, sesiones = _escribir_evento(directorio, resumen)
    comunicado = _escribir_comunicado(directorio, evento, sesiones, resumen)
    # Issue 14's demo content (helpline, coverage, outcomes): marked as demo in its file.
    cargar_socios(directorio, evento, sesiones, comunicado, resumen)
    return directorio
