"""What each synthetic item says: pure functions of (seed, index), no database.

Each item draws from its own random.Random seeded with (semilla, kind, index), so item
n is the same whatever the counts asked for: asking for more adds rows and changes none.
Which items are drafts, scheduled or untranslated is the plan in datos/sintetico.toml.
"""

import random
from datetime import timedelta
from decimal import Decimal
from typing import TypedDict

from django.utils import timezone
from django.utils.html import escape

from cancilleria.base.models import Estado
from comunicados.models import Cifra, Comunicado
from eventos.models import Colaboracion, Participacion, Sesion

from .fichas import fichas_directorio, leer
from .semilla import CONSULADOS as CONSULADOS_SEMILLA
from .semilla import TEMAS as TEMAS_SEMILLA

DATOS = leer("sintetico")
PREFIJO, AVISO_ES, AVISO_EN = DATOS["prefijo"], DATOS["aviso_es"], DATOS["aviso_en"]
DIRECTORIO = fichas_directorio(DATOS)
PLAN_COMUNICADOS, PLAN_EVENTOS = DATOS["plan"]["comunicados"], DATOS["plan"]["eventos"]
TEMAS = [t.slug for t in (*TEMAS_SEMILLA, *DIRECTORIO.temas)]
CONSULADOS = {c.slug: c for c in (*CONSULADOS_SEMILLA, *DIRECTORIO.consulados)}
# A Peruvian consulate abroad cannot be the one in Peru.
CONSULADOS_EN_TITULOS = [c for c in CONSULADOS.values() if c.slug != "peru"]
SOCIOS = sorted(DATOS["socios"])
LUGARES = [lugar for lugar in DATOS["lugares"] for _vez in range(lugar.get("veces", 1))]
NOMBRES_EVENTO = {n["tipo"]: n for n in DATOS["nombres_evento"]}
DIALOGO = {"es": "Diálogo sobre {tema}", "en": "Dialogue on {tema}"}


class DescripcionEvento(TypedDict):
    slug: str
    campos: dict  # the Evento's own fields
    organizador: str
    temas: list[str]
    consulados: list[str]
    colaboraciones: list[dict]
    sesiones: list[dict]
    participaciones: list[dict]


class DescripcionComunicado(TypedDict):
    slug: str
    campos: dict  # the Comunicado's own fields
    evento: str | None
    temas: list[str]
    organizaciones: list[str]
    personas: list[str]
    cifras: list[dict]
    citas: list[dict]


def slug_evento(semilla, n):
    return f"demo-evento-{semilla}-{n:05d}"


def slug_comunicado(semilla, n):
    return f"demo-comunicado-{semilla}-{n:05d}"


def en_el_plan(lista, n):
    """Return item n's entry (n from 1) of a cycle the data file spells out."""
    return lista[(n - 1) % len(lista)]


def _mayuscula(texto):
    return texto[:1].upper() + texto[1:]


def _ancla(ahora):
    # Midnight in Lima: dates stay the same all day, whatever the hour of the run.
    return timezone.localtime(ahora).replace(hour=0, minute=0, second=0, microsecond=0)


def _contexto(rng):
    """Draw a topic, a partner and a consulate, with their es/en phrases."""
    tema = rng.choice(TEMAS)
    socio = rng.choice(SOCIOS)
    consulado = rng.choice(CONSULADOS_EN_TITULOS)
    contexto = {}
    for idioma in ("es", "en"):
        frase_socio = DATOS["socios"][socio][idioma]
        contexto[idioma] = {
            "tema": DATOS["frases_temas"][tema][idioma],
            "socio": frase_socio,
            "Socio": _mayuscula(frase_socio),
            "consulado": getattr(consulado, f"nombre_{idioma}"),
        }
    return tema, socio, consulado, contexto


def _texto(par, contexto):
    return tuple(_mayuscula(par[idioma].format(**contexto[idioma])) for idioma in ("es", "en"))


def _elegir_con_pesos(rng, pesos):
    return rng.choices(list(pesos), weights=list(pesos.values()))[0]


