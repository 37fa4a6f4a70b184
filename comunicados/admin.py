from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from cancilleria.base.admin_archivos import GuardadoDeArchivosAdminMixin
from cancilleria.base.admin_publicacion import (
    EstadoListFilter,
    ParteDePublicableAdminMixin,
    PublicableAdminMixin,
)
from cancilleria.base.admin_salvaguardas import SalvaguardasAdminMixin
from cancilleria.base.busqueda import BusquedaSinAcentosAdmin
from cancilleria.base.traducciones import resumen_traducciones
from eventos.models import Sesion

from . import adjuntos, services
from .admin_numeros import NumeracionAdminMixin
from .models import Adjunto, Cifra, Cita, Cobertura, Cofirmante, Comunicado


class CifraInline(TranslationStackedInline):
    model = Cifra
    extra = 0
    autocomplete_fields = ["fuente"]


def sesiones_del_evento(comunicado):
    """Return the sessions a quote of `comunicado` may name: its own event's, else none."""
    evento_id = comunicado.evento_id if comunicado is not None else None
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
        formset.form.base_fields["sesion"].queryset = sesiones_del_evento(obj)
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
    NumeracionAdminMixin,
    GuardadoDeArchivosAdminMixin,
    BusquedaSinAcentosAdmin,
    SalvaguardasAdminMixin,
    PublicableAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    servicios = services
    nombre_objeto = "comunicado"
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

    @admin.display(description=_("idiomas"))
    def idiomas(self, obj):
        return resumen_traducciones(obj)


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
