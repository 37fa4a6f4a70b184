"""Demo content of issue 14 on the seed (datos/socios.toml): helpline, coverage, outcomes."""

from cancilleria.directorio.models import AvisoAyuda, Tema
from comunicados.models import Cobertura as CoberturaComunicado
from eventos.models import Cobertura as CoberturaEvento
from eventos.models import Resultado, Seguimiento

from .fichas import leer
from .registro import guardar, sincronizar

DATOS = leer("socios")


def _cobertura(filas, directorio):
    return [{**f, "organizacion": directorio.organizaciones[f["organizacion"]]} for f in filas]


def cargar_socios(directorio, evento, sesiones, comunicado, resumen):
    """Write the demo's helpline notice, coverage links and working-table outcomes."""
    datos_aviso = {k: v for k, v in DATOS["aviso"].items() if k not in ("clave", "temas")}
    aviso = guardar(AvisoAyuda, resumen, {"nombre_es": datos_aviso.pop("nombre_es")}, datos_aviso)
    for slug in DATOS["aviso"]["temas"]:
        guardar(Tema, resumen, {"slug": slug}, {"sensible": True, "aviso_ayuda": aviso})
    sincronizar(
        CoberturaComunicado,
        resumen,
        {"comunicado": comunicado},
        _cobertura(DATOS["cobertura_comunicado"], directorio),
        clave=("url",),
    )
    sincronizar(
        CoberturaEvento,
        resumen,
        {"evento": evento},
        _cobertura(DATOS["cobertura_evento"], directorio),
        clave=("url",),
    )
    for orden_sesion in {r["sesion"] for r in DATOS["resultados"]}:
        sesion = sesiones[orden_sesion]
        filas = [r for r in DATOS["resultados"] if r["sesion"] == orden_sesion]
        sincronizar(
            Resultado,
            resumen,
            {"sesion": sesion},
            [
                {
                    **{k: v for k, v in r.items() if k not in ("sesion", "seguimientos")},
                    "responsable": directorio.organizaciones[r["responsable"]]
                    if "responsable" in r
                    else None,
                }
                for r in filas
            ],
            clave=("orden",),
        )
        for fila in filas:
            resultado = Resultado.objects.get(sesion=sesion, orden=fila["orden"])
            sincronizar(
                Seguimiento,
                resumen,
                {"resultado": resultado},
                fila.get("seguimientos", []),
                clave=("fecha",),
            )
