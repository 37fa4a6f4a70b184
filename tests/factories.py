"""factory_boy factories for the whole domain. Published and due by default where it
applies, so a test says only what differs."""

from datetime import timedelta

import factory
from django.utils import timezone

from cancilleria.base.models import Estado
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from comunicados.models import Adjunto, Cifra, Cita, Comunicado
from eventos.models import (
    Colaboracion,
    Evento,
    Participacion,
    ParticipacionConsular,
    Sesion,
)


class TemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tema
        django_get_or_create = ("slug",)

    nombre = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class OrganizacionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizacion

    nombre = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organizacion-{n}")
    tipo = Organizacion.Tipo.ORGANISMO_INTERNACIONAL


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    nombre = factory.Sequence(lambda n: f"Persona {n}")
    slug = factory.Sequence(lambda n: f"persona-{n}")


class CargoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cargo

    persona = factory.SubFactory(PersonaFactory)
    organizacion = factory.SubFactory(OrganizacionFactory)
    titulo = "especialista"


class ConsuladoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consulado

    nombre = factory.Sequence(lambda n: f"Consulado {n}")
    slug = factory.Sequence(lambda n: f"consulado-{n}")
    pais = "ES"
    ciudad = "Madrid"


class PublicableFactory(factory.django.DjangoModelFactory):
    estado = Estado.PUBLICADO
    fecha_publicacion = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class EventoFactory(PublicableFactory):
    class Meta:
        model = Evento

    nombre = factory.Sequence(lambda n: f"Evento {n}")
    slug = factory.Sequence(lambda n: f"evento-{n}")
    inicio = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    fin = factory.LazyAttribute(lambda o: o.inicio + timedelta(hours=4))


class SesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sesion

    evento = factory.SubFactory(EventoFactory)
    tipo = Sesion.Tipo.PANEL
    titulo = factory.Sequence(lambda n: f"Sesión {n}")


class ParticipacionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participacion

    evento = factory.SubFactory(EventoFactory)
    persona = factory.SubFactory(PersonaFactory)
    rol = Participacion.Rol.PONENTE


class ParticipacionConsularFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipacionConsular

    evento = factory.SubFactory(EventoFactory)
    consulado = factory.SubFactory(ConsuladoFactory)


class ColaboracionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Colaboracion

    evento = factory.SubFactory(EventoFactory)
    organizacion = factory.SubFactory(OrganizacionFactory)


class ComunicadoFactory(PublicableFactory):
    class Meta:
        model = Comunicado

    titulo = factory.Sequence(lambda n: f"Comunicado {n}")
    slug = factory.Sequence(lambda n: f"comunicado-{n}")
    bajada = "Una bajada"
    cuerpo = "<p>Texto del comunicado.</p>"
    lugar = "Lima"


class CifraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cifra

    comunicado = factory.SubFactory(ComunicadoFactory)
    valor = 10
    unidad = "casos"
    descripcion = "casos reportados"


class CitaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cita

    comunicado = factory.SubFactory(ComunicadoFactory)
    persona = factory.SubFactory(PersonaFactory)
    texto = "Una cita."


class AdjuntoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adjunto

    comunicado = factory.SubFactory(ComunicadoFactory)
    archivo = factory.django.FileField(filename="informe.pdf", data=b"%PDF-1.4")
    titulo = "Informe"