def evento_demo(semilla, n, ahora) -> DescripcionEvento:
    """Return the description of synthetic event n: the same for the same seed and n."""
    rng = random.Random(f"{semilla}:evento:{n}")
    ancla = _ancla(ahora)
    tema, socio, _consulado, contexto = _contexto(rng)
    tipo = _elegir_con_pesos(rng, PLAN_EVENTOS["tipos"])
    nombre_es, nombre_en = _texto(NOMBRES_EVENTO[tipo], contexto)
    if en_el_plan(PLAN_EVENTOS["cuando"], n) == "proximo":
        dias = rng.randint(1, 180)
    else:
        dias = -rng.randint(1, 720)
    inicio = ancla + timedelta(days=dias, hours=rng.choice([9, 10, 11, 15, 16]))
    fin = inicio + timedelta(hours=rng.choice([2, 3, 4, 8]))
    if tipo in ("seminario", "foro") and rng.random() < 0.3:
        fin += timedelta(days=1)
    modalidad = _elegir_con_pesos(rng, PLAN_EVENTOS["modalidades"])
    lugar = rng.choice(LUGARES)
    publico = rng.choice(DATOS["publicos"])
    # Announced before the run's day, so upcoming events are already public.
    anuncio = inicio - timedelta(days=rng.randint(3, 30))
    fecha = min(anuncio, ancla - timedelta(days=rng.randint(1, 10)))
    estado = en_el_plan(PLAN_EVENTOS["estados"], n)
    if estado in (Estado.BORRADOR, Estado.EN_REVISION):
        fecha = None
    asistentes = rng.randint(15, 400) if rng.random() < 0.7 else None
    sin_ingles = en_el_plan(PLAN_EVENTOS["traducciones"], n) == "ninguna"
    descripcion_es = f"{AVISO_ES} {_texto(rng.choice(DATOS['rellenos']), contexto)[0]}"
    descripcion_en = f"{AVISO_EN} {_texto(rng.choice(DATOS['rellenos']), contexto)[1]}"
    otros_temas = [t for t in TEMAS if t != tema]
    n_sesiones = rng.randint(0, 3)
    sesiones = []
    for orden in range(1, n_sesiones + 1):
        if orden == 1:
            tipo_sesion, titulo = Sesion.Tipo.INAUGURACION, ("Inauguración", "Opening")
        elif orden == n_sesiones:
            tipo_sesion, titulo = Sesion.Tipo.CLAUSURA, ("Clausura", "Closing")
        else:
            tipo_sesion = rng.choice([Sesion.Tipo.PANEL, Sesion.Tipo.MESA_DE_TRABAJO])
            titulo = _texto(DIALOGO, contexto)
        sesiones.append(
            {
                "orden": orden,
                "tipo": tipo_sesion,
                "titulo_es": titulo[0],
                "titulo_en": None if sin_ingles else titulo[1],
                "modalidad": modalidad,
                "inicio": inicio + timedelta(minutes=45 * (orden - 1)),
            }
        )
    personas = rng.sample([p.slug for p in DIRECTORIO.personas], k=rng.randint(0, 3))
    participaciones = [
        {
            "persona": slug,
            "rol": rng.choice(list(Participacion.Rol)),
            "sesion": rng.choice([None, *range(1, n_sesiones + 1)]),
            "orden": orden,
        }
        for orden, slug in enumerate(personas, start=1)
    ]
    return {
        "slug": slug_evento(semilla, n),
        "campos": {
            "nombre_es": PREFIJO + nombre_es,
            "nombre_en": None if sin_ingles else PREFIJO + nombre_en,
            "tipo": tipo,
            "internacional": rng.random() < 0.4,
            "modalidad": modalidad,
            "inicio": inicio,
            "fin": fin,
            "lugar_es": lugar["es"],
            "lugar_en": None if sin_ingles else lugar["en"],
            "descripcion_es": descripcion_es,
            "descripcion_en": None if sin_ingles else descripcion_en,
            "publico_es": publico["es"],
            "publico_en": None if sin_ingles else publico["en"],
            "asistentes": asistentes,
            "asistentes_mas_de": asistentes is not None and rng.random() < 0.3,
            "estado": estado,
            "fecha_publicacion": fecha,
        },
        "organizador": rng.choice(DATOS["organizadores"]),
        "temas": [tema, *rng.sample(otros_temas, k=rng.randint(0, 2))],
        "consulados": rng.sample(sorted(CONSULADOS), k=rng.randint(0, 12)),
        "colaboraciones": [
            {"organizacion": slug, "rol": rng.choice(list(Colaboracion.Rol)), "orden": orden}
            for orden, slug in enumerate(
                rng.sample([s for s in SOCIOS if s != socio], k=rng.randint(0, 2)), start=1
            )
        ],
        "sesiones": sesiones,
        "participaciones": participaciones,
    }


