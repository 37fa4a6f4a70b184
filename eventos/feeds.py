"""RSS and Atom for the event list, filtered by the same query string as the page."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cancilleria.base.filtros import vincular_filtro

from .filters import EventoFilter
from .models import Evento

ELEMENTOS_POR_FEED = 30


class EventosRssFeed(Feed):
    def get_object(self, request):
        # A feed reader shows no message: an unknown filter is simply not a feed.
        filtro = vincular_filtro(
            EventoFilter,
            request,
            Evento.objects.publicados()
            .defer("busqueda_es", "busqueda_en", "relacionados")
            .select_related("organizador")
            .prefetch_related("temas"),
            invalido_404=True,
        )
        # Kept on the per-request object: the Feed instance is shared between requests.
        filtro.consulta = request.GET.urlencode()
        return filtro

    def title(self, filtro):
        datos = filtro.form.cleaned_data if filtro.is_bound else {}
        nombres = [str(v) for v in (datos.get("tema"), datos.get("organizacion")) if v]
        nombres += [str(c) for c in datos.get("consulado") or []]
        if nombres:
            return _("Eventos de la Cancillería: %(filtros)s") % {"filtros": ", ".join(nombres)}
        return _("Eventos de la Cancillería del Perú")

    def link(self, filtro):
        url = reverse("eventos:lista")
        return f"{url}?{filtro.consulta}" if filtro.consulta else url

    def description(self, filtro):
        return _("Seminarios, reuniones y actividades del Ministerio de Relaciones Exteriores.")

    def items(self, filtro):
        # Newest announcements first, whatever order `cuando` gives the page.
        return filtro.qs.order_by("-fecha_publicacion", "-pk")[:ELEMENTOS_POR_FEED]

    def item_title(self, item):
        return item.nombre

    def item_description(self, item):
        cuando = formats.date_format(timezone.localtime(item.inicio), "DATETIME_FORMAT")
        cabecera = " · ".join(escape(parte) for parte in (cuando, item.lugar) if parte)
        # The description is sanitised rich text (cancilleria/base/html.py).
        return f"<p>{cabecera}</p>{item.descripcion}"

    def item_pubdate(self, item):
        return item.fecha_publicacion

    def item_updateddate(self, item):
        return item.actualizado

    def item_author_name(self, item):
        return str(item.organizador) if item.organizador_id else None

    def item_categories(self, item):
        return [tema.nombre for tema in item.temas.all()]


class EventosAtomFeed(EventosRssFeed):
    feed_type = Atom1Feed
    subtitle = EventosRssFeed.description
