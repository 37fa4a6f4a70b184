"""The real seed release (seeds/000_d4a6b1857d5bc38e.txt), every fact in its model.

Spanish is the seed's, word for word (only its double spaces are gone, and its typos,
e.g. "Comunidades Peruana" and "continua", are kept); the English is ours.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from cancilleria.base.html import sanear_html
from cancilleria.base.models import Estado
from cancilleria.directorio.directorio_consular import consulados_iniciales
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from comunicados.models import Cifra, Cita, Comunicado
from eventos.models import (
    Colaboracion,
    Evento,
    Modalidad,
    Participacion,
    ParticipacionConsular,
    Sesion,
)

from .registro import guardar, sincronizar, sincronizar_m2m

LIMA = ZoneInfo("America/Lima")

SLUG_COMUNICADO = "buenas-practicas-proteccion-victimas-trata-de-personas"
SLUG_EVENTO = "seminario-internacional-proteccion-victimas-trata-de-personas"

# --- Topics -----------------------------------------------------------------------------
# (slug, nombre_es, nombre_en, descripcion_es, descripcion_en)
TEMAS = [
    (
        "trata-de-personas",
        "Trata de personas",
        "Trafficking in persons",
        "Prevención de la trata de personas, protección y asistencia a sus víctimas, "
        "nacionales y extranjeras, y cooperación internacional para perseguir este delito.",
        "Preventing trafficking in persons, protecting and assisting its victims, both "
        "Peruvian and foreign, and international cooperation to prosecute the crime.",
    ),
    (
        "migracion",
        "Migración",
        "Migration",
        "Política migratoria, migración segura, ordenada y regular, y atención a las personas "
        "migrantes en el Perú y a los peruanos que migran.",
        "Migration policy, safe, orderly and regular migration, and support for migrants in "
        "Peru and for Peruvians who migrate.",
    ),
    (
        "proteccion-consular",
        "Protección consular",
        "Consular protection",
        "Asistencia y protección a las peruanas y los peruanos en el exterior a través de la "
        "red de oficinas consulares.",
        "Assistance to and protection of Peruvian nationals abroad through the network of "
        "consular offices.",
    ),
    (
        "derechos-humanos",
        "Derechos humanos",
        "Human rights",
        "Promoción y protección de los derechos humanos en la política exterior del Perú y en "
        "los foros internacionales.",
        "Promoting and protecting human rights in Peru's foreign policy and in international "
        "forums.",
    ),
]
TEMAS_DEL_COMUNICADO = [t[0] for t in TEMAS]

# --- Organisations ------------------------------------------------------------------------
# Parents come before their dependencies. sitio_web only where the address is certain.
# (slug, nombre_es, nombre_en, sigla_es, sigla_en, tipo, pais, padre, sitio_web)
T = Organizacion.Tipo
ORGANIZACIONES = [
    (
        "mre",
        "Ministerio de Relaciones Exteriores",
        "Ministry of Foreign Affairs",
        "MRE",
        "MRE",
        T.MINISTERIO,
        "PE",
        None,
        "https://www.gob.pe/rree",
    ),
    (
        "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
        "Dirección General de Comunidades Peruanas en el Exterior y Asuntos Consulares",
        "Directorate General for Peruvian Communities Abroad and Consular Affairs",
        "",
        "",
        T.DEPENDENCIA_MRE,
        "PE",
        "mre",
        "",
    ),
    (
        "direccion-proteccion-asistencia-al-nacional",
        "Dirección de Protección y Asistencia al Nacional",
        "Directorate for the Protection of and Assistance to Nationals",
        "",
        "",
        T.DEPENDENCIA_MRE,
        "PE",
        "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
        "",
    ),
    (
        "oficina-capacitacion-personal-mre",
        "Oficina de Capacitación de Personal",
        "Staff Training Office",
        "",
        "",
        T.DEPENDENCIA_MRE,
        "PE",
        "mre",
        "",
    ),
    (
        "oim",
        "Organización Internacional para las Migraciones",
        "International Organization for Migration",
        "OIM",
        "IOM",
        T.ORGANISMO_INTERNACIONAL,
        "",
        None,
        "https://www.iom.int",
    ),
    (
        "oit",
        "Organización Internacional del Trabajo",
        "International Labour Organization",
        "OIT",
        "ILO",
        T.ORGANISMO_INTERNACIONAL,
        "",
        None,
        "https://www.ilo.org",
    ),
    (
        "oit-oficina-paises-andinos",
        "Oficina de la OIT para los Países Andinos",
        "ILO Office for the Andean Countries",
        "",
        "",
        T.ORGANISMO_INTERNACIONAL,
        "PE",  # the office sits in Lima
        "oit",
        "",
    ),
    (
        "embajada-estados-unidos-peru",
        "Embajada de los Estados Unidos en el Perú",
        "Embassy of the United States in Peru",
        "",
        "",
        T.MISION_EXTRANJERA,
        "US",
        None,
        "https://pe.usembassy.gov",
    ),
    (
        "consejo-derechos-humanos-onu",
        "Consejo de Derechos Humanos de las Naciones Unidas",
        "United Nations Human Rights Council",
        "",
        "",
        T.ORGANO_ONU,
        "",
        None,
        "",
    ),
    (
        "inei",
        "Instituto Nacional de Estadística e Informática",
        "National Institute of Statistics and Informatics",
        "INEI",
        "INEI",
        T.ENTIDAD_ESTADO,
        "PE",
        None,
        "https://www.inei.gob.pe",
    ),
]
ORGANIZADOR = "direccion-proteccion-asistencia-al-nacional"
# Technical support, in the order the release names it.
APOYO_TECNICO = ["oim", "oit", "oficina-capacitacion-personal-mre"]

# --- Consulates -------------------------------------------------------------------------
# The seed names only countries. One office per distinct name (Francia is listed twice).
# The type is the demo's reading of Peru's consular network (a consulate general where
# there is one, else the embassy's consular section); the city is left blank rather than
# guessed, except Hong Kong, which is its own city.
# A Peruvian consulate cannot sit in Peru. The seed lists "Perú" with the consulates, most
# likely the ministry's own staff in the country; an MRE regional office (oficina
# desconcentrada) is the nearest type the model has, not a claim that one took part. The
# name stays the seed's.
# The table lives in cancilleria/datos/consulados.csv, the directory's initial import
# (`importar_consulados`): one source, so the demo and the import always agree.
# (slug, nombre_es, nombre_en, pais, ciudad, tipo)
CONSULADOS = [
    (f.slug, f.nombre_es, f.nombre_en, f.pais, f.ciudad, f.tipo) for f in consulados_iniciales()
]

# --- People and the posts they held then ------------------------------------------------------
# (slug, nombre, tratamiento_es, tratamiento_en, organizacion, cargo_es, cargo_en)
PERSONAS = [
    (
        "jorge-baca",
        "Jorge Baca",
        "",
        "",
        "oim",
        "jefe de la misión de la OIM en el Perú",
        "Chief of Mission of IOM in Peru",
    ),
    (
        "karina-jensen",
        "Karina Jensen",
        "",
        "",
        "oit-oficina-paises-andinos",
        "especialista técnica de la Oficina de la OIT para los Países Andinos",
        "Technical Specialist, ILO Office for the Andean Countries",
    ),
    (
        "eric-falls",
        "Eric Falls",
        "",
        "",
        "embajada-estados-unidos-peru",
        "consejero en Asuntos Políticos",
        "Political Affairs Counselor",
    ),
    (
        "maria-antonia-masana",
        "María Antonia Masana",
        "embajadora",
        "Ambassador",
        "direccion-general-comunidades-peruanas-exterior-asuntos-consulares",
        "directora general de Comunidades Peruanas en el Exterior y Asuntos Consulares",
        "Director General for Peruvian Communities Abroad and Consular Affairs",
    ),
    (
        "siobhan-mullally",
        "Siobhán Mullally",
        "",
        "",
        "consejo-derechos-humanos-onu",
        "relatora especial sobre la trata de personas, especialmente mujeres y niños",
        "Special Rapporteur on trafficking in persons, especially women and children",
    ),
]

# --- The event and its programme ------------------------------------------------------------
# The seed carries no dates: these are the demo's choice (a morning two days before the
# release went out).
EVENTO_INICIO = datetime.datetime(2022, 9, 21, 9, 0, tzinfo=LIMA)
EVENTO_FIN = datetime.datetime(2022, 9, 21, 13, 0, tzinfo=LIMA)
EVENTO_PUBLICADO = datetime.datetime(2022, 9, 19, 10, 0, tzinfo=LIMA)

EVENTO = {
    "nombre_es": "Buenas prácticas para la protección de víctimas de trata de personas "
    "nacionales y extranjeras",
    "nombre_en": "Good practices for the protection of national and foreign victims of "
    "trafficking in persons",
    "tipo": Evento.Tipo.SEMINARIO,
    "internacional": True,
    # The release says the opening ceremony was virtual, and 39 consular offices abroad
    # took part; nothing says anyone met in person, so not HIBRIDA.
    "modalidad": Modalidad.VIRTUAL,
    "inicio": EVENTO_INICIO,
    "fin": EVENTO_FIN,
    "lugar_es": "Lima",
    "lugar_en": "Lima",
    "descripcion_es": "Seminario internacional organizado por la Dirección de Protección y "
    "Asistencia al Nacional, con el apoyo técnico de la OIM, la OIT y la Oficina de "
    "Capacitación de Personal del MRE, para analizar buenas prácticas en la protección de "
    "víctimas de trata de personas nacionales y extranjeras.",
    "descripcion_en": "International seminar organised by the Directorate for the Protection "
    "of and Assistance to Nationals, with technical support from IOM, the ILO and the MRE "
    "Staff Training Office, to examine good practices in protecting national and foreign "
    "victims of trafficking in persons.",
    "publico_es": "funcionarios y personal de la Cancillería y de las oficinas consulares",
    "publico_en": "officials and staff of the Foreign Ministry and of the consular offices",
    "asistentes": 200,
    "asistentes_mas_de": True,
    "estado": Estado.PUBLICADO,
    "fecha_publicacion": EVENTO_PUBLICADO,
}

S = Sesion.Tipo
# (orden, tipo, titulo_es, titulo_en, modalidad); only the opening is said to be virtual.
SESIONES = [
    (1, S.INAUGURACION, "Ceremonia de inauguración", "Opening ceremony", Modalidad.VIRTUAL),
    (
        2,
        S.CONFERENCIA_INAUGURAL,
        "La aplicación de los principios rectores para la protección integral de las "
        "víctimas de trata de personas nacionales y extranjeras",
        "The application of the guiding principles for the comprehensive protection of "
        "national and foreign victims of trafficking in persons",
        "",
    ),
    (
        3,
        S.MESA_DE_TRABAJO,
        "Derechos fundamentales, enfoques y buenas prácticas para la protección de víctimas "
        "de trata de personas",
        "Fundamental rights, approaches and good practices for the protection of victims of "
        "trafficking in persons",
        "",
    ),
    (
        4,
        S.MESA_DE_TRABAJO,
        "Mecanismos de protección a víctimas nacionales y extranjeras",
        "Protection mechanisms for national and foreign victims",
        "",
    ),
    (
        5,
        S.MESA_DE_TRABAJO,
        "Espacios de coordinación interinstitucional",
        "Forums for inter-agency coordination",
        "",
    ),
]

R = Participacion.Rol
# (orden, persona, rol, sesion orden or None for the whole event)
# Baca spoke at the opening ceremony; the release does not say he opened it, so PONENTE.
PARTICIPACIONES = [
    (1, "jorge-baca", R.PONENTE, 1),
    (2, "karina-jensen", R.AUTORIDAD_PRESENTE, None),
    (3, "eric-falls", R.AUTORIDAD_PRESENTE, None),
    (4, "maria-antonia-masana", R.AUTORIDAD_PRESENTE, None),
    (5, "siobhan-mullally", R.CONFERENCISTA, 2),
]

# --- The release ------------------------------------------------------------------------------
CITA_ES = (
    "se deben revisar las buenas prácticas y las lecciones aprendidas porque el reto es "
    "enorme. La pandemia y el cierre de fronteras obligó a los migrantes a ingresar de manera "
    "irregular, lo que aumentó su vulnerabilidad frente a los tratantes de personas. Y aunque "
    "se han abierto las fronteras, la migración irregular continua"
)
CITA_EN = (
    "good practices and lessons learned must be reviewed, because the challenge is enormous. "
    "The pandemic and the closing of borders forced migrants to enter irregularly, which made "
    "them more vulnerable to traffickers. And although the borders have reopened, irregular "
    "migration continues"
)

LISTA_CONSULADOS_ES = (
    "Estados Unidos, Japón, China (RAE Hong Kong), Malasia, Egipto, España, Italia, Polonia, "
    "Arabia Saudita, Corea, Suiza, Francia, Indonesia, Irlanda, Suecia, Canadá, Kuwait, "
    "Bélgica, Argelia, Turquía, Francia, República Dominicana, Honduras, Hungría, Sudáfrica, "
    "Austria, México, Costa Rica, Colombia, Chile, Brasil, Ecuador, Argentina, Uruguay, "
    "Panamá, El Salvador, Nicaragua, Venezuela, Bolivia y Perú"
)
# A faithful translation keeps the source's list as it is, France twice included.
LISTA_CONSULADOS_EN = (
    "the United States, Japan, China (Hong Kong SAR), Malaysia, Egypt, Spain, Italy, Poland, "
    "Saudi Arabia, Korea, Switzerland, France, Indonesia, Ireland, Sweden, Canada, Kuwait, "
    "Belgium, Algeria, Türkiye, France, the Dominican Republic, Honduras, Hungary, South "
    "Africa, Austria, Mexico, Costa Rica, Colombia, Chile, Brazil, Ecuador, Argentina, "
    "Uruguay, Panama, El Salvador, Nicaragua, Venezuela, Bolivia and Peru"
)

PARRAFOS_ES = [
    "Más de 200 funcionarios y personal de la Cancillería y de las oficinas consulares se "
    "reunieron para participar del seminario internacional “Buenas prácticas para la "
    "protección de víctimas de trata de personas nacionales y extranjeras”, evento organizado "
    "por la Dirección de Protección y Asistencia al Nacional de la Dirección General de "
    "Comunidades Peruana en el Exterior y Asuntos Consulares del Ministerio de Relaciones "
    "Exteriores (MRE) con el apoyo técnico de la Organización Internacional para las "
    "Migraciones (OIM), de la Organización Internacional del Trabajo (OIT) y la Oficina de "
    "Capacitación de Personal del MRE.",
    "Aunque Perú ha logrado importantes avances en materia de lucha contra la trata de "
    "personas, acercando su normativa interna y políticas públicas a los estándares "
    "internacionales, durante 2021 se reportaron más de 1,100 casos de trata de personas. La "
    "mayoría de las víctimas de este delito fueron mujeres, niñas, niños y adolescentes. "
    "Asimismo, según el Instituto Nacional de Estadística e Informática (INEI), durante el "
    "primer semestre del año el 57,8% del total de denuncias fueron por explotación sexual y "
    "el 30,5% por explotación laboral.",
    "Durante la ceremonia virtual de inauguración, el jefe de la misión OIM en Perú, Jorge "
    "Baca, señaló que, si bien la trata de personas en el país es principalmente interna, en "
    "los últimos años se registra un incremento de víctimas extranjeras, particularmente de "
    "nacionalidad venezolana. Agregó que, en el actual contexto, se requiere de medidas "
    f"excepcionales: “{CITA_ES}”.",
    "En el evento también estuvieron presentes la especialista técnica de la OIT de la "
    "Oficina para los Países Andinos, Karina Jensen, el consejero en Asuntos Políticos de la "
    "Embajada de Estados Unidos en Perú, Eric Falls, y de la directora general de Comunidades "
    "Peruanas en el Exterior y Asuntos Consulares del Ministerio de Relaciones Exteriores, "
    "embajadora María Antonia Masana.",
    "La conferencia inaugural estuvo a cargo de Siobhán Mullally, relatora especial sobre "
    "trata de personas, especialmente mujeres y niños, del Consejo de Derechos Humanos de las "
    "Naciones Unidas, en la que abordó el tema: “La aplicación de los principios rectores para "
    "la protección integral de las víctimas de trata de personas nacionales y extranjeras”.",
    "En tres mesas de trabajo, los participantes del seminario abordaron temas relativos a "
    "derechos fundamentales, enfoques y buenas prácticas para la protección de víctimas de "
    "trata de personas, mecanismos de protección a víctimas nacionales y extranjeras, y "
    "espacios de coordinación interinstitucional.",
    f"Entre los consulados participantes en el evento estuvieron: {LISTA_CONSULADOS_ES}.",
]

PARRAFOS_EN = [
    "More than 200 officials and staff of the Foreign Ministry and of the consular offices "
    "came together for the international seminar “Good practices for the protection of "
    "national and foreign victims of trafficking in persons”, organised by the Directorate "
    "for the Protection of and Assistance to Nationals of the Directorate General for "
    "Peruvian Communities Abroad and Consular Affairs of the Ministry of Foreign Affairs "
    "(MRE), with technical support from the International Organization for Migration (IOM), "
    "the International Labour Organization (ILO) and the MRE Staff Training Office.",
    "Although Peru has made significant progress in the fight against trafficking in "
    "persons, bringing its domestic legislation and public policies closer to international "
    "standards, more than 1,100 cases of trafficking in persons were reported in 2021. Most "
    "of the victims of this crime were women, girls, boys and adolescents. Moreover, "
    "according to the National Institute of Statistics and Informatics (INEI), in the first "
    "half of the year 57.8% of all reports concerned sexual exploitation and 30.5% labour "
    "exploitation.",
    "During the virtual opening ceremony, the head of the IOM mission in Peru, Jorge Baca, "
    "noted that although trafficking in persons in the country is mainly internal, the number "
    "of foreign victims has risen in recent years, particularly of Venezuelan nationals. He "
    "added that the current context calls for exceptional measures: "
    f"“{CITA_EN}”.",
    "Also present at the event were Karina Jensen, technical specialist at the ILO Office "
    "for the Andean Countries; Eric Falls, Political Affairs Counselor at the Embassy of the "
    "United States in Peru; and Ambassador María Antonia Masana, Director General for "
    "Peruvian Communities Abroad and Consular Affairs of the Ministry of Foreign Affairs.",
    "The inaugural lecture was given by Siobhán Mullally, Special Rapporteur on trafficking "
    "in persons, especially women and children, of the United Nations Human Rights Council, "
    "who addressed the topic “The application of the guiding principles for the "
    "comprehensive protection of national and foreign victims of trafficking in persons”.",
    "In three working groups, the seminar participants discussed fundamental rights, "
    "approaches and good practices for the protection of victims of trafficking in persons; "
    "protection mechanisms for national and foreign victims; and forums for inter-agency "
    "coordination.",
    f"The consular offices taking part in the event included {LISTA_CONSULADOS_EN}.",
]


def _html(parrafos):
    # Stored as the model's save() would store it, so a second run finds nothing to change.
    return sanear_html("\n".join(f"<p>{p}</p>" for p in parrafos))


# The seed carries no date: 23 September 2022, 10:00 in Lima, is the demo's choice.
COMUNICADO_PUBLICADO = datetime.datetime(2022, 9, 23, 10, 0, tzinfo=LIMA)

COMUNICADO = {
    "tipo": Comunicado.Tipo.COMUNICADO,
    "ambito": Comunicado.Ambito.LOCAL,
    "lugar": "Lima",
    "titulo_es": "Funcionarios del Ministerio de Relaciones Exteriores analizaron buenas "
    "prácticas para la protección de víctimas de trata de personas",
    "titulo_en": "Ministry of Foreign Affairs officials examined good practices for "
    "protecting victims of trafficking in persons",
    "bajada_es": "Seminario Internacional “Buenas prácticas para la protección de víctimas de "
    "trata de personas nacionales y extranjeras”",
    "bajada_en": "International Seminar “Good practices for the protection of national and "
    "foreign victims of trafficking in persons”",
    "resumen_es": "Más de 200 funcionarios de la Cancillería y de las oficinas consulares "
    "participaron en un seminario internacional, con el apoyo técnico de la OIM y la OIT, "
    "sobre la protección de víctimas de trata de personas nacionales y extranjeras.",
    "resumen_en": "More than 200 officials from the Foreign Ministry and the consular offices "
    "took part in an international seminar, with technical support from IOM and the ILO, on "
    "protecting national and foreign victims of trafficking in persons.",
    "cuerpo_es": _html(PARRAFOS_ES),
    "cuerpo_en": _html(PARRAFOS_EN),
    "estado": Estado.PUBLICADO,
    "fecha_publicacion": COMUNICADO_PUBLICADO,
    # Pinned on the home page: the demo's synthetic releases are newer.
    "destacado": True,
}

# (orden, calificador, valor, unidad es/en, descripcion es/en, periodo es/en, fuente)
CIFRAS = [
    (
        1,
        Cifra.Calificador.MAS_DE,
        Decimal("1100"),
        ("casos", "cases"),
        ("casos de trata de personas reportados", "reported cases of trafficking in persons"),
        ("2021", "2021"),
        None,  # the release names no source for this figure
    ),
    (
        2,
        Cifra.Calificador.EXACTO,
        Decimal("57.8"),
        ("%", "%"),
        (
            "de las denuncias fueron por explotación sexual",
            "of reports concerned sexual exploitation",
        ),
        ("primer semestre del año", "first half of the year"),
        "inei",
    ),
    (
        3,
        Cifra.Calificador.EXACTO,
        Decimal("30.5"),
        ("%", "%"),
        (
            "de las denuncias fueron por explotación laboral",
            "of reports concerned labour exploitation",
        ),
        ("primer semestre del año", "first half of the year"),
        "inei",
    ),
]


def guardar_organizaciones(filas, resumen, organizaciones=None):
    """Save organisation rows (parents listed first); return them by slug, with the given."""
    organizaciones = dict(organizaciones or {})
    for slug, nombre_es, nombre_en, sigla_es, sigla_en, tipo, pais, padre, web in filas:
        organizaciones[slug] = guardar(
            Organizacion,
            resumen,
            {"slug": slug},
            {
                "nombre_es": nombre_es,
                "nombre_en": nombre_en,
                "sigla_es": sigla_es,
                "sigla_en": sigla_en,
                "tipo": tipo,
                "pais": pais,
                "padre": organizaciones[padre] if padre else None,
                "sitio_web": web,
            },
        )
    return organizaciones


def cargar_semilla(resumen):
    """Write the seed release and everything it refers to; return the directory by slug."""
    temas = {
        slug: guardar(
            Tema,
            resumen,
            {"slug": slug},
            {
                "nombre_es": nombre_es,
                "nombre_en": nombre_en,
                "descripcion_es": descripcion_es,
                "descripcion_en": descripcion_en,
                "destacado": True,
            },
        )
        for slug, nombre_es, nombre_en, descripcion_es, descripcion_en in TEMAS
    }

    organizaciones = guardar_organizaciones(ORGANIZACIONES, resumen)

    consulados = {
        slug: guardar(
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
        for slug, nombre_es, nombre_en, pais, ciudad, tipo in CONSULADOS
    }

    personas, cargos = {}, {}
    for slug, nombre, trat_es, trat_en, org, cargo_es, cargo_en in PERSONAS:
        personas[slug] = guardar(
            Persona,
            resumen,
            {"slug": slug},
            {"nombre": nombre, "tratamiento_es": trat_es, "tratamiento_en": trat_en},
        )
        # A post is the same post while person, organisation and Spanish title match.
        cargos[slug] = guardar(
            Cargo,
            resumen,
            {"persona": personas[slug], "organizacion": organizaciones[org], "titulo_es": cargo_es},
            {"titulo_en": cargo_en},
        )

    evento = guardar(
        Evento,
        resumen,
        {"slug": SLUG_EVENTO},
        {**EVENTO, "organizador": organizaciones[ORGANIZADOR]},
    )
    sincronizar_m2m(evento, "temas", [temas[s] for s in TEMAS_DEL_COMUNICADO], resumen)
    sincronizar(
        Colaboracion,
        resumen,
        {"evento": evento},
        [
            {
                "organizacion": organizaciones[slug],
                "rol": Colaboracion.Rol.APOYO_TECNICO,
                "orden": n,
            }
            for n, slug in enumerate(APOYO_TECNICO, start=1)
        ],
        clave=("organizacion", "rol"),
    )
    sincronizar(
        ParticipacionConsular,
        resumen,
        {"evento": evento},
        [{"consulado": consulado} for consulado in consulados.values()],
        clave=("consulado",),
    )
    sincronizar(
        Sesion,
        resumen,
        {"evento": evento},
        [
            {"orden": orden, "tipo": tipo, "titulo_es": es, "titulo_en": en, "modalidad": modalidad}
            for orden, tipo, es, en, modalidad in SESIONES
        ],
        clave=("orden",),
    )
    sesiones = {s.orden: s for s in evento.sesiones.all()}
    sincronizar(
        Participacion,
        resumen,
        {"evento": evento},
        [
            {
                "persona": personas[slug],
                "rol": rol,
                "sesion": sesiones[sesion] if sesion else None,
                "cargo": cargos[slug],
                "orden": orden,
            }
            for orden, slug, rol, sesion in PARTICIPACIONES
        ],
        clave=("persona", "rol", "sesion"),
    )

    comunicado = guardar(
        Comunicado,
        resumen,
        {"slug": SLUG_COMUNICADO},
        {**COMUNICADO, "evento": evento},
    )
    sincronizar_m2m(comunicado, "temas", [temas[s] for s in TEMAS_DEL_COMUNICADO], resumen)
    sincronizar_m2m(comunicado, "organizaciones", list(organizaciones.values()), resumen)
    sincronizar_m2m(comunicado, "personas", list(personas.values()), resumen)
    sincronizar(
        Cifra,
        resumen,
        {"comunicado": comunicado},
        [
            {
                "orden": orden,
                "calificador": calificador,
                "valor": valor,
                "unidad_es": unidad[0],
                "unidad_en": unidad[1],
                "descripcion_es": descripcion[0],
                "descripcion_en": descripcion[1],
                "periodo_es": periodo[0],
                "periodo_en": periodo[1],
                "fuente": organizaciones[fuente] if fuente else None,
            }
            for orden, calificador, valor, unidad, descripcion, periodo, fuente in CIFRAS
        ],
        clave=("orden",),
    )
    sincronizar(
        Cita,
        resumen,
        {"comunicado": comunicado},
        [
            {
                "orden": 1,
                "persona": personas["jorge-baca"],
                "cargo": cargos["jorge-baca"],
                "sesion": sesiones[1],
                "texto_es": CITA_ES,
                "texto_en": CITA_EN,
            }
        ],
        clave=("orden",),
    )
    return {
        "temas": temas,
        "organizaciones": organizaciones,
        "consulados": consulados,
        "comunicado": comunicado,
        "evento": evento,
    }
