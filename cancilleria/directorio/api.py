"""The directory in the public API: topics, organisations, people, consulates.

Every directory entry has a public page, so every entry is in the API. The summaries
here are what releases and events embed when they name an entry.
"""

from functools import lru_cache

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from cancilleria.base.api import (
    CampoEnlaces,
    CampoOpcion,
    CampoTraducido,
    CampoUrlArchivo,
    LecturaPublicaViewSet,
    idiomas_de_nombres,
)

from .models import Cargo, Consulado, Organizacion, Persona, Tema


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "codigo": {"type": "string", "description": "ISO 3166-1 alfa-2"},
            "nombre": {
                "type": "object",
                "properties": {idioma: {"type": "string"} for idioma in idiomas_de_nombres()},
            },
        },
    }
)
class CampoPais(serializers.Field):
    """A country as {"codigo": ISO 3166-1 alpha-2, "nombre": {language: name}}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, pais):
        codigo = getattr(pais, "code", pais)
        if not codigo:
            return None
        return {"codigo": codigo, "nombre": nombres_de_pais(codigo)}

    def get_attribute(self, instancia):
        return super().get_attribute(instancia) or None


@lru_cache(maxsize=512)
def nombres_de_pais(codigo):
    """Return {language: country name} (CLDR names: computed once per process)."""
    nombres = {}
    for idioma in idiomas_de_nombres():
        with translation.override(idioma):
            nombres[idioma] = str(countries.name(codigo))
    return nombres


class TemaResumenSerializer(serializers.ModelSerializer):
    nombre = CampoTraducido()
    enlaces = CampoEnlaces("tema")

    class Meta:
        model = Tema
        fields = ["slug", "nombre", "enlaces"]


class TemaSerializer(TemaResumenSerializer):
    descripcion = CampoTraducido()

    class Meta(TemaResumenSerializer.Meta):
        fields = ["slug", "nombre", "descripcion", "enlaces"]


class OrganizacionResumenSerializer(serializers.ModelSerializer):
    nombre = CampoTraducido()
    sigla = CampoTraducido()
    enlaces = CampoEnlaces("organizacion")

    class Meta:
        model = Organizacion
        fields = ["slug", "nombre", "sigla", "enlaces"]


class OrganizacionSerializer(OrganizacionResumenSerializer):
    tipo = CampoOpcion()
    pais = CampoPais()
    padre = OrganizacionResumenSerializer(read_only=True, allow_null=True)
    logo = CampoUrlArchivo()

    class Meta(OrganizacionResumenSerializer.Meta):
        fields = [
            "slug",
            "nombre",
            "sigla",
            "tipo",
            "pais",
            "padre",
            "sitio_web",
            "logo",
            "enlaces",
        ]


class PersonaResumenSerializer(serializers.ModelSerializer):
    tratamiento = CampoTraducido()
    enlaces = CampoEnlaces("persona")

    class Meta:
        model = Persona
        fields = ["slug", "nombre", "tratamiento", "enlaces"]


class CargoSerializer(serializers.ModelSerializer):
    """A post as held then: title, organisation and dates (null: open)."""

    titulo = CampoTraducido()
    organizacion = OrganizacionResumenSerializer(read_only=True)

    class Meta:
        model = Cargo
        fields = ["titulo", "organizacion", "desde", "hasta"]


class PersonaSerializer(PersonaResumenSerializer):
    foto = CampoUrlArchivo()

    class Meta(PersonaResumenSerializer.Meta):
        fields = ["slug", "nombre", "tratamiento", "foto", "enlaces"]


class PersonaDetalleSerializer(PersonaSerializer):
    semblanza = CampoTraducido(help_text=_("HTML saneado."))
    cargos = CargoSerializer(many=True, read_only=True)

    class Meta(PersonaSerializer.Meta):
        fields = ["slug", "nombre", "tratamiento", "foto", "semblanza", "cargos", "enlaces"]


class ConsuladoResumenSerializer(serializers.ModelSerializer):
    nombre = CampoTraducido()
    pais = CampoPais()
    enlaces = CampoEnlaces("consulado")

    class Meta:
        model = Consulado
        fields = ["slug", "nombre", "pais", "ciudad", "enlaces"]


class ConsuladoSerializer(ConsuladoResumenSerializer):
    tipo = CampoOpcion()
    region = CampoOpcion()

    class Meta(ConsuladoResumenSerializer.Meta):
        fields = ["slug", "nombre", "tipo", "pais", "ciudad", "region", "enlaces"]


@extend_schema_view(
    list=extend_schema(summary=_("Temas"), tags=["directorio"]),
    retrieve=extend_schema(summary=_("Un tema"), tags=["directorio"]),
)
class TemaViewSet(LecturaPublicaViewSet):
    queryset = Tema.objects.order_by("nombre", "pk")
    serializer_class = TemaSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Organizaciones"), tags=["directorio"]),
    retrieve=extend_schema(summary=_("Una organización"), tags=["directorio"]),
)
class OrganizacionViewSet(LecturaPublicaViewSet):
    queryset = Organizacion.objects.select_related("padre").order_by("nombre", "pk")
    serializer_class = OrganizacionSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Personas"), tags=["directorio"]),
    retrieve=extend_schema(summary=_("Una persona, con sus cargos"), tags=["directorio"]),
)
class PersonaViewSet(LecturaPublicaViewSet):
    serializer_class = PersonaSerializer
    serializer_detalle = PersonaDetalleSerializer

    def get_queryset(self):
        personas = Persona.objects.order_by("nombre", "pk")
        if self.action == "retrieve":
            cargos = Cargo.objects.select_related("organizacion").order_by("-desde", "-pk")
            personas = personas.prefetch_related(Prefetch("cargos", queryset=cargos))
        return personas


@extend_schema_view(
    list=extend_schema(summary=_("Consulados"), tags=["directorio"]),
    retrieve=extend_schema(summary=_("Un consulado"), tags=["directorio"]),
)
class ConsuladoViewSet(LecturaPublicaViewSet):
    queryset = Consulado.objects.order_by("nombre", "pk")
    serializer_class = ConsuladoSerializer
