"""Write the synthetic demo content in bulk: the plan (plan.py) says what, this says how.

Rows are written with bulk_create, which skips save(): the plan sets what save() would
derive (Comunicado.anio) and builds its HTML escaped; the search text is computed before
the insert (textos_busqueda.py). Slugs already in the database are skipped, so a second
run changes nothing.
"""

from contextlib import nullcontext
from functools import partial
from itertools import batched

from django.utils import timezone
from tqdm import tqdm

from comunicados.models import Cifra, Cita, Comunicado
from eventos.models import Colaboracion, Evento, Participacion, ParticipacionConsular, Sesion

from . import rapido as modo_rapido
from .directorio import escribir_directorio
from .plan import DIRECTORIO, comunicado_demo, evento_demo
from .textos_busqueda import TextosBusqueda

LOTE = 2000


def _nuevos(modelo, descripciones, resumen):
    # Skip what a previous run already wrote: never touch, never duplicate.
    existentes = set(
        modelo.objects.filter(slug__in=[d["slug"] for d in descripciones]).values_list(
            "slug", flat=True
        )
    )
    resumen.sumar(modelo, "omitidos", len(existentes))
    return [d for d in descripciones if d["slug"] not in existentes]


def _crear(modelo, objetos, resumen, etiqueta=None, *, rapido=False):
    if rapido:
        creados = modo_rapido.copiar(modelo, objetos)
    else:
        creados = modelo.objects.bulk_create(objetos, batch_size=LOTE)
    resumen.sumar(etiqueta or modelo, "creados", len(creados))
    return creados


def _escribir_eventos(descripciones, ids, resumen, textos, crear):
    descripciones = _nuevos(Evento, descripciones, resumen)
    eventos = crear(
        Evento,
        [
            textos.rellenar(
                Evento(
                    slug=d["slug"],
                    organizador_id=ids["organizaciones"][d["organizador"]],
                    **d["campos"],
                ),
                {
                    "temas": [ids["temas"][t] for t in d["temas"]],
                    "colaboraciones__organizacion": [
                        ids["organizaciones"][c["organizacion"]] for c in d["colaboraciones"]
                    ],
                    "participaciones__persona": [
                        ids["personas"][p["persona"]] for p in d["participaciones"]
                    ],
                },
            )
            for d in descripciones
        ],
        resumen,
    )
    temas, consulares, colaboraciones, sesiones, por_sesion = [], [], [], [], []
    for evento, d in zip(eventos, descripciones, strict=True):
        temas += [
            Evento.temas.through(evento_id=evento.pk, tema_id=ids["temas"][t]) for t in d["temas"]
        ]
        consulares += [
            ParticipacionConsular(evento_id=evento.pk, consulado_id=ids["consulados"][c])
            for c in d["consulados"]
        ]
        colaboraciones += [
            Colaboracion(
                evento_id=evento.pk,
                organizacion_id=ids["organizaciones"][c["organizacion"]],
                rol=c["rol"],
                orden=c["orden"],
            )
            for c in d["colaboraciones"]
        ]
        for s in d["sesiones"]:
            sesiones.append(Sesion(evento_id=evento.pk, **s))
            por_sesion.append((evento.pk, s["orden"]))
    crear(Evento.temas.through, temas, resumen, "eventos → temas")
    crear(ParticipacionConsular, consulares, resumen)
    crear(Colaboracion, colaboraciones, resumen)
    sesion_id = {
        clave: s.pk for clave, s in zip(por_sesion, crear(Sesion, sesiones, resumen), strict=True)
    }
    crear(
        Participacion,
        [
            Participacion(
                evento_id=evento.pk,
                persona_id=ids["personas"][p["persona"]],
                cargo_id=ids["cargos"][p["persona"]],
                rol=p["rol"],
                sesion_id=sesion_id[(evento.pk, p["sesion"])] if p["sesion"] else None,
                orden=p["orden"],
            )
            for evento, d in zip(eventos, descripciones, strict=True)
            for p in d["participaciones"]
        ],
        resumen,
    )
    textos.reconstruir(Evento.objects.filter(pk__in=[e.pk for e in eventos]))


