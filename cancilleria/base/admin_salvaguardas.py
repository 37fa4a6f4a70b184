"""Trafficking safeguards in the admin's change form (see `salvaguardas`).

On a sensitive item the form lists the sentences that may identify a victim; pressing
"Enviar a revisión", "Publicar ahora" or "Programar" with warnings not yet acknowledged,
or with a lead image not confirmed, is a form error that keeps what was typed. The
acknowledgement is stored (fingerprint, who, when) and recorded in the history.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import salvaguardas
from .admin_botones_publicacion import BOTON_ENVIAR, BOTON_PROGRAMAR, BOTON_PUBLICAR

BOTONES_QUE_PUBLICAN = (BOTON_ENVIAR, BOTON_PUBLICAR, BOTON_PROGRAMAR)
CAMPO_RECONOCER = "reconocer_advertencias"
CAMPO_IMAGEN = "confirmar_imagen"


def _es_sensible(formulario):
    temas = formulario.cleaned_data.get("temas") if "temas" in formulario.fields else None
    if temas is None:
        return formulario.instance.es_sensible
    return any(tema.sensible for tema in temas)


def _lista(advertencias):
    return format_html_join(
        "",
        "<li><strong>{}</strong>: «{}» — <q>{}</q></li>",
        ((a.descripcion, a.fragmento, a.frase) for a in advertencias),
    )


class SalvaguardasAdminMixin:
    """Add the victim-identification check to a ModelAdmin of a `Salvaguardable` model."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "advertencias_actuales"]

    def get_fieldsets(self, request, obj=None):
        conjuntos = [
            (
                nombre,
                {**opciones, "fields": [c for c in opciones["fields"] if c not in self._propios]},
            )
            for nombre, opciones in super().get_fieldsets(request, obj)
        ]
        conjuntos.append(
            (
                gettext_lazy("Protección de víctimas"),
                {
                    "fields": [
                        "advertencias_actuales",
                        CAMPO_RECONOCER,
                        *([CAMPO_IMAGEN] if self._con_imagen() else []),
                    ],
                    "description": gettext_lazy(
                        "En temas sensibles (p. ej. trata de personas), antes de enviar a "
                        "revisión o publicar, revise las frases que podrían identificar a una "
                        "víctima: corríjalas o reconózcalas."
                    ),
                },
            )
        )
        return conjuntos

    _propios = ("advertencias_actuales", CAMPO_RECONOCER, CAMPO_IMAGEN)

    def _con_imagen(self):
        return any(f.name == "imagen_confirmada_en" for f in self.model._meta.fields)

    @admin.display(description=gettext_lazy("advertencias"))
    def advertencias_actuales(self, obj):
        if obj is None or obj.pk is None or not obj.es_sensible:
            return _("Ningún tema sensible.")
        advertencias = salvaguardas.advertencias_de(obj)
        if not advertencias:
            return _("Sin advertencias.")
        lista = format_html('<ul class="advertencias">{}</ul>', _lista(advertencias))
        if obj.advertencias_reconocidas == salvaguardas.huella(advertencias):
            quien = obj.advertencias_reconocidas_por
            cuando = obj.advertencias_reconocidas_en
            return format_html(
                "{}<p>{}</p>",
                lista,
                _("Reconocidas por %(quien)s el %(cuando)s.")
                % {
                    "quien": quien.get_username() if quien else "—",
                    "cuando": date_format(timezone.localtime(cuando), "SHORT_DATETIME_FORMAT")
                    if cuando
                    else "—",
                },
            )
        return lista

    def get_form(self, request, obj=None, **kwargs):
        # Our fields are declared on the base form Django builds on, so the field list it
        # takes from the fieldsets (ours included) is valid wherever the form is made.
        formulario = kwargs.get("form", self.form)
        con_imagen = self._con_imagen()
        publicando = request.method == "POST" and any(
            b in request.POST for b in BOTONES_QUE_PUBLICAN
        )
        usuario = request.user

        class FormularioSalvaguardas(formulario):
            reconocer_advertencias = forms.BooleanField(
                label=gettext_lazy("He revisado estas advertencias"),
                required=False,
                help_text=gettext_lazy(
                    "Confirmo que el texto no permite identificar a ninguna víctima tal como "
                    "está; queda registrado con su nombre y la fecha en el historial."
                ),
            )

            if con_imagen:
                confirmar_imagen = forms.BooleanField(
                    label=gettext_lazy("Nadie identificable en la imagen"),
                    required=False,
                    help_text=gettext_lazy(
                        "En temas sensibles: confirmo que la imagen principal no permite "
                        "identificar a ninguna víctima (rostro, nombre, lugar, uniforme). "
                        "Se pide de nuevo si cambia la imagen."
                    ),
                )

            def clean(self):
                datos = super().clean()
                self.reconocimiento = None
                if not publicando or not _es_sensible(self):
                    return datos
                advertencias = salvaguardas.advertencias_de(self.instance, datos)
                clave = salvaguardas.huella(advertencias)
                if advertencias and clave != self.instance.advertencias_reconocidas:
                    if datos.get(CAMPO_RECONOCER):
                        self.reconocimiento = (clave, usuario, len(advertencias))
                    else:
                        self.add_error(
                            CAMPO_RECONOCER,
                            ValidationError(
                                format_html(
                                    "{}<ul>{}</ul>",
                                    _(
                                        "Antes de enviar a revisión o publicar, corrija o "
                                        "reconozca estas %(n)s advertencias:"
                                    )
                                    % {"n": len(advertencias)},
                                    _lista(advertencias),
                                ),
                                code="advertencias_sin_reconocer",
                            ),
                        )
                        # The panel is at the end of a long form: say so at the top.
                        self.add_error(
                            None,
                            ValidationError(
                                _(
                                    "Hay datos que podrían identificar a una víctima: vea el "
                                    "panel «Protección de víctimas», más abajo."
                                ),
                                code="ver_advertencias",
                            ),
                        )
                imagen = datos.get("imagen", getattr(self.instance, "imagen", None))
                sin_confirmar = (
                    (self.instance.imagen_confirmada_en is None or "imagen" in self.changed_data)
                    if con_imagen
                    else False
                )
                if imagen and sin_confirmar and not datos.get(CAMPO_IMAGEN):
                    self.add_error(
                        CAMPO_IMAGEN,
                        ValidationError(
                            _(
                                "En un tema sensible, confirme que la imagen no permite "
                                "identificar a una víctima, o quítela."
                            ),
                            code="imagen_sin_confirmar",
                        ),
                    )
                return datos

        FormularioSalvaguardas.__name__ = formulario.__name__
        kwargs["form"] = FormularioSalvaguardas
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if self._con_imagen():
            if form.cleaned_data.get(CAMPO_IMAGEN):
                obj.imagen_confirmada_en = timezone.now()
            elif "imagen" in form.changed_data:
                # A new image has not been looked at yet.
                obj.imagen_confirmada_en = None
        reconocimiento = getattr(form, "reconocimiento", None)
        if reconocimiento:
            clave, usuario, cuantas = reconocimiento
            obj.advertencias_reconocidas = clave
            obj.advertencias_reconocidas_por = usuario
            obj.advertencias_reconocidas_en = timezone.now()
            obj._change_reason = _("Advertencias de identificación reconocidas (%(n)s)") % {
                "n": cuantas
            }
        super().save_model(request, obj, form, change)