def _parrafos(rng, contexto, personas):
    parrafos = [(f"<em>{AVISO_ES}</em>", f"<em>{AVISO_EN}</em>")]
    parrafos.append(tuple(escape(t) for t in _texto(rng.choice(DATOS["aperturas"]), contexto)))
    for relleno in rng.sample(DATOS["rellenos"], k=rng.randint(1, 3)):
        parrafos.append((escape(relleno["es"]), escape(relleno["en"])))
    for persona in personas:
        parrafos.append(
            (
                escape(f"Participó {persona.nombre}, {persona.cargo_es}."),
                escape(f"{persona.nombre}, {persona.cargo_en}, took part."),
            )
        )
    return parrafos


def _cifras(rng, socio, anio):
    return [
        {
            "orden": orden,
            "calificador": rng.choice(list(Cifra.Calificador)),
            "valor": Decimal(rng.randint(cifra["minimo"], cifra["maximo"])),
            "unidad_es": cifra["unidad_es"],
            "unidad_en": cifra["unidad_en"],
            "descripcion_es": cifra["descripcion_es"],
            "descripcion_en": cifra["descripcion_en"],
            "periodo_es": str(anio),
            "periodo_en": str(anio),
            "fuente": rng.choice([None, "inei", socio]),
        }
        for orden, cifra in enumerate(
            rng.sample(DATOS["cifras"], k=rng.choice([0, 0, 1, 2])), start=1
        )
    ]


def comunicado_demo(semilla, n, ahora, n_eventos=0) -> DescripcionComunicado:
    """Return the description of synthetic release n: the same for the same seed and n."""
    rng = random.Random(f"{semilla}:comunicado:{n}")
    ancla = _ancla(ahora)
    tema, socio, consulado, contexto = _contexto(rng)
    plantilla = rng.choice(DATOS["titulos"])
    titulo_es, titulo_en = _texto(plantilla, contexto)
    bajada_es, bajada_en = _texto(rng.choice(DATOS["bajadas"]), contexto)
    en_el_exterior = "{consulado}" in plantilla["es"]
    tipo = _elegir_con_pesos(rng, PLAN_COMUNICADOS["tipos"])

    fecha = ancla - timedelta(days=rng.randint(1, 720), minutes=rng.randint(8 * 60, 19 * 60))
    programada = ancla + timedelta(days=rng.randint(1, 30), hours=rng.choice([9, 12, 17]))
    estado = en_el_plan(PLAN_COMUNICADOS["estados"], n)
    if estado == "programado":
        estado, fecha = Estado.PUBLICADO, programada
    elif estado in (Estado.BORRADOR, Estado.EN_REVISION):
        fecha = None

    personas = rng.sample(DIRECTORIO.personas, k=rng.randint(0, 2))
    parrafos = _parrafos(rng, contexto, personas)
    cifras = _cifras(rng, socio, ancla.year - 1)
    citas = []
    if personas and rng.random() < 0.5:
        texto_es, texto_en = _texto(rng.choice(DATOS["citas"]), contexto)
        citas.append(
            {"orden": 1, "persona": personas[0].slug, "texto_es": texto_es, "texto_en": texto_en}
        )

    traduccion = en_el_plan(PLAN_COMUNICADOS["traducciones"], n)
    traducido = traduccion == "completa"
    evento = None
    if n_eventos and rng.random() < 0.4:
        evento = slug_evento(semilla, rng.randint(1, n_eventos))
    return {
        "slug": slug_comunicado(semilla, n),
        "campos": {
            "tipo": tipo,
            "ambito": Comunicado.Ambito.EXTERIOR if en_el_exterior else Comunicado.Ambito.LOCAL,
            "lugar": consulado.ciudad if en_el_exterior else "Lima",
            "titulo_es": PREFIJO + titulo_es,
            "titulo_en": PREFIJO + titulo_en if traduccion != "ninguna" else None,
            "bajada_es": bajada_es,
            "bajada_en": bajada_en if traducido else None,
            "resumen_es": f"{AVISO_ES} {parrafos[1][0]}",
            "resumen_en": f"{AVISO_EN} {parrafos[1][1]}" if traducido else None,
            "cuerpo_es": "\n".join(f"<p>{p[0]}</p>" for p in parrafos),
            "cuerpo_en": "\n".join(f"<p>{p[1]}</p>" for p in parrafos) if traducido else None,
            "estado": estado,
            "fecha_publicacion": fecha,
            # bulk_create skips save(), which derives the series year.
            "anio": timezone.localtime(fecha).year if fecha else None,
        },
        "evento": evento,
        "temas": [tema, *rng.sample([t for t in TEMAS if t != tema], k=rng.randint(0, 2))],
        "organizaciones": sorted({socio, *(p.organizacion for p in personas)}),
        "personas": [p.slug for p in personas],
        "cifras": cifras,
        "citas": citas,
    }
