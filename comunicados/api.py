"""Releases in the public API: the list with the HTML list's own FilterSet, and the detail."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from cancilleria.base.api import (
    PARAMETRO_IDIOMA,
    CampoEnlaces,
    CampoOpcion,
    CampoTraducido,
    CampoUrlArchivo,
    LecturaPublicaViewSet,
)
from cancilleria.directorio.api import (
    CargoSerializer,
    OrganizacionResumenSerializer,
    PersonaResumenSerializer,
    TemaResumenSerializer,
)
from eventos.api import EventoResumenSerializer

from .filters import ComunicadoFilter
from .models import Adjunto, Cifra, Cita, Comunicado


class ComunicadoSerializer(serializers.ModelSerializer):
    titulo = CampoTraducido()
    bajada = CampoTraducido()
    resumen = CampoTraducido()
    tipo = CampoOpcion()
    ambito = CampoOpcion()
    numero_oficial = serializers.CharField(read_only=True, allow_blank=True)
    temas = TemaResumenSerializer(many=True, read_only=True)
    # Only an event the public may see; an unpublished one is null.
    evento = EventoResumenSerializer(source="evento_publico", read_only=True, allow_null=True)
    organizaciones = OrganizacionResumenSerializer(many=True, read_only=True)
    personas = PersonaResumenSerializer(many=True, read_only=True)
    enlaces = CampoEnlaces("comunicado")

    class Meta:
        model = Comunicado
        fields = [
            "slug",
            "titulo",
            "bajada",
            "resumen",
            "tipo",
            "ambito",
            "numero",
            "numero_oficial",
            "lugar",
            "fecha_publicacion",
            "actualizado",
            "temas",
            "evento",
            "organizaciones",
            "personas",
            "enlaces",
        ]


class CifraSerializer(serializers.ModelSerializer):
    """A key figure with its source."""

    calificador = CampoOpcion()
    unidad = CampoTraducido()
    descripcion = CampoTraducido()
    periodo = CampoTraducido()
    fuente = OrganizacionResumenSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Cifra
        fields = ["calificador", "valor", "unidad", "descripcion", "periodo", "fuente"]


class SesionResumenSerializer(serializers.Serializer):
    orden = serializers.IntegerField()
    tipo = CampoOpcion()
    titulo = CampoTraducido()


class CitaSerializer(serializers.ModelSerializer):
    """A quote with who said it and the post they held then."""

    persona = PersonaResumenSerializer(read_only=True)
    cargo = CargoSerializer(read_only=True, allow_null=True)
    sesion = SesionResumenSerializer(source="sesion_publica", read_only=True, allow_null=True)
    texto = CampoTraducido()

    class Meta:
        model = Cita
        fields = ["persona", "cargo", "sesion", "texto"]


class AdjuntoSerializer(serializers.ModelSerializer):
    titulo = CampoTraducido()
    url = CampoUrlArchivo(source="archivo")
    tipo_mime = serializers.CharField(read_only=True)

    class Meta:
        model = Adjunto
        fields = ["titulo", "url", "formato", "tipo_mime", "tamano"]


class ImagenSerializer(serializers.Serializer):
    url = CampoUrlArchivo(source="imagen")
    ancho = serializers.IntegerField(source="imagen_ancho", allow_null=True)
    alto = serializers.IntegerField(source="imagen_alto", allow_null=True)
    texto_alternativo = CampoTraducido()
    pie_de_foto = CampoTraducido()
    credito = serializers.CharField()


class ComunicadoDetalleSerializer(ComunicadoSerializer):
    cuerpo = CampoTraducido(help_text=_("HTML saneado."))
    imagen = serializers.SerializerMethodField()
    cifras = CifraSerializer(many=True, read_only=True)
    citas = CitaSerializer(many=True, read_only=True)
    adjuntos = AdjuntoSerializer(many=True, read_only=True)

    class Meta(ComunicadoSerializer.Meta):
        fields = [
            *ComunicadoSerializer.Meta.fields[:-1],
            "cuerpo",
            "imagen",
            "cifras",
            "citas",
            "adjuntos",
            "enlaces",
        ]

    @extend_schema_field(ImagenSerializer(allow_null=True))
    def get_imagen(self, comunicado):
        if not comunicado.imagen:
            return None
        return ImagenSerializer(comunicado, context=self.context).data


@extend_schema_view(
    list=extend_schema(
        parameters=[PARAMETRO_IDIOMA],
        summary=_("Comunicados"),
        description=_("Los mismos filtros que la lista pública /comunicados/."),
        tags=["comunicados"],
    ),
    retrieve=extend_schema(
        summary=_("Un comunicado, con cifras, citas, adjuntos y su evento"), tags=["comunicados"]
    ),
)
class ComunicadoViewSet(LecturaPublicaViewSet):
    serializer_class = ComunicadoSerializer
    serializer_detalle = ComunicadoDetalleSerializer
    filterset_class = ComunicadoFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Comunicado.objects.publicados().con_detalle()
        return Comunicado.objects.para_datos_abiertos()
