"""Project-level pages: home, the directory pages, and the machine endpoints.

The directory's models import no other app; these views compose the apps, which is
the project configuration's job, so they reach releases and events through the
reverse relations and the home page's imports.
"""

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from cancilleria.directorio import estructurados
from cancilleria.directorio.models import Cargo, Consulado, Organizacion, Persona, Tema
from comunicados.models import Comunicado
from eventos.models import Evento


class InicioView(TemplateView):
    template_name = "sitio/inicio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publicados = Comunicado.objects.para_tarjetas()
        destacado = publicados.filter(destacado=True).order_by("-fecha_publicacion", "-pk").first()
        context["destacado"] = destacado
        if destacado:
            publicados = publicados.exclude(pk=destacado.pk)
        context["comunicados"] = publicados.order_by("-fecha_publicacion", "-pk")[:6]
        context["proximos_eventos"] = (
            Evento.objects.publicados()
            .proximos()
            .select_related("organizador")
            .order_by("inicio", "pk")[:4]
        )
        context["temas_destacados"] = Tema.objects.filter(destacado=True)[:8]
        return context


class TemaDetailView(DetailView):
    model = Tema
    template_name = "sitio/tema_detail.html"
    context_object_name = "tema"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comunicados"] = self.object.comunicados.para_tarjetas().order_by(
            "-fecha_publicacion", "-pk"
        )[:12]
        context["eventos"] = (
            self.object.eventos.publicados()
            .select_related("organizador")
            .order_by("-inicio", "-pk")[:12]
        )
        return context


class OrganizacionDetailView(DetailView):
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
        context["eventos_organizados"] = (
            org.eventos_organizados.publicados()
            .select_related("organizador")
            .order_by("-inicio", "-pk")[:12]
        )
        context["eventos_colaborados"] = (
            org.eventos_colaborados.publicados()
            .select_related("organizador")
            .distinct()
            .order_by("-inicio", "-pk")[:12]
        )
        context["comunicados"] = org.comunicados.para_tarjetas().order_by(
            "-fecha_publicacion", "-pk"
        )[:12]
        return context


class PersonaDetailView(DetailView):
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
        context["participaciones"] = (
            persona.participaciones.filter(evento__in=Evento.objects.publicados())
            .select_related("evento", "cargo", "sesion")
            .order_by("-evento__inicio", "-evento_id", "orden", "pk")
        )
        context["citas"] = (
            persona.citas.filter(comunicado__in=Comunicado.objects.publicados())
            .select_related("comunicado", "cargo")
            .order_by("-comunicado__fecha_publicacion", "-comunicado_id", "orden", "pk")
        )
        return context


class ConsuladoDetailView(DetailView):
    model = Consulado
    template_name = "sitio/consulado_detail.html"
    context_object_name = "consulado"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["eventos"] = (
            self.object.eventos.publicados()
            .select_related("organizador")
            .order_by("-inicio", "-pk")
        )
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
