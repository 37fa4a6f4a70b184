"""What the release pages read: QuerySet methods, mixed into `ComunicadoQuerySet`."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from cancilleria.base.filtros import existe
from cancilleria.base.idiomas import marcas_de_traduccion
from eventos.models import Colaboracion, Evento, Participacion
from eventos.selectores import COLUMNAS_ANCHAS as COLUMNAS_ANCHAS_EVENTO
from eventos.selectores import temas_con_aviso

# What no card, feed item or home block shows: the body and the stored search text make
# most of a row's ~4 KB (modeltranslation defers every language of `cuerpo`).
COLUMNAS_ANCHAS = ("cuerpo", "busqueda_es", "busqueda_en", "relacionados")


# Parts few releases have (co-signatories of joint communiqués, partner coverage,
# attachments): an EXISTS in the page's own query says whether to read them, so a
# release without them costs no query for them.
PARTES_OCASIONALES = ("cofirmantes", "coberturas", "adjuntos")


def _partes_ocasionales(modelo):
    campo = modelo._meta.get_field
    return {
        "cofirmantes": Prefetch(
            "cofirmantes",
            queryset=campo("cofirmantes").related_model.objects.select_related("organizacion"),
        ),
        "coberturas": Prefetch(
            "coberturas",
            queryset=campo("coberturas").related_model.objects.select_related("organizacion"),
        ),
        "adjuntos": Prefetch("adjuntos"),
    }


def completar_detalle(comunicado):
    """Read the occasional parts `con_detalle` flagged; give the others an empty list."""
    lecturas = _partes_ocasionales(type(comunicado))
    presentes = []
    for relacion in PARTES_OCASIONALES:
        if getattr(comunicado, f"hay_{relacion}", True):
            presentes.append(lecturas[relacion])
        else:
            vacia = getattr(comunicado, relacion).none()
            vacia._result_cache, vacia._prefetch_done = [], True
            comunicado.__dict__.setdefault("_prefetched_objects_cache", {})[relacion] = vacia
    prefetch_related_objects([comunicado], *presentes)
    return comunicado


class SelectoresComunicado(models.QuerySet):
    def para_tarjetas(self):
        """Return the public releases a list shows, without the wide columns.

        In Quechua or Aymara, only those translated into it (`en_idioma`). The cards come
        from `{% tarjetas %}`, stored with their topics: nothing else is read here.
        """
        return self.publicados().en_idioma().defer(*COLUMNAS_ANCHAS)

    def con_temas(self):
        """Add the topics with their helpline notice (feed items show it; a join)."""
        return self.prefetch_related(temas_con_aviso())

    def para_datos_abiertos(self):
        """Return the public releases with what the API's list and the downloads show."""
        # Public events only: an unpublished event is simply not there (None).
        eventos = Evento.objects.publicados().defer(*COLUMNAS_ANCHAS_EVENTO)
        return (
            self.para_tarjetas()
            .con_temas()
            .prefetch_related("organizaciones", "personas", Prefetch("evento", queryset=eventos))
        )

    def destacado(self):
        """Return the newest public featured release, or None (a partial index answers it)."""
        return (
            self.para_tarjetas()
            .filter(destacado=True)
            .order_by("-fecha_publicacion", "-pk")
            .first()
        )

    def recientes(self, limite, *, excepto=None):
        """Return the `limite` newest public releases for cards, leaving out `excepto`."""
        tarjetas = self.para_tarjetas()
        if excepto is not None:
            tarjetas = tarjetas.exclude(pk=excepto.pk)
        return tarjetas.order_by("-fecha_publicacion", "-pk")[:limite]

    def para_pieza(self):
        """Return the releases with what their page reads besides its stored piece.

        `evento_visible`: whether the linked event is public now (a key of the piece);
        `traducido_qu`, `traducido_ay`: the languages it exists in, without its body.
        """
        visible = Evento.objects.publicados().filter(pk=OuterRef("evento_id"))
        return self.defer(*COLUMNAS_ANCHAS).annotate(
            evento_visible=Exists(visible), **marcas_de_traduccion(self.model)
        )

    def con_detalle(self):
        """Return the releases with everything the detail page shows, in a fixed few queries."""
        campo = self.model._meta.get_field
        citas = campo("citas").related_model.objects.select_related(
            "persona", "cargo__organizacion", "sesion"
        )
        cifras = campo("cifras").related_model.objects.select_related("fuente")
        # The organiser's hierarchy as the event page reads it; sessions get their
        # speakers from the event's participations (eventos.selectores.repartir_por_sesion).
        # Parts most releases lack are only flagged here (completar_detalle reads them).
        marcas = {
            f"hay_{relacion}": Exists(
                campo(relacion).related_model.objects.filter(comunicado=OuterRef("pk"))
            )
            for relacion in PARTES_OCASIONALES
        }
        return (
            self.select_related("evento__organizador__padre__padre")
            .annotate(**marcas)
            .prefetch_related(
                temas_con_aviso(),
                "organizaciones",
                "personas",
                Prefetch("cifras", queryset=cifras),
                Prefetch("citas", queryset=citas),
                "evento__sesiones",
                Prefetch("evento__participaciones", queryset=Participacion.objects.del_programa()),
                Prefetch(
                    "evento__colaboraciones",
                    queryset=Colaboracion.objects.select_related("organizacion"),
                ),
                "evento__consulados",
            )
        )

    def relacionados_con(self, comunicado, limite=3, *, temas=None):
        """Return the newest public releases sharing a topic with `comunicado`.

        `temas`: the keys of its topics, when known (its stored piece has them). Their
        cards leave out the topics (they share one with the page).
        """
        if temas is None:
            temas = [t.pk for t in comunicado.temas.all()]
        if not temas:
            return self.none()
        # EXISTS, not a join + DISTINCT: the newest rows are read in index order and
        # checked one by one until `limite` share a topic.
        return (
            self.para_tarjetas()
            .filter(existe(self.model, "temas__in", temas))
            .exclude(pk=comunicado.pk)
            .order_by("-fecha_publicacion", "-pk")[:limite]
        )

    def sobre_evento(self, evento):
        """Return the public releases about `evento`, newest first."""
        return (
            self.publicados()
            .en_idioma()
            .filter(evento=evento)
            .order_by("-fecha_publicacion", "-pk")
        )
