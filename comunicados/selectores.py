"""What the release pages read: QuerySet methods, mixed into `ComunicadoQuerySet`."""

from django.db import models
from django.db.models import Prefetch

from eventos.models import Participacion, Sesion


class SelectoresComunicado(models.QuerySet):
    def para_tarjetas(self):
        """Return the public releases with what a list card shows."""
        return self.publicados().prefetch_related("temas")

    def con_detalle(self):
        """Return the releases with everything the detail page shows, in a fixed few queries."""
        citas = self.model._meta.get_field("citas").related_model.objects.select_related(
            "persona", "cargo__organizacion", "sesion"
        )
        return self.select_related("evento__organizador").prefetch_related(
            "temas",
            "organizaciones",
            "personas",
            "adjuntos",
            "cifras__fuente",
            Prefetch("citas", queryset=citas),
            Prefetch("evento__sesiones", queryset=Sesion.objects.con_participaciones()),
            Prefetch("evento__participaciones", queryset=Participacion.objects.del_programa()),
            "evento__colaboraciones__organizacion",
            "evento__consulados",
        )

    def relacionados_con(self, comunicado, limite=3):
        """Return the newest public releases sharing a topic with `comunicado`."""
        return (
            self.publicados()
            .filter(temas__in=[t.pk for t in comunicado.temas.all()])
            .exclude(pk=comunicado.pk)
            .distinct()
            .prefetch_related("temas")
            .order_by("-fecha_publicacion", "-pk")[:limite]
        )

    def sobre_evento(self, evento):
        """Return the public releases about `evento`, newest first."""
        return self.publicados().filter(evento=evento).order_by("-fecha_publicacion", "-pk")
