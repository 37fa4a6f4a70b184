"""'Retirar' and 'Despublicar' in the admin: a page that asks for the reason and replacement.

Withdrawing needs a public reason, so it cannot be a bare button: the change form links to
`<pk>/retirar/` (and `<pk>/despublicar/`), and the bulk action shows the same form for
the selected items. The services check permissions and do the work.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE

RETIRAR = "retirar"
DESPUBLICAR = "despublicar"


class FormularioRetiro(forms.Form):
    """The public reason (one field per content language) and an optional replacement."""

    def __init__(self, *args, modelo, admin_site, objeto=None, con_motivo=True, **kwargs):
        super().__init__(*args, **kwargs)
        if con_motivo:
            for idioma in AVAILABLE_LANGUAGES:
                self.fields[f"motivo_{idioma}"] = forms.CharField(
                    label=_("Motivo público (%(idioma)s)") % {"idioma": idioma.upper()},
                    required=idioma == DEFAULT_LANGUAGE,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                    help_text=_("Se muestra en la página, junto a la fecha del retiro.")
                    if idioma == DEFAULT_LANGUAGE
                    else _("Opcional; si falta se muestra el texto en español."),
                )
        if objeto is not None:
            candidatos = modelo._default_manager.publicados().exclude(pk=objeto.pk)
            self.fields["reemplazo"] = forms.ModelChoiceField(
                queryset=candidatos,
                required=False,
                label=_("Reemplazado por"),
                help_text=_("Opcional: un elemento publicado que lo sustituye."),
                widget=AutocompleteSelect(modelo._meta.get_field("reemplazado_por"), admin_site),
            )

    def motivos(self):
        return {
            idioma: self.cleaned_data.get(f"motivo_{idioma}", "") for idioma in AVAILABLE_LANGUAGES
        }


class RetiroAdminMixin:
    """Add the withdraw and unpublish pages and the bulk action (see PublicableAdminMixin)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        propias = [
            path(
                "<path:object_id>/retirar/",
                self.admin_site.admin_view(self.retirar_view),
                name="{}_{}_retirar".format(*info),
            ),
            path(
                "<path:object_id>/despublicar/",
                self.admin_site.admin_view(self.despublicar_view),
                name="{}_{}_despublicar".format(*info),
            ),
        ]
        return propias + super().get_urls()

    def url_retiro(self, obj, accion):
        opts = self.opts
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{accion}", args=[obj.pk])

    def _objeto_para_retiro(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return None
        if not (self.has_publicar_permission(request) and self.has_change_permission(request, obj)):
            raise PermissionDenied(_("No tiene permiso para publicar."))
        return obj

    def retirar_view(self, request, object_id):
        return self._vista_retiro(request, object_id, RETIRAR)

    def despublicar_view(self, request, object_id):
        return self._vista_retiro(request, object_id, DESPUBLICAR)

    def _vista_retiro(self, request, object_id, accion):
        obj = self._objeto_para_retiro(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        formulario = FormularioRetiro(
            request.POST if request.method == "POST" else None,
            modelo=self.model,
            admin_site=self.admin_site,
            objeto=obj,
            con_motivo=accion == RETIRAR,
            initial=self._inicial_retiro(obj),
        )
        if request.method == "POST" and formulario.is_valid():
            argumentos = {
                self.nombre_objeto: obj,
                "usuario": request.user,
                "reemplazo": formulario.cleaned_data.get("reemplazo"),
            }
            try:
                if accion == RETIRAR:
                    self.servicios.retirar(**argumentos, motivos=formulario.motivos())
                    mensaje = _("«%(obj)s» se retiró: su página muestra el aviso y el motivo.")
                else:
                    self.servicios.despublicar(**argumentos)
                    mensaje = _("«%(obj)s» se despublicó: su dirección ya no muestra el contenido.")
            except ValidationError as error:
                formulario.add_error(None, error)
            else:
                self.message_user(request, mensaje % {"obj": obj}, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[obj.pk],
                    )
                )
        return self._pagina_retiro(request, formulario, accion, objetos=[obj])

    def _inicial_retiro(self, obj):
        # Withdrawing again edits the notice: start from what the public reads now.
        inicial = {"reemplazo": obj.reemplazado_por_id}
        for idioma in AVAILABLE_LANGUAGES:
            inicial[f"motivo_{idioma}"] = getattr(obj, f"motivo_retiro_{idioma}", "")
        return inicial

    def _pagina_retiro(self, request, formulario, accion, *, objetos, en_bloque=False):
        titulo = _("Retirar del sitio") if accion == RETIRAR else _("Despublicar")
        contexto = {
            **self.admin_site.each_context(request),
            "title": titulo,
            "subtitle": None if en_bloque else str(objetos[0]),
            "opts": self.opts,
            "objetos": objetos,
            "objeto": None if en_bloque else objetos[0],
            "formulario": formulario,
            "accion": accion,
            "en_bloque": en_bloque,
            "media": self.media + formulario.media,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/publicable_retiro.html", contexto)

    def retirar_seleccionados(self, request, queryset):
        formulario = FormularioRetiro(
            request.POST if "confirmar_retiro" in request.POST else None,
            modelo=self.model,
            admin_site=self.admin_site,
        )
        if "confirmar_retiro" in request.POST and formulario.is_valid():
            hechos = self._en_bloque(
                request, queryset, self.servicios.retirar, motivos=formulario.motivos()
            )
            self.message_user(
                request,
                ngettext("%d elemento retirado.", "%d elementos retirados.", hechos) % hechos,
            )
            return None
        # First the reason: the same page as for one item, listing the selection.
        return self._pagina_retiro(
            request, formulario, RETIRAR, objetos=list(queryset), en_bloque=True
        )

    retirar_seleccionados.short_description = gettext_lazy("Retirar del sitio")
    retirar_seleccionados.allowed_permissions = ("publicar",)
