"""Suggest the directory entries a release's text mentions: topics, organisations, people.

The text is matched against names, acronyms (es/en) and posts, without accents and on
whole words; short words such as "de", "la" or "en" are ignored, so "Embajada de Estados
Unidos en Perú" finds "Embajada de los Estados Unidos en el Perú". A person found also
brings the organisation of the post they held then, and the release's event brings its
own topics, organisations and people.
"""

import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cancilleria.base.busqueda.texto import sin_acentos
from cancilleria.directorio.models import Cargo, Organizacion, Persona, Tema

# Words that carry no name: skipped on both sides so articles never decide a match.
PALABRAS_VACIAS = frozenset(
    [
        "a",
        "al",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "lo",
        "los",
        "para",
        "por",
        "y",
        "e",
        "o",
        "the",
        "of",
        "in",
        "and",
        "for",
        "on",
        "to",
        "at",
    ]
)
_PALABRA = re.compile(r"\w+")


def palabras(texto):
    """Return the text's words, lower-case, without accents and without empty words."""
    return [p for p in _PALABRA.findall(sin_acentos(texto)) if p not in PALABRAS_VACIAS]


def _contiene(texto, nombre):
    # Whole words in order: a name of two words never matches half of a longer one.
    buscado = palabras(nombre)
    if not buscado:
        return False
    n = len(buscado)
    return any(texto[i : i + n] == buscado for i in range(len(texto) - n + 1))


def _sigla_en(texto_original, sigla):
    # Acronyms as written (upper case), so "oim" inside a word or sentence is not one.
    return bool(sigla) and re.search(rf"(?<!\w){re.escape(sigla)}(?!\w)", texto_original)


@dataclass
class Sugerencia:
    objeto: object
    motivo: str


@dataclass
class Sugerencias:
    temas: dict = field(default_factory=dict)
    organizaciones: dict = field(default_factory=dict)
    personas: dict = field(default_factory=dict)

    def anadir(self, grupo, objeto, motivo):
        # The first reason found is kept: the text's own words before the event's.
        getattr(self, grupo).setdefault(objeto.pk, Sugerencia(objeto, motivo))

    def como_json(self):
        return {
            grupo: [
                {"id": s.objeto.pk, "texto": str(s.objeto), "motivo": s.motivo}
                for s in getattr(self, grupo).values()
            ]
            for grupo in ("temas", "organizaciones", "personas")
        }


def sugerir(texto, *, evento=None):
    """Return what `texto` (HTML or plain) mentions, plus what `evento` links to."""
    plano = strip_tags(texto or "")
    texto_palabras = palabras(plano)
    sugerencias = Sugerencias()

    for tema in Tema.objects.only("pk", "nombre_es", "nombre_en"):
        for nombre in (tema.nombre_es, tema.nombre_en):
            if nombre and _contiene(texto_palabras, nombre):
                sugerencias.anadir("temas", tema, _("nombrado: «%s»") % nombre)
                break

    for org in Organizacion.objects.only("pk", "nombre_es", "nombre_en", "sigla_es", "sigla_en"):
        for nombre in (org.nombre_es, org.nombre_en):
            if nombre and _contiene(texto_palabras, nombre):
                sugerencias.anadir("organizaciones", org, _("nombrada: «%s»") % nombre)
                break
        else:
            for sigla in (org.sigla_es, org.sigla_en):
                if _sigla_en(plano, sigla):
                    sugerencias.anadir("organizaciones", org, _("sigla: «%s»") % sigla)
                    break

    fecha = timezone.localdate(evento.inicio) if evento is not None else timezone.localdate()
    cargos = {}
    for cargo in Cargo.objects.select_related("organizacion").order_by("-desde", "-pk"):
        cargos.setdefault(cargo.persona_id, []).append(cargo)
    for persona in Persona.objects.only("pk", "nombre"):
        propios = cargos.get(persona.pk, [])
        if _contiene(texto_palabras, persona.nombre):
            motivo = _("nombrada: «%s»") % persona.nombre
        else:
            titulo = next(
                (
                    t
                    for c in propios
                    for t in (c.titulo_es, c.titulo_en)
                    if t and len(palabras(t)) >= 3 and _contiene(texto_palabras, t)
                ),
                None,
            )
            if titulo is None:
                continue
            motivo = _("por su cargo: «%s»") % titulo
        sugerencias.anadir("personas", persona, motivo)
        cargo = _cargo_en(propios, fecha)
        if cargo is not None:
            sugerencias.anadir(
                "organizaciones",
                cargo.organizacion,
                _("donde trabaja %(persona)s") % {"persona": persona.nombre},
            )

    if evento is not None:
        _del_evento(sugerencias, evento)
    return sugerencias


def _cargo_en(cargos, fecha):
    vigentes = [
        c
        for c in cargos
        if (c.desde is None or c.desde <= fecha) and (c.hasta is None or c.hasta >= fecha)
    ]
    return (vigentes or cargos or [None])[0]


def _del_evento(sugerencias, evento):
    motivo = _("del evento")
    for tema in evento.temas.all():
        sugerencias.anadir("temas", tema, motivo)
    if evento.organizador_id:
        sugerencias.anadir("organizaciones", evento.organizador, motivo)
    for org in Organizacion.objects.filter(colaboraciones__evento=evento).distinct():
        sugerencias.anadir("organizaciones", org, motivo)
    for persona in Persona.objects.filter(participaciones__evento=evento).distinct():
        sugerencias.anadir("personas", persona, motivo)
