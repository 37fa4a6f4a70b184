"""Synthetic demo content: plainly marked, reproducible from a seed, fast in bulk.

Each item draws from its own random.Random seeded with (semilla, kind, index), so item
n is the same whatever the counts asked for: asking for more adds rows and changes none.
Rows are written with bulk_create, which skips save(): the values save() would derive
(Consulado.region, Comunicado.anio) are set here, and the HTML is built escaped.
Slugs already in the database are skipped, so a second run changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal
from itertools import batched

from django.utils import timezone
from django.utils.html import escape
from tqdm import tqdm

from cancilleria.base.models import Estado
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from comunicados import busqueda as busqueda_comunicados
from comunicados.models import Cifra, Cita, Comunicado
from eventos import busqueda as busqueda_eventos
from eventos.models import (
    Colaboracion,
    Evento,
    Modalidad,
    Participacion,
    ParticipacionConsular,
    Sesion,
)

from . import semilla as real
from .registro import guardar

PREFIJO = "[Demo] "
AVISO_ES = "Contenido de demostración generado automáticamente: no corresponde a hechos reales."
AVISO_EN = "Automatically generated demo content: it does not describe real events."
LOTE = 500

# --- Directory additions ------------------------------------------------------------------------
# (slug, nombre_es, nombre_en, descripcion_es, descripcion_en)
TEMAS_DEMO = [
    (
        "demo-cooperacion-internacional",
        "Cooperación internacional",
        "International cooperation",
        "Proyectos y acuerdos de cooperación con otros países y organismos internacionales.",
        "Cooperation projects and agreements with other countries and international bodies.",
    ),
    (
        "demo-promocion-economica",
        "Promoción económica",
        "Economic promotion",
        "Promoción del comercio, las inversiones y el turismo del Perú en el exterior.",
        "Promoting Peru's trade, investment and tourism abroad.",
    ),
    (
        "demo-diplomacia-cultural",
        "Diplomacia cultural",
        "Cultural diplomacy",
        "Difusión de la cultura peruana y recuperación de bienes culturales.",
        "Spreading Peruvian culture and recovering cultural property.",
    ),
    (
        "demo-cambio-climatico",
        "Cambio climático",
        "Climate change",
        "Negociaciones y cooperación internacional frente al cambio climático.",
        "International negotiations and cooperation on climate change.",
    ),
    (
        "demo-comunidades-peruanas",
        "Comunidades peruanas en el exterior",
        "Peruvian communities abroad",
        "Vínculo con los peruanos que viven fuera del país y servicios a su alcance.",
        "Ties with Peruvians living abroad and the services available to them.",
    ),
]
# How titles and bodies name each topic mid-sentence.
FRASES_TEMAS = {
    "trata-de-personas": (
        "la lucha contra la trata de personas",
        "the fight against trafficking in persons",
    ),
    "migracion": ("migración", "migration"),
    "proteccion-consular": ("protección consular", "consular protection"),
    "derechos-humanos": ("derechos humanos", "human rights"),
    "demo-cooperacion-internacional": ("cooperación internacional", "international cooperation"),
    "demo-promocion-economica": ("promoción económica", "economic promotion"),
    "demo-diplomacia-cultural": ("diplomacia cultural", "cultural diplomacy"),
    "demo-cambio-climatico": ("cambio climático", "climate change"),
    "demo-comunidades-peruanas": (
        "atención a las comunidades peruanas en el exterior",
        "support for Peruvian communities abroad",
    ),
}

TO = Organizacion.Tipo
# (slug, nombre_es, nombre_en, sigla_es, sigla_en, tipo, pais, padre, sitio_web)
ORGANIZACIONES_DEMO = [
    (
        "demo-acnur",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Office of the United Nations High Commissioner for Refugees",
        "ACNUR",
        "UNHCR",
        TO.ORGANO_ONU,
        "",
        None,
        "https://www.unhcr.org",
    ),
    (
        "demo-unicef",
        "Fondo de las Naciones Unidas para la Infancia",
        "United Nations Children's Fund",
        "UNICEF",
        "UNICEF",
        TO.ORGANO_ONU,
        "",
        None,
        "https://www.unicef.org",
    ),
    (
        "demo-apci",
        "Agencia Peruana de Cooperación Internacional",
        "Peruvian Agency for International Cooperation",
        "APCI",
        "APCI",
        TO.ENTIDAD_ESTADO,
        "PE",
        None,
        "",
    ),
    (
        "demo-migraciones",
        "Superintendencia Nacional de Migraciones",
        "National Superintendency of Migration",
        "",
        "",
        TO.ENTIDAD_ESTADO,
        "PE",
        None,
        "",
    ),
    (
        "demo-direccion-cooperacion",
        "Dirección de Cooperación (demostración)",
        "Cooperation Directorate (demo)",
        "",
        "",
        TO.DEPENDENCIA_MRE,
        "PE",
        "mre",
        "",
    ),
]
# How titles name partner organisations mid-sentence, article included.
SOCIOS = {
    "oim": ("la OIM", "IOM"),
    "oit": ("la OIT", "the ILO"),
    "embajada-estados-unidos-peru": (
        "la Embajada de los Estados Unidos",
        "the United States Embassy",
    ),
    "consejo-derechos-humanos-onu": ("el Consejo de Derechos Humanos", "the Human Rights Council"),
    "demo-acnur": ("el ACNUR", "UNHCR"),
    "demo-unicef": ("UNICEF", "UNICEF"),
    "demo-apci": ("la APCI", "APCI"),
    "demo-migraciones": ("Migraciones", "the Migration Superintendency"),
}
ORGANIZADORES = [
    "mre",
    "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
    "direccion-proteccion-asistencia-al-nacional",
    "oficina-capacitacion-personal-mre",
    "demo-direccion-cooperacion",
]

CG, SC = Consulado.Tipo.CONSULADO_GENERAL, Consulado.Tipo.SECCION_CONSULAR
# Several offices per country is normal (Madrid and Barcelona).
# (slug, nombre_es, nombre_en, pais, ciudad, tipo)
CONSULADOS_DEMO = [
    (
        "demo-madrid",
        "Consulado General del Perú en Madrid",
        "Consulate General of Peru in Madrid",
        "ES",
        "Madrid",
        CG,
    ),
    (
        "demo-barcelona",
        "Consulado General del Perú en Barcelona",
        "Consulate General of Peru in Barcelona",
        "ES",
        "Barcelona",
        CG,
    ),
    (
        "demo-milan",
        "Consulado General del Perú en Milán",
        "Consulate General of Peru in Milan",
        "IT",
        "Milán",
        CG,
    ),
    (
        "demo-los-angeles",
        "Consulado General del Perú en Los Ángeles",
        "Consulate General of Peru in Los Angeles",
        "US",
        "Los Ángeles",
        CG,
    ),
    (
        "demo-miami",
        "Consulado General del Perú en Miami",
        "Consulate General of Peru in Miami",
        "US",
        "Miami",
        CG,
    ),
    (
        "demo-toronto",
        "Consulado General del Perú en Toronto",
        "Consulate General of Peru in Toronto",
        "CA",
        "Toronto",
        CG,
    ),
    (
        "demo-sidney",
        "Consulado General del Perú en Sídney",
        "Consulate General of Peru in Sydney",
        "AU",
        "Sídney",
        CG,
    ),
    (
        "demo-londres",
        "Sección Consular de la Embajada del Perú en el Reino Unido",
        "Consular Section of the Embassy of Peru in the United Kingdom",
        "GB",
        "Londres",
        SC,
    ),
]

# Fictitious people: synthetic releases never put words in real people's mouths.
# (slug, nombre, tratamiento_es, tratamiento_en, organizacion, cargo_es, cargo_en)
PERSONAS_DEMO = [
    (
        "demo-lucia-quispe",
        "Lucía Quispe (ficticia)",
        "embajadora",
        "Ambassador",
        "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
        "directora de área (ficticia)",
        "head of unit (fictitious)",
    ),
    (
        "demo-mateo-rojas",
        "Mateo Rojas (ficticio)",
        "ministro",
        "Minister",
        "demo-direccion-cooperacion",
        "director de Cooperación (ficticio)",
        "Director of Cooperation (fictitious)",
    ),
    (
        "demo-ana-flores",
        "Ana Flores (ficticia)",
        "",
        "",
        "demo-acnur",
        "oficial de protección (ficticia)",
        "protection officer (fictitious)",
    ),
    (
        "demo-carlos-huaman",
        "Carlos Huamán (ficticio)",
        "",
        "",
        "demo-migraciones",
        "gerente de Servicios (ficticio)",
        "services manager (fictitious)",
    ),
    (
        "demo-rosa-mendoza",
        "Rosa Mendoza (ficticia)",
        "consejera",
        "Counsellor",
        "direccion-proteccion-asistencia-al-nacional",
        "coordinadora de asistencia (ficticia)",
        "assistance coordinator (fictitious)",
    ),
    (
        "demo-jose-vargas",
        "José Vargas (ficticio)",
        "",
        "",
        "demo-unicef",
        "especialista en protección infantil (ficticio)",
        "child protection specialist (fictitious)",
    ),
    (
        "demo-elena-castro",
        "Elena Castro (ficticia)",
        "",
        "",
        "demo-apci",
        "jefa de proyectos (ficticia)",
        "head of projects (fictitious)",
    ),
    (
        "demo-miguel-torres",
        "Miguel Torres (ficticio)",
        "cónsul general",
        "Consul General",
        "mre",
        "cónsul general (ficticio)",
        "Consul General (fictitious)",
    ),
]

# --- Word lists --------------------------------------------------------------------------------
# Titles: {tema}, {socio}, {Socio} (capitalised), {consulado}.
TITULOS = [
    (
        "Cancillería y {socio} analizan avances en {tema}",
        "Foreign Ministry and {socio} review progress on {tema}",
    ),
    (
        "{consulado} organiza jornada informativa sobre {tema}",
        "{consulado} holds an information day on {tema}",
    ),
    (
        "Perú y {socio} fortalecen la cooperación en {tema}",
        "Peru and {socio} strengthen cooperation on {tema}",
    ),
    (
        "Funcionarios consulares se capacitan en {tema}",
        "Consular officials receive training on {tema}",
    ),
    (
        "Cancillería presenta balance de su labor en {tema}",
        "Foreign Ministry reviews its work on {tema}",
    ),
    (
        "{consulado} brinda asistencia a connacionales en materia de {tema}",
        "{consulado} assists Peruvian nationals on {tema}",
    ),
    (
        "{Socio} y la Cancillería coordinan acciones sobre {tema}",
        "{Socio} and the Foreign Ministry coordinate action on {tema}",
    ),
    (
        "Cancillería participa en diálogo regional sobre {tema}",
        "Foreign Ministry takes part in a regional dialogue on {tema}",
    ),
    (
        "Perú reafirma ante {socio} su compromiso en materia de {tema}",
        "Peru reaffirms to {socio} its commitment on {tema}",
    ),
    (
        "Cancillería convoca a la sociedad civil a consulta sobre {tema}",
        "Foreign Ministry invites civil society to a consultation on {tema}",
    ),
]
BAJADAS = [
    (
        "La iniciativa forma parte de la política exterior del Perú en materia de {tema}",
        "The initiative is part of Peru's foreign policy on {tema}",
    ),
    (
        "Participaron representantes de {socio} y de la red consular",
        "Representatives of {socio} and of the consular network took part",
    ),
    (
        "Se acordó una hoja de ruta para los próximos meses",
        "A road map for the coming months was agreed",
    ),
]
APERTURAS = [
    (
        "El Ministerio de Relaciones Exteriores informa que se realizó una reunión de "
        "trabajo con {socio} sobre {tema}.",
        "The Ministry of Foreign Affairs reports that a working meeting was held with "
        "{socio} on {tema}.",
    ),
    (
        "Con el propósito de mejorar la atención a la ciudadanía, la Cancillería y "
        "{socio} revisaron sus acciones en {tema}.",
        "To improve its service to the public, the Foreign Ministry and {socio} "
        "reviewed their work on {tema}.",
    ),
    (
        "{consulado} desarrolló una jornada dedicada a {tema}, con la participación de "
        "la comunidad peruana.",
        "{consulado} held a day devoted to {tema}, with the participation of the "
        "Peruvian community.",
    ),
]
RELLENOS = [
    (
        "Las instituciones acordaron intercambiar información y reunirse periódicamente.",
        "The institutions agreed to share information and meet regularly.",
    ),
    (
        "Se destacó el papel de la red consular en la orientación a los connacionales.",
        "The role of the consular network in advising Peruvian nationals was highlighted.",
    ),
    (
        "Los participantes identificaron buenas prácticas y retos pendientes.",
        "Participants identified good practices and outstanding challenges.",
    ),
    (
        "La actividad se desarrolló de acuerdo con el plan de trabajo anual.",
        "The activity was carried out under the annual work plan.",
    ),
    (
        "Al cierre, se presentaron las conclusiones y los próximos pasos.",
        "At the close, the conclusions and next steps were presented.",
    ),
]
CITAS = [
    (
        "El trabajo conjunto es indispensable para avanzar en {tema}",
        "Working together is essential to make progress on {tema}",
    ),
    (
        "Nuestra prioridad es que ningún connacional quede sin atención",
        "Our priority is that no Peruvian national is left without help",
    ),
    (
        "Estos espacios de diálogo nos permiten aprender de otras experiencias",
        "These forums for dialogue let us learn from other experiences",
    ),
]
# (unidad es/en, descripcion es/en, low, high)
CIFRAS = [
    (("personas", "people"), ("personas atendidas", "people assisted"), 50, 5000),
    (("casos", "cases"), ("casos registrados", "cases recorded"), 10, 2000),
    (("%", "%"), ("de avance del plan de trabajo", "of the work plan completed"), 10, 95),
    (
        ("oficinas", "offices"),
        ("oficinas consulares participantes", "consular offices taking part"),
        3,
        60,
    ),
]
LUGARES = [("Lima", "Lima")] * 5 + [
    ("Cusco", "Cusco"),
    ("Arequipa", "Arequipa"),
    ("Tacna", "Tacna"),
    ("Madrid", "Madrid"),
    ("Milán", "Milan"),
    ("Los Ángeles", "Los Angeles"),
]
PUBLICOS = [
    ("funcionarios de la Cancillería", "Foreign Ministry officials"),
    ("personal de las oficinas consulares", "consular office staff"),
    ("comunidad peruana en el exterior", "the Peruvian community abroad"),
    ("público en general", "the general public"),
]
E = Evento.Tipo
# Event names per type: {tema}, {socio}, {Socio}.
NOMBRES_EVENTO = {
    E.SEMINARIO: ("Seminario internacional sobre {tema}", "International seminar on {tema}"),
    E.TALLER: (
        "Taller de capacitación en {tema} para personal consular",
        "Training workshop on {tema} for consular staff",
    ),
    E.REUNION: (
        "Reunión de coordinación con {socio} sobre {tema}",
        "Coordination meeting with {socio} on {tema}",
    ),
    E.CONFERENCIA: (
        "Conferencia sobre {tema}: desafíos y oportunidades",
        "Conference on {tema}: challenges and opportunities",
    ),
    E.FORO: ("Foro regional sobre {tema}", "Regional forum on {tema}"),
    E.CEREMONIA: (
        "Ceremonia de firma de un acuerdo con {socio} sobre {tema}",
        "Signing ceremony of an agreement with {socio} on {tema}",
    ),
    E.VISITA: (
        "Visita de trabajo de {socio} a la Cancillería",
        "Working visit by {socio} to the Foreign Ministry",
    ),
}


def _mayuscula(texto):
    return texto[:1].upper() + texto[1:]


def _todos_los_temas():
    return [t[0] for t in real.TEMAS] + [t[0] for t in TEMAS_DEMO]


def _todos_los_consulados():
    return {c[0]: c for c in (*real.CONSULADOS, *CONSULADOS_DEMO)}


def _ancla(ahora):
    # Midnight in Lima: dates stay the same all day, whatever the hour of the run.
    return timezone.localtime(ahora).replace(hour=0, minute=0, second=0, microsecond=0)


def slug_evento(semilla, n):
    return f"demo-evento-{semilla}-{n:05d}"


def slug_comunicado(semilla, n):
    return f"demo-comunicado-{semilla}-{n:05d}"


# --- Pure generation ---------------------------------------------------------------------------


def _contexto(rng):
    """Draw a topic, a partner and a consulate, with their es/en phrases."""
    tema = rng.choice(_todos_los_temas())
    socio = rng.choice(sorted(SOCIOS))
    consulados = [c for c in _todos_los_consulados().values() if c[0] != "peru"]
    consulado = rng.choice(consulados)
    contexto = {}
    for i, idioma in enumerate(("es", "en")):
        contexto[idioma] = {
            "tema": FRASES_TEMAS[tema][i],
            "socio": SOCIOS[socio][i],
            "Socio": _mayuscula(SOCIOS[socio][i]),
            "consulado": consulado[1 + i],
        }
    return tema, socio, consulado, contexto


def _texto(par, contexto):
    return tuple(
        _mayuscula(par[i].format(**contexto[idioma])) for i, idioma in enumerate(("es", "en"))
    )


def evento_demo(semilla, n, ahora):
    """Return the description of synthetic event n: the same for the same seed and n."""
    rng = random.Random(f"{semilla}:evento:{n}")
    ancla = _ancla(ahora)
    tema, socio, _consulado, contexto = _contexto(rng)
    tipo = rng.choices(list(NOMBRES_EVENTO), weights=[5, 4, 4, 2, 2, 1, 1])[0]
    nombre_es, nombre_en = _texto(NOMBRES_EVENTO[tipo], contexto)
    # One event in four is still to come, so lists of upcoming events are never empty.
    dias = rng.randint(1, 180) if n % 4 == 1 else -rng.randint(1, 720)
    inicio = ancla + timedelta(days=dias, hours=rng.choice([9, 10, 11, 15, 16]))
    fin = inicio + timedelta(hours=rng.choice([2, 3, 4, 8]))
    if tipo in (E.SEMINARIO, E.FORO) and rng.random() < 0.3:
        fin += timedelta(days=1)
    modalidad = rng.choices(list(Modalidad), weights=[5, 3, 2])[0]
    lugar = rng.choice(LUGARES)
    publico = rng.choice(PUBLICOS)
    # States and missing translations follow n, so even a small run has each kind.
    # Announced before the run's day, so upcoming events are already public.
    anuncio = inicio - timedelta(days=rng.randint(3, 30))
    estado, fecha = Estado.PUBLICADO, min(anuncio, ancla - timedelta(days=rng.randint(1, 10)))
    if n % 8 == 6:
        estado, fecha = Estado.BORRADOR, None
    elif n % 8 == 7:
        estado, fecha = Estado.EN_REVISION, None
    elif n % 16 == 10:
        estado = Estado.RETIRADO
    asistentes = rng.randint(15, 400) if rng.random() < 0.7 else None
    sin_ingles = n % 4 == 3
    descripcion_es = f"{AVISO_ES} {_texto(rng.choice(RELLENOS), contexto)[0]}"
    descripcion_en = f"{AVISO_EN} {_texto(rng.choice(RELLENOS), contexto)[1]}"
    otros_temas = [t for t in _todos_los_temas() if t != tema]
    n_sesiones = rng.randint(0, 3)
    sesiones = []
    for orden in range(1, n_sesiones + 1):
        if orden == 1:
            tipo_sesion, titulo = Sesion.Tipo.INAUGURACION, ("Inauguración", "Opening")
        elif orden == n_sesiones:
            tipo_sesion, titulo = Sesion.Tipo.CLAUSURA, ("Clausura", "Closing")
        else:
            tipo_sesion = rng.choice([Sesion.Tipo.PANEL, Sesion.Tipo.MESA_DE_TRABAJO])
            titulo = _texto(("Diálogo sobre {tema}", "Dialogue on {tema}"), contexto)
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
    personas = rng.sample([p[0] for p in PERSONAS_DEMO], k=rng.randint(0, 3))
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
            "lugar_es": lugar[0],
            "lugar_en": None if sin_ingles else lugar[1],
            "descripcion_es": descripcion_es,
            "descripcion_en": None if sin_ingles else descripcion_en,
            "publico_es": publico[0],
            "publico_en": None if sin_ingles else publico[1],
            "asistentes": asistentes,
            "asistentes_mas_de": asistentes is not None and rng.random() < 0.3,
            "estado": estado,
            "fecha_publicacion": fecha,
        },
        "organizador": rng.choice(ORGANIZADORES),
        "temas": [tema, *rng.sample(otros_temas, k=rng.randint(0, 2))],
        "consulados": rng.sample(sorted(_todos_los_consulados()), k=rng.randint(0, 12)),
        "colaboraciones": [
            {"organizacion": slug, "rol": rng.choice(list(Colaboracion.Rol)), "orden": orden}
            for orden, slug in enumerate(
                rng.sample(sorted(s for s in SOCIOS if s != socio), k=rng.randint(0, 2)),
                start=1,
            )
        ],
        "sesiones": sesiones,
        "participaciones": participaciones,
    }


def comunicado_demo(semilla, n, ahora, n_eventos=0):
    """Return the description of synthetic release n: the same for the same seed and n."""
    rng = random.Random(f"{semilla}:comunicado:{n}")
    ancla = _ancla(ahora)
    tema, socio, consulado, contexto = _contexto(rng)
    plantilla = rng.choice(TITULOS)
    titulo_es, titulo_en = _texto(plantilla, contexto)
    bajada_es, bajada_en = _texto(rng.choice(BAJADAS), contexto)
    en_el_exterior = "{consulado}" in plantilla[0]
    tipo = rng.choices(list(Comunicado.Tipo), weights=[25, 60, 10, 5])[0]

    # States and missing translations follow n, so even a small run has each kind.
    estado = Estado.PUBLICADO
    fecha = ancla - timedelta(days=rng.randint(1, 720), minutes=rng.randint(8 * 60, 19 * 60))
    programada = ancla + timedelta(days=rng.randint(1, 30), hours=rng.choice([9, 12, 17]))
    if n % 12 == 3:
        # Scheduled: published, with a date still to come.
        fecha = programada
    elif n % 12 == 6:
        estado, fecha = Estado.BORRADOR, None
    elif n % 12 == 9:
        estado, fecha = Estado.EN_REVISION, None
    elif n % 24 == 11:
        estado = Estado.RETIRADO

    personas = rng.sample(PERSONAS_DEMO, k=rng.randint(0, 2))
    parrafos = [(f"<em>{AVISO_ES}</em>", f"<em>{AVISO_EN}</em>")]
    parrafos.append(tuple(escape(t) for t in _texto(rng.choice(APERTURAS), contexto)))
    for relleno in rng.sample(RELLENOS, k=rng.randint(1, 3)):
        parrafos.append(tuple(escape(t) for t in relleno))
    for persona in personas:
        parrafos.append(
            (
                escape(f"Participó {persona[1]}, {persona[5]}."),
                escape(f"{persona[1]}, {persona[6]}, took part."),
            )
        )
    cifras = []
    for orden, (unidad, descripcion, bajo, alto) in enumerate(
        rng.sample(CIFRAS, k=rng.choice([0, 0, 1, 2])), start=1
    ):
        cifras.append(
            {
                "orden": orden,
                "calificador": rng.choice(list(Cifra.Calificador)),
                "valor": Decimal(rng.randint(bajo, alto)),
                "unidad_es": unidad[0],
                "unidad_en": unidad[1],
                "descripcion_es": descripcion[0],
                "descripcion_en": descripcion[1],
                "periodo_es": str(ancla.year - 1),
                "periodo_en": str(ancla.year - 1),
                "fuente": rng.choice([None, "inei", socio]),
            }
        )
    citas = []
    if personas and rng.random() < 0.5:
        texto_es, texto_en = _texto(rng.choice(CITAS), contexto)
        citas.append(
            {"orden": 1, "persona": personas[0][0], "texto_es": texto_es, "texto_en": texto_en}
        )

    # One in five has no English at all, one in ten only an English title.
    traducido = n % 5 != 2 and n % 10 != 4
    solo_titulo = n % 10 == 4
    evento = None
    if n_eventos and rng.random() < 0.4:
        evento = slug_evento(semilla, rng.randint(1, n_eventos))
    return {
        "slug": slug_comunicado(semilla, n),
        "campos": {
            "tipo": tipo,
            "ambito": Comunicado.Ambito.EXTERIOR if en_el_exterior else Comunicado.Ambito.LOCAL,
            "lugar": consulado[4] if en_el_exterior else "Lima",
            "titulo_es": PREFIJO + titulo_es,
            "titulo_en": PREFIJO + titulo_en if traducido or solo_titulo else None,
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
        "temas": [
            tema,
            *rng.sample([t for t in _todos_los_temas() if t != tema], k=rng.randint(0, 2)),
        ],
        "organizaciones": sorted({socio, *(p[4] for p in personas)}),
        "personas": [p[0] for p in personas],
        "cifras": cifras,
        "citas": citas,
    }


# --- Writing -----------------------------------------------------------------------------------


def cargar_directorio_demo(resumen, directorio):
    """Add the synthetic topics, organisations, consulates and people; return them by slug."""
    temas = dict(directorio["temas"])
    for slug, nombre_es, nombre_en, descripcion_es, descripcion_en in TEMAS_DEMO:
        temas[slug] = guardar(
            Tema,
            resumen,
            {"slug": slug},
            {
                "nombre_es": nombre_es,
                "nombre_en": nombre_en,
                "descripcion_es": descripcion_es,
                "descripcion_en": descripcion_en,
            },
        )
    organizaciones = real.guardar_organizaciones(
        ORGANIZACIONES_DEMO, resumen, directorio["organizaciones"]
    )
    consulados = dict(directorio["consulados"])
    for slug, nombre_es, nombre_en, pais, ciudad, tipo in CONSULADOS_DEMO:
        consulados[slug] = guardar(
            Consulado,
            resumen,
            {"slug": slug},
            {
                "nombre_es": nombre_es,
                "nombre_en": nombre_en,
                "pais": pais,
                "ciudad": ciudad,
                "tipo": tipo,
            },
        )
    personas, cargos = {}, {}
    for slug, nombre, trat_es, trat_en, org, cargo_es, cargo_en in PERSONAS_DEMO:
        personas[slug] = guardar(
            Persona,
            resumen,
            {"slug": slug},
            {
                "nombre": nombre,
                "tratamiento_es": trat_es,
                "tratamiento_en": trat_en,
                "semblanza_es": "Persona ficticia, creada como contenido de demostración.",
                "semblanza_en": "A fictitious person, created as demo content.",
            },
        )
        cargos[slug] = guardar(
            Cargo,
            resumen,
            {"persona": personas[slug], "organizacion": organizaciones[org], "titulo_es": cargo_es},
            {"titulo_en": cargo_en},
        )
    return {
        "temas": {s: o.pk for s, o in temas.items()},
        "organizaciones": {s: o.pk for s, o in organizaciones.items()},
        "consulados": {s: o.pk for s, o in consulados.items()},
        "personas": {s: o.pk for s, o in personas.items()},
        "cargos": {s: o.pk for s, o in cargos.items()},
    }


def _nuevos(modelo, descripciones, resumen):
    # Skip what a previous run already wrote: never touch, never duplicate.
    existentes = set(
        modelo.objects.filter(slug__in=[d["slug"] for d in descripciones]).values_list(
            "slug", flat=True
        )
    )
    resumen.sumar(modelo, "omitidos", len(existentes))
    return [d for d in descripciones if d["slug"] not in existentes]


def _crear(modelo, objetos, resumen, etiqueta=None):
    creados = modelo.objects.bulk_create(objetos, batch_size=LOTE)
    resumen.sumar(etiqueta or modelo, "creados", len(creados))
    return creados


def _escribir_eventos(descripciones, ids, resumen):
    descripciones = _nuevos(Evento, descripciones, resumen)
    eventos = _crear(
        Evento,
        [
            Evento(
                slug=d["slug"],
                organizador_id=ids["organizaciones"][d["organizador"]],
                **d["campos"],
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
    _crear(Evento.temas.through, temas, resumen, "eventos → temas")
    _crear(ParticipacionConsular, consulares, resumen)
    _crear(Colaboracion, colaboraciones, resumen)
    sesion_id = {
        clave: s.pk for clave, s in zip(por_sesion, _crear(Sesion, sesiones, resumen), strict=True)
    }
    _crear(
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
    # bulk_create skips save() and the signals: fill the search text in one pass.
    busqueda_eventos.reconstruir(Evento.objects.filter(pk__in=[e.pk for e in eventos]))


def _escribir_comunicados(descripciones, ids, eventos, resumen):
    descripciones = _nuevos(Comunicado, descripciones, resumen)
    comunicados = _crear(
        Comunicado,
        [
            Comunicado(slug=d["slug"], evento_id=eventos.get(d["evento"]), **d["campos"])
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
    _crear(Comunicado.temas.through, temas, resumen, "comunicados → temas")
    _crear(
        Comunicado.organizaciones.through, organizaciones, resumen, "comunicados → organizaciones"
    )
    _crear(Comunicado.personas.through, personas, resumen, "comunicados → personas")
    _crear(Cifra, cifras, resumen)
    _crear(Cita, citas, resumen)
    # bulk_create skips save() and the signals: fill the search text in one pass.
    busqueda_comunicados.reconstruir(Comunicado.objects.filter(pk__in=[c.pk for c in comunicados]))


def cargar_sintetico(resumen, directorio, *, semilla, comunicados, eventos, progreso, ahora=None):
    """Write `eventos` synthetic events and `comunicados` synthetic releases for a seed."""
    ahora = ahora or timezone.now()
    ids = cargar_directorio_demo(resumen, directorio)
    with tqdm(total=eventos, desc="Eventos", unit=" eventos", disable=not progreso) as barra:
        for lote in batched(range(1, eventos + 1), LOTE):
            _escribir_eventos([evento_demo(semilla, n, ahora) for n in lote], ids, resumen)
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
            )
            barra.update(len(lote))
