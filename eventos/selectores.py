"""What the event pages and the staff area read: QuerySet methods, mixed into the models."""

from django.db import models
from django.db.models import Count, F, Max, Min, Prefetch
from django.db.models.functions import ExtractYear
from django.utils import timezone

from cancilleria.directorio.models import Consulado, Tema

# What no event card shows: long texts and the stored search text.
COLUMNAS_ANCHAS = ("descripcion", "publico", "busqueda_es", "busqueda_en", "relacionados")


def repartir_por_sesion(evento):
    """Give each prefetched session of `evento` its participations from the event's own
    prefetched ones (`participaciones` by `del_programa`): one query fewer per page."""
    por_sesion = {}
    for participacion in evento.participaciones.all():
        por_sesion.setdefault(participacion.sesion_id, []).append(participacion)
    for sesion in evento.sesiones.all():
        lista = sesion.participaciones.get_queryset()
        lista._result_cache, lista._prefetch_done = por_sesion.get(sesion.pk, []), True
        sesion.__dict__.setdefault("_prefetched_objects_cache", {})["participaciones"] = lista


class SelectoresParticipacion(models.QuerySet):
    def con_personas(self):
        """Return the participations with the person and the post held then."""
        return self.select_related("persona", "cargo__organizacion")

    def del_programa(self):
        """Return the participations with person, post and session (the event's programme)."""
        return self.con_personas().select_related("sesion")


class SelectoresResultado(models.QuerySet):
    def con_seguimiento(self):
        """Return the outcomes with their responsible organisation and dated notes."""
        return self.select_related("responsable").prefetch_related("seguimientos")

    def abiertos(self):
        """Return the commitments not yet done (pending or in progress)."""
        modelo = self.model
        return self.filter(tipo=modelo.Tipo.COMPROMISO).exclude(
            estado=modelo.EstadoResultado.CUMPLIDO
        )

    def vencidos(self, hoy=None):
        """Return the open commitments past their due date."""
        return self.abiertos().filter(vence__lt=hoy or timezone.localdate())

    def para_gestion(self):
        """Return the open commitments of the events staff report on, soonest due first."""
        # The models import this module: reach Evento through the relations.
        evento = self.model.sesion.field.related_model.evento.field.related_model
        eventos = evento.objects.visibles_para_personal()
        return (
            self.abiertos()
            .filter(sesion__evento__in=eventos.values("pk"))
            .select_related("responsable", "sesion__evento")
            .prefetch_related("seguimientos")
            .order_by(F("vence").asc(nulls_last=True), "pk")
        )


def sesiones_con_resultados(sesiones):
    """Return a Prefetch of the sessions with their outcomes and follow-up notes."""
    resultados = sesiones.model._meta.get_field("resultados").related_model
    return Prefetch(
        "sesiones",
        queryset=sesiones.prefetch_related(
            Prefetch("resultados", queryset=resultados.objects.con_seguimiento())
        ),
    )


def temas_con_aviso():
    """Return a Prefetch of the topics with their helpline notice (no extra query)."""
    return Prefetch("temas", queryset=Tema.objects.select_related("aviso_ayuda"))


class SelectoresSesion(models.QuerySet):
    def con_participaciones(self):
        """Return the sessions with their participants, people and posts prefetched."""
        participaciones = self.model._meta.get_field("participaciones").related_model
        return self.prefetch_related(
            Prefetch("participaciones", queryset=participaciones.objects.con_personas())
        )


class SelectoresEvento(models.QuerySet):
    def para_tarjetas(self):
        """Return the public events a list shows, without the wide columns.

        In Quechua or Aymara, only those translated into it (`en_idioma`). The cards come
        from `{% tarjetas %}`, stored with their organiser: nothing else is read here.
        """
        return self.publicados().en_idioma().defer(*COLUMNAS_ANCHAS)

    def para_datos_abiertos(self):
        """Return the public events with what the API's list and the downloads show."""
        return (
            self.para_tarjetas()
            .select_related("organizador")
            .prefetch_related("temas", "consulados")
        )

    def con_detalle(self):
        """Return the events with everything the detail page shows, in a fixed few queries."""
        # Sessions get their speakers from `participaciones` (repartir_por_sesion).
        campo = self.model._meta.get_field
        participaciones = campo("participaciones").related_model.objects.del_programa()
        colaboraciones = campo("colaboraciones").related_model.objects.select_related(
            "organizacion"
        )
        coberturas = campo("coberturas").related_model.objects.select_related("organizacion")
        sesiones = campo("sesiones").related_model.objects.all()
        return self.select_related("organizador__padre__padre").prefetch_related(
            temas_con_aviso(),
            Prefetch("colaboraciones", queryset=colaboraciones),
            sesiones_con_resultados(sesiones),
            Prefetch("participaciones", queryset=participaciones),
            "consulados",
            Prefetch("coberturas", queryset=coberturas),
        )

    def para_gestion(self):
        """Return the events staff report on, newest first, consulates by name."""
        return (
            self.visibles_para_personal()
            .select_related("organizador")
            .prefetch_related(
                Prefetch("consulados", queryset=Consulado.objects.order_by("nombre", "pk"))
            )
            .order_by("-inicio", "-pk")
        )

    def de_consulado(self, consulado):
        """Return the events `consulado` took part in."""
        # A subquery, not a join: a count over the events must still see every consulate.
        return self.filter(pk__in=consulado.participaciones.values("evento"))

    def resumen_por_consulado(self, consulados):
        """Return `consulados` (a list, or a queryset read here) by name, each with `total`
        and `ultima` over these events.

        One grouped query from the events' side (each event row brings its own start):
        joining every participation to its event, row by row, read 30k pages for four
        consulates at 100k releases. Consulates already read (a filter's choice) cost none.
        """
        eventos = self.order_by().select_related(None).prefetch_related(None)
        if isinstance(consulados, models.QuerySet):
            consulados = list(consulados.order_by("nombre", "pk"))
        else:
            consulados = sorted(consulados, key=lambda c: (c.nombre, c.pk))
        cifras = {
            consulado: (total, ultima)
            for consulado, total, ultima in eventos.filter(
                participaciones_consulares__consulado__in=[c.pk for c in consulados]
            )
            .values("participaciones_consulares__consulado")
            .annotate(total=Count("pk"), ultima=Max("inicio"))
            .order_by()
            .values_list("participaciones_consulares__consulado", "total", "ultima")
        }
        for consulado in consulados:
            consulado.total, consulado.ultima = cifras.get(consulado.pk, (0, None))
        return consulados

    def totales(self):
        """Return {total, primera, ultima}: how many events, the first and last start."""
        return self.order_by().aggregate(
            total=Count("pk"), primera=Min("inicio"), ultima=Max("inicio")
        )

    def por_anio(self):
        """Return {year: number of events} by start year (Lima time)."""
        filas = (
            self.order_by()
            .annotate(anio=ExtractYear("inicio"))
            .values("anio")
            .annotate(n=Count("pk"))
            .order_by("anio")
        )
        return {fila["anio"]: fila["n"] for fila in filas}
