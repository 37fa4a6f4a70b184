from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from cancilleria.base.admin_archivos import GuardadoDeArchivosAdminMixin
from cancilleria.base.admin_paneles import PanelesAdminMixin
from cancilleria.base.admin_publicacion import (
    EstadoListFilter,
    ParteDePublicableAdminMixin,
    PublicableAdminMixin,
)
from cancilleria.base.admin_salvaguardas import SalvaguardasAdminMixin
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin
from cancilleria.base.traducciones import resumen_traducciones
from eventos.models import Evento, Sesion

from . import adjuntos, services
from .admin_numeros import NumeracionAdminMixin
from .models import Adjunto, Cifra, Cita, Cobertura, Cofirmante, Comunicado
from .sugerencias import sugerir


class CifraInline(TranslationStackedInline):
    model = Cifra
    extra = 0
    autocomplete_fields = ["fuente"]


def sesiones_del_evento(comunicado, evento_enviado=None):
    """Return the sessions a quote of `comunicado` may name: its own event's, else none.

    `evento_enviado` is the event chosen in the submitted form, which wins: a new release
    has no event yet, and an edited one may be changing it.
    """
    evento_id = comunicado.evento_id if comunicado is not None else None
    if evento_enviado and str(evento_enviado).isdigit():
        evento_id = int(evento_enviado)
    if evento_id is None:
        return Sesion.objects.none()
    return Sesion.objects.filter(evento_id=evento_id).order_by("orden", "inicio", "pk")


class CitaInline(TranslationStackedInline):
    model = Cita
    extra = 0
    autocomplete_fields = ["persona", "cargo"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A new form class per call: narrowing its field touches no other request.
        formset.form.base_fields["sesion"].queryset = sesiones_del_evento(
            obj, request.POST.get("evento") if request.method == "POST" else None
        )
        return formset


def descripcion_adjunto(obj):
    if not obj or not obj.formato:
        return "—"
    return f"{obj.get_formato_display()}, {filesizeformat(obj.tamano)}"


class AdjuntoForm(forms.ModelForm):
    """The model's validators decide; this only says the rules where the file is chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields.get("archivo")
        if campo is not None:
            campo.help_text = adjuntos.ayuda()
            campo.widget.attrs["accept"] = adjuntos.accept()


class AdjuntoInline(TranslationTabularInline):
    model = Adjunto
    form = AdjuntoForm
    extra = 0
    readonly_fields = ["formato_y_tamano"]

    @admin.display(description=_("formato"))
    def formato_y_tamano(self, obj):
        return descripcion_adjunto(obj)


class CofirmanteInline(admin.TabularInline):
    """The co-signatories of a joint communiqué, in the order they sign."""

    model = Cofirmante
    extra = 0
    autocomplete_fields = ["organizacion"]


class CoberturaInline(admin.TabularInline):
    """Links to partners' own stories about the release (shown, never fetched)."""

    model = Cobertura
    extra = 0
    autocomplete_fields = ["organizacion"]


@admin.register(Comunicado)
# Workflow first, then history (its save_model records the user), then the language tabs.
# The safeguards come before the workflow: their form field is not the model's.
class ComunicadoAdmin(
    PanelesAdminMixin,
    NumeracionAdminMixin,
    GuardadoDeArchivosAdminMixin,
    BusquedaSinAcentosAdmin,
    SalvaguardasAdminMixin,
    PublicableAdminMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    servicios = services
    nombre_objeto = "comunicado"
    # The desk's panels, in the order a release is written; the parts (co-signatories,
    # figures, quotes, attachments, coverage) follow as their own panels.
    paneles = (
        (
            _("Contenido"),
            ("tipo", "ambito", "numero", "titulo", "slug", "bajada", "resumen", "cuerpo")
            + ("lugar", "destacado", "idiomas"),
        ),
        (_("Imagen principal"), ("imagen", "texto_alternativo", "pie_de_foto", "credito")),
        (_("Evento y temas"), ("evento", "temas")),
        (_("Organizaciones y personas mencionadas"), ("organizaciones", "personas")),
    )
    readonly_fields = ["idiomas"]
    url_vista_previa = "comunicados:vista_previa"
    list_display = [
        "titulo",
        "tipo",
        "estado_display",
        "publicacion_display",
        "idiomas_display",
        "destacado",
    ]
    list_filter = [
        EstadoListFilter,
        "tipo",
        "ambito",
        "temas",
        ("fecha_publicacion", admin.DateFieldListFilter),
        "destacado",
    ]
    search_fields = ["titulo_es", "titulo_en", "bajada_es", "bajada_en", "slug"]
    date_hierarchy = "fecha_publicacion"
    autocomplete_fields = ["temas", "evento", "organizaciones", "personas"]
    prepopulated_fields = {"slug": ["titulo_es"]}
    inlines = [CofirmanteInline, CifraInline, CitaInline, AdjuntoInline, CoberturaInline]

    class Media:
        js = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/jquery.init.js", "js/escritorio.js"]
        css = {"all": ["css/escritorio.css"]}

    @admin.display(description=_("idiomas"))
    def idiomas(self, obj):
        return resumen_traducciones(obj)

    def get_urls(self):
        propias = [
            path(
                "sugerencias/",
                self.admin_site.admin_view(self.sugerencias),
                name="comunicados_comunicado_sugerencias",
            )
        ]
        return propias + super().get_urls()

    def sugerencias(self, request):
        """Answer (JSON) the topics, organisations and people the posted text mentions."""
        if request.method != "POST":
            return JsonResponse({"error": "POST"}, status=405)
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return JsonResponse({"error": "forbidden"}, status=403)
        evento_id = request.POST.get("evento") or ""
        evento = (
            Evento.objects.filter(pk=evento_id).select_related("organizador").first()
            if evento_id.isdigit()
            else None
        )
        texto = request.POST.get("texto", "")[:200_000]
        return JsonResponse(sugerir(texto, evento=evento).como_json())


@admin.register(Cifra)
class CifraAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "comunicado"
    list_display = ["__str__", "comunicado", "fuente"]
    list_select_related = ["comunicado", "fuente"]
    search_fields = ["descripcion_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "fuente"]


@admin.register(Cita)
class CitaAdmin(ParteDePublicableAdminMixin, TabbedTranslationAdmin):
    campo_padre = "comunicado"
    list_display = ["__str__", "comunicado"]
    list_select_related = ["persona", "comunicado"]
    search_fields = ["texto_es", "persona__nombre", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado", "persona", "cargo"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "sesion" in form.base_fields:
            form.base_fields["sesion"].queryset = sesiones_del_evento(
                obj.comunicado if obj is not None else None
            )
        return form


@admin.register(Adjunto)
class AdjuntoAdmin(
    GuardadoDeArchivosAdminMixin, ParteDePublicableAdminMixin, TabbedTranslationAdmin
):
    campo_padre = "comunicado"
    form = AdjuntoForm
    readonly_fields = ["formato_y_tamano"]
    list_display = ["titulo", "comunicado", "formato_y_tamano"]
    list_select_related = ["comunicado"]
    search_fields = ["titulo_es", "comunicado__titulo_es"]
    autocomplete_fields = ["comunicado"]

    @admin.display(description=_("formato"))
    def formato_y_tamano(self, obj):
        return descripcion_adjunto(obj)
