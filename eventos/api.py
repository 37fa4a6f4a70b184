"""Events in the public API: the list with the HTML list's own FilterSet, and the detail."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from cancilleria.base.api import (
    PARAMETRO_IDIOMA,
    CampoEnlaces,
    CampoOpcion,
    CampoTraducido,
    LecturaPublicaViewSet,
)
from cancilleria.directorio.api import (
    CargoSerializer,
    ConsuladoResumenSerializer,
    ConsuladoSerializer,
    OrganizacionResumenSerializer,
    PersonaResumenSerializer,
    TemaResumenSerializer,
)

from .filters import EventoFilter
from .models import Colaboracion, Evento, Participacion, Sesion
from .selectores import repartir_por_sesion


class EventoResumenSerializer(serializers.ModelSerializer):
    """What a release embeds about its event."""

    nombre = CampoTraducido()
    enlaces = CampoEnlaces("evento")

    class Meta:
        model = Evento
        fields = ["slug", "nombre", "inicio", "fin", "enlaces"]


class EventoSerializer(serializers.ModelSerializer):
    nombre = CampoTraducido()
    tipo = CampoOpcion()
    modalidad = CampoOpcion()
    lugar = CampoTraducido()
    organizador = OrganizacionResumenSerializer(read_only=True, allow_null=True)
    temas = TemaResumenSerializer(many=True, read_only=True)
    consulados = ConsuladoResumenSerializer(many=True, read_only=True)
    enlaces = CampoEnlaces("evento")

    class Meta:
        model = Evento
        fields = [
            "slug",
            "nombre",
            "tipo",
            "modalidad",
            "internacional",
            "inicio",
            "fin",
            "lugar",
            "asistentes",
            "asistentes_mas_de",
            "organizador",
            "temas",
            "consulados",
            "fecha_publicacion",
            "actualizado",
            "enlaces",
        ]


class ColaboracionSerializer(serializers.ModelSerializer):
    organizacion = OrganizacionResumenSerializer(read_only=True)
    rol = CampoOpcion()

    class Meta:
        model = Colaboracion
        fields = ["organizacion", "rol"]


class ParticipacionSerializer(serializers.ModelSerializer):
    """A person's part in the event, with the post held then."""

    persona = PersonaResumenSerializer(read_only=True)
    cargo = CargoSerializer(read_only=True, allow_null=True)
    rol = CampoOpcion()

    class Meta:
        model = Participacion
        fields = ["persona", "cargo", "rol"]


class SesionSerializer(serializers.ModelSerializer):
    tipo = CampoOpcion()
    titulo = CampoTraducido()
    modalidad = CampoOpcion()
    descripcion = CampoTraducido(help_text=_("HTML saneado."))
    participaciones = ParticipacionSerializer(many=True, read_only=True)

    class Meta:
        model = Sesion
        fields = [
            "orden",
            "tipo",
            "titulo",
            "modalidad",
            "inicio",
            "descripcion",
            "participaciones",
        ]


class EventoDetalleSerializer(EventoSerializer):
    descripcion = CampoTraducido(help_text=_("HTML saneado."))
    publico = CampoTraducido()
    colaboraciones = ColaboracionSerializer(many=True, read_only=True)
    sesiones = SesionSerializer(many=True, read_only=True)
    participaciones = serializers.SerializerMethodField()
    consulados = ConsuladoSerializer(many=True, read_only=True)

    class Meta(EventoSerializer.Meta):
        fields = [
            *EventoSerializer.Meta.fields[:-3],
            "descripcion",
            "publico",
            "colaboraciones",
            "sesiones",
            "participaciones",
            "fecha_publicacion",
            "actualizado",
            "enlaces",
        ]

    @extend_schema_field(ParticipacionSerializer(many=True))
    def get_participaciones(self, evento):
        """Return the participations tied to no session (those in a session are under it)."""
        return ParticipacionSerializer(
            evento.participaciones_generales, many=True, context=self.context
        ).data


@extend_schema_view(
    list=extend_schema(
        parameters=[PARAMETRO_IDIOMA],
        summary=_("Eventos"),
        description=_("Los mismos filtros que la lista pública /eventos/."),
        tags=["eventos"],
    ),
    retrieve=extend_schema(
        summary=_("Un evento, con programa, participantes y consulados"), tags=["eventos"]
    ),
)
class EventoViewSet(LecturaPublicaViewSet):
    serializer_class = EventoSerializer
    serializer_detalle = EventoDetalleSerializer
    filterset_class = EventoFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Evento.objects.publicados().con_detalle()
        return Evento.objects.para_datos_abiertos()

    def get_object(self):
        evento = super().get_object()
        repartir_por_sesion(evento)
        return evento
