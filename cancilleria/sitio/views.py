"""Project-level pages: home, the directory pages, and the machine endpoints.

The directory's models import no other app; these views compose the apps, which is
the project configuration's job, so they reach releases and events through the
reverse relations and the home page's imports.
"""

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from cancilleria.base.filtros import existe
from cancilleria.base.fragmentos import claves_de
from cancilleria.base.idiomas import filtrar_traducidos
from cancilleria.base.vistas import (
    ExisteEnIdiomaMixin,
    PaginadorDeTarjetas,
    PaginadorPorClaves,
    paginar,
)
from cancilleria.directorio import estructurados
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from comunicados.models import Cita, Comunicado
from comunicados.selectores import COLUMNAS_ANCHAS as COLUMNAS_COMUNICADO
from eventos.models import Evento
from eventos.selectores import COLUMNAS_ANCHAS as COLUMNAS_EVENTO

# Items per section of a directory page; the full, paginated lists are one link away.
POR_SECCION = 12


class InicioView(TemplateView):
    template_name = "sitio/inicio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Both read the newest rows through the published-date indexes and stop.
        destacado = Comunicado.objects.destacado()
        context["destacado"] = destacado
        context["comunicados"] = Comunicado.objects.recientes(6, excepto=destacado)
        context["proximos_eventos"] = Evento.objects.para_tarjetas().primeros_proximos(4)
        context["temas_destacados"] = filtrar_traducidos(Tema.objects.filter(destacado=True))[:8]
        return context


class TemaDetailView(ExisteEnIdiomaMixin, DetailView):
    model = Tema
    # The helpline notice of a sensitive topic comes with it (issue 14).
    queryset = Tema.objects.select_related("aviso_ayuda")
    template_name = "sitio/tema_detail.html"
    context_object_name = "tema"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The newest few; the paginated lists, filtered by the topic, hold the rest.
        tema = self.object
        # Their keys alone: the page shows their stored cards.
        context["comunicados"] = claves_de(
            Comunicado.objects.para_tarjetas()
            .filter(existe(Comunicado, "temas__exact", tema))
            .order_by("-fecha_publicacion", "-pk")[:POR_SECCION]
        )
        context["eventos"] = claves_de(
            Evento.objects.para_tarjetas()
            .filter(existe(Evento, "temas__exact", tema))
            .order_by("-inicio", "-pk")[:POR_SECCION]
        )
        return context


class OrganizacionDetailView(ExisteEnIdiomaMixin, DetailView):
    model = Organizacion
    template_name = "sitio/organizacion_detail.html"
    context_object_name = "organizacion"

    def get_queryset(self):
        return Organizacion.objects.select_related("padre__padre__padre").prefetch_related(
            "dependencias"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        context["datos_estructurados"] = estructurados.organizacion(
            org, self.request.build_absolute_uri(org.get_absolute_url())
        )
        # The newest few of each; the paginated lists, filtered by it, hold the rest.
        # Their keys alone: the page shows their stored cards.
        eventos = Evento.objects.para_tarjetas().order_by("-inicio", "-pk")
        context["eventos_organizados"] = claves_de(eventos.filter(organizador=org)[:POR_SECCION])
        context["eventos_colaborados"] = claves_de(
            eventos.filter(existe(Evento, "colaboraciones__organizacion", org))[:POR_SECCION]
        )
        context["comunicados"] = claves_de(
            Comunicado.objects.para_tarjetas()
            .filter(existe(Comunicado, "organizaciones__exact", org))
            .order_by("-fecha_publicacion", "-pk")[:POR_SECCION]
        )
        return context


class PersonaDetailView(ExisteEnIdiomaMixin, DetailView):
    model = Persona
    template_name = "sitio/persona_detail.html"
    context_object_name = "persona"

    def get_queryset(self):
        return Persona.objects.prefetch_related(
            Prefetch(
                "cargos",
                queryset=Cargo.objects.select_related("organizacion").order_by("-desde", "-pk"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        persona = self.object
        context["datos_estructurados"] = estructurados.persona(
            persona,
            self.request.build_absolute_uri(persona.get_absolute_url()),
            cargos=persona.cargos.all(),
        )
        # Paginated: a speaker at hundreds of events made a page of 1.5 MB. EXISTS per
        # row (not IN over every public event), so counting stops at the page range.
        context.update(
            paginar(
                self.request,
                persona.participaciones.filter(
                    Exists(Evento.objects.publicados().en_idioma().filter(pk=OuterRef("evento_id")))
                )
                .select_related("evento", "cargo", "sesion")
                .defer(*(f"evento__{c}" for c in COLUMNAS_EVENTO))
                .order_by("-evento__inicio", "-evento_id", "orden", "pk"),
            )
        )
        context["participaciones"] = context["page_obj"].object_list
        # Releases that name the person or quote them, newest first, on pages of their own;
        # their keys read once (PaginadorPorClaves): the OR of two EXISTS is dear.
        comunicados = paginar(
            self.request,
            Comunicado.objects.para_tarjetas()
            .filter(
                existe(Comunicado, "personas__exact", persona)
                | existe(Comunicado, "citas__persona", persona)
            )
            .order_by("-fecha_publicacion", "-pk"),
            parametro="pagina_comunicados",
            clase=PaginadorPorClaves,
        )
        context["comunicados"] = comunicados["page_obj"].object_list
        context["paginas_comunicados"] = comunicados
        # The newest quotes (the releases above hold every one): the newest releases
        # quoting the person first (the date index, stopping at POR_SECCION), then their
        # quotes; sorting all of a person's quotes by their release's date grew with the
        # archive (4k quotes, 80 ms at 100k releases).
        recientes = (
            Comunicado.objects.publicados()
            .en_idioma()
            .filter(Exists(Cita.objects.filter(comunicado=OuterRef("pk"), persona=persona)))
            .order_by("-fecha_publicacion", "-pk")
            .values("pk")[:POR_SECCION]
        )
        context["citas"] = (
            persona.citas.filter(comunicado__in=recientes)
            .select_related("comunicado", "cargo")
            .defer(*(f"comunicado__{c}" for c in COLUMNAS_COMUNICADO))
            .order_by("-comunicado__fecha_publicacion", "-comunicado_id", "orden", "pk")[
                :POR_SECCION
            ]
        )
        return context


class ConsuladoDetailView(ExisteEnIdiomaMixin, DetailView):
    model = Consulado
    template_name = "sitio/consulado_detail.html"
    context_object_name = "consulado"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Paginated: an office in thousands of events made a page of 891 KB.
        context.update(
            paginar(
                self.request,
                Evento.objects.para_tarjetas()
                .filter(existe(Evento, "consulados__exact", self.object))
                .order_by("-inicio", "-pk"),
                clase=PaginadorDeTarjetas,
            )
        )
        context["eventos"] = context["page_obj"].object_list
        return context


@never_cache
@require_GET
def salud(request):
    """Answer 200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        respuesta = JsonResponse({"estado": "error", "base_de_datos": False}, status=503)
        respuesta["Retry-After"] = str(getattr(settings, "SEGUNDOS_REINTENTO_BASE_DE_DATOS", 30))
        return respuesta
    return JsonResponse({"estado": "ok", "base_de_datos": True})


@require_GET
def robots(request):
    lineas = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /gestion/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lineas) + "\n", content_type="text/plain; charset=utf-8")