def _escribir_comunicados(descripciones, ids, eventos, resumen, textos, crear):
    descripciones = _nuevos(Comunicado, descripciones, resumen)
    comunicados = crear(
        Comunicado,
        [
            textos.rellenar(
                Comunicado(slug=d["slug"], evento_id=eventos.get(d["evento"]), **d["campos"]),
                {
                    "temas": [ids["temas"][t] for t in d["temas"]],
                    "organizaciones": [ids["organizaciones"][o] for o in d["organizaciones"]],
                    "personas": [ids["personas"][p] for p in d["personas"]],
                },
            )
            for d in descripciones
        ],
        resumen,
    )
    temas, organizaciones, personas, cifras, citas = [], [], [], [], []
    for comunicado, d in zip(comunicados, descripciones, strict=True):
        pk = comunicado.pk
        temas += [
            Comunicado.temas.through(comunicado_id=pk, tema_id=ids["temas"][t]) for t in d["temas"]
        ]
        organizaciones += [
            Comunicado.organizaciones.through(
                comunicado_id=pk, organizacion_id=ids["organizaciones"][o]
            )
            for o in d["organizaciones"]
        ]
        personas += [
            Comunicado.personas.through(comunicado_id=pk, persona_id=ids["personas"][p])
            for p in d["personas"]
        ]
        cifras += [
            Cifra(
                comunicado_id=pk,
                **{k: v for k, v in c.items() if k != "fuente"},
                fuente_id=ids["organizaciones"][c["fuente"]] if c["fuente"] else None,
            )
            for c in d["cifras"]
        ]
        citas += [
            Cita(
                comunicado_id=pk,
                persona_id=ids["personas"][c["persona"]],
                cargo_id=ids["cargos"][c["persona"]],
                orden=c["orden"],
                texto_es=c["texto_es"],
                texto_en=c["texto_en"],
            )
            for c in d["citas"]
        ]
    crear(Comunicado.temas.through, temas, resumen, "comunicados → temas")
    crear(
        Comunicado.organizaciones.through, organizaciones, resumen, "comunicados → organizaciones"
    )
    crear(Comunicado.personas.through, personas, resumen, "comunicados → personas")
    crear(Cifra, cifras, resumen)
    crear(Cita, citas, resumen)
    textos.reconstruir(Comunicado.objects.filter(pk__in=[c.pk for c in comunicados]))


# The tables a synthetic load writes in bulk (their indexes are rebuilt after a fast load).
MODELOS = (
    Evento,
    Evento.temas.through,
    ParticipacionConsular,
    Colaboracion,
    Sesion,
    Participacion,
    Comunicado,
    Comunicado.temas.through,
    Comunicado.organizaciones.through,
    Comunicado.personas.through,
    Cifra,
    Cita,
)


def cargar_sintetico(
    resumen, directorio, *, semilla, comunicados, eventos, progreso, ahora=None, rapido=False
):
    """Write `eventos` synthetic events and `comunicados` synthetic releases for a seed.

    rapido: write the search text with the rows (textos_busqueda.py) and, on PostgreSQL,
    COPY the rows and rebuild the tables' indexes once at the end (rapido.py).
    """
    copiar = rapido and modo_rapido.disponible()
    with modo_rapido.sin_indices(MODELOS) if copiar else nullcontext():
        _cargar_sintetico(
            resumen, directorio, semilla, comunicados, eventos, progreso, ahora, rapido, copiar
        )


def _cargar_sintetico(
    resumen, directorio, semilla, comunicados, eventos, progreso, ahora, rapido, copiar
):
    ahora = ahora or timezone.now()
    ids = escribir_directorio(DIRECTORIO, resumen, base=directorio).ids()
    textos_eventos = TextosBusqueda(Evento, activo=rapido)
    textos_comunicados = TextosBusqueda(Comunicado, activo=rapido)
    crear = partial(_crear, rapido=copiar)
    with tqdm(total=eventos, desc="Eventos", unit=" eventos", disable=not progreso) as barra:
        for lote in batched(range(1, eventos + 1), LOTE):
            _escribir_eventos(
                [evento_demo(semilla, n, ahora) for n in lote],
                ids,
                resumen,
                textos_eventos,
                crear,
            )
            barra.update(len(lote))
    # Releases may point at any synthetic event of this seed, written now or before.
    ids_eventos = dict(
        Evento.objects.filter(slug__startswith=f"demo-evento-{semilla}-").values_list("slug", "pk")
    )
    with tqdm(
        total=comunicados, desc="Comunicados", unit=" comunicados", disable=not progreso
    ) as barra:
        for lote in batched(range(1, comunicados + 1), LOTE):
            _escribir_comunicados(
                [comunicado_demo(semilla, n, ahora, eventos) for n in lote],
                ids,
                ids_eventos,
                resumen,
                textos_comunicados,
                crear,
            )
            barra.update(len(lote))
