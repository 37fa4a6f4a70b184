"""Admin form for events: the participating consulates in one searchable, grouped box."""

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from cancilleria.directorio.models import Consulado
from cancilleria.directorio.regiones import Region, agrupar_por_region


class ConsuladosPorRegionIterator(ModelChoiceIterator):
    """Yield the consulates as <optgroup>s, one per region, in the regions' own order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from agrupar_por_region(self.queryset, valor=self.choice)

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class CampoConsulados(forms.ModelMultipleChoiceField):
    iterator = ConsuladosPorRegionIterator

    def label_from_instance(self, obj):
        # The country disambiguates offices with similar names (two in Spain, say).
        return f"{obj.nombre} ({obj.pais.name})" if obj.pais else obj.nombre


class EventoAdminForm(forms.ModelForm):
    # No Meta: the admin builds it for Evento with every field, and this adds one.
    # Evento.consulados goes through ParticipacionConsular, which has no other
    # fields, so ModelForm's save_m2m can .set() it: one query to read, one to
    # delete what was removed, one to insert what was added.
    consulados = CampoConsulados(
        queryset=Consulado.objects.order_by("nombre", "pk"),
        required=False,
        label=_("consulados participantes"),
        # Capitalised: the widget starts its headings with it ("Consulados disponibles").
        widget=FilteredSelectMultiple(_("Consulados"), is_stacked=False),
        help_text=_(
            "Escriba para filtrar; «Elegir todos» añade los que se ven. Agrupados por región."
        ),
    )


# ---- paste the consulates as the release names them ----


class CampoListaConsulados(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3, "class": "lista-consulados"})


def resolver_lista(texto):
    """Resolve a pasted list of consulate names (the directory's resolver decides)."""
    from cancilleria.directorio.resolucion import resolver_consulados

    return resolver_consulados(texto)


class EventoConConsuladosForm(EventoAdminForm):
    """Event form: the consulates chosen in the box plus those of a pasted list."""

    consulados_texto = CampoListaConsulados(
        required=False,
        label=_("pegar lista de consulados"),
        help_text=_(
            "Pegue los nombres como los escribe el comunicado («Alemania, Argentina, …, "
            "China (RAE Hong Kong) y Perú»). Al guardar se añaden a la lista de arriba, "
            "sin repetidos; los que no se reconozcan se muestran aquí para elegirlos."
        ),
    )

    consulados_region = forms.MultipleChoiceField(
        required=False,
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "regiones-consulados"}),
        label=_("añadir todas las oficinas de"),
        help_text=_("Al guardar se añaden a la lista de arriba todas las oficinas de la región."),
    )

    def clean(self):
        datos = super().clean()
        regiones = datos.get("consulados_region") or []
        if regiones:
            datos["consulados"] = _union(
                datos.get("consulados"),
                Consulado.objects.filter(region__in=regiones).order_by("nombre", "pk"),
            )
            datos["consulados_region"] = []
        texto = (datos.get("consulados_texto") or "").strip()
        if not texto:
            return datos
        resultado = resolver_lista(texto)
        problemas = []
        if resultado.no_resueltos:
            problemas.append(
                _("No se reconocen: %(nombres)s. Corríjalos o elíjalos en la lista de arriba.")
                % {"nombres": ", ".join(resultado.no_resueltos)}
            )
        for nombre, opciones in _pares(resultado.ambiguos):
            problemas.append(
                _("«%(nombre)s» puede ser: %(opciones)s. Elija el que corresponda arriba.")
                % {"nombre": nombre, "opciones": "; ".join(str(o) for o in opciones)}
            )
        if problemas:
            # What was typed stays in the field, with the names that need a choice.
            self.add_error("consulados_texto", problemas)
            return datos
        datos["consulados"] = _union(datos.get("consulados"), resultado.consulados)
        # Resolved: the list now lives in the box above, so the text is not kept.
        datos["consulados_texto"] = ""
        return datos


def _union(elegidos, nuevos):
    # Those already chosen first, then the new ones, each office once.
    union = list(elegidos or [])
    vistos = {c.pk for c in union}
    for consulado in nuevos:
        if consulado.pk not in vistos:
            vistos.add(consulado.pk)
            union.append(consulado)
    return union


def _pares(ambiguos):
    # The resolver may give a mapping or a list of (name, options) pairs.
    if hasattr(ambiguos, "items"):
        return list(ambiguos.items())
    return list(ambiguos or [])


# ---- speakers: sessions of this event, including rows added in the same form ----

PREFIJO_SESION_NUEVA = "nueva:"


class SesionDelFormularioField(forms.ChoiceField):
    """A session of this event: a saved one (its pk) or a new row of the same form."""

    def __init__(self, *args, sesiones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = [("", "---------"), *((str(s.pk), str(s)) for s in sesiones)]

    def valid_value(self, value):
        # New rows exist only in the submitted form: their reference is checked on save.
        return super().valid_value(value) or (
            isinstance(value, str)
            and value.startswith(PREFIJO_SESION_NUEVA)
            and value[len(PREFIJO_SESION_NUEVA) :].replace("-", "").isalnum()
        )


class ParticipacionForm(forms.ModelForm):
    sesion_ref = forms.CharField(required=False)  # replaced per event in __init__

    class Meta:
        fields = ["persona", "cargo", "rol", "orden"]

    def __init__(self, *args, sesiones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sesion_ref"] = SesionDelFormularioField(
            label=_("sesión"),
            required=False,
            sesiones=sesiones,
            widget=forms.Select(attrs={"class": "sesion-del-evento"}),
        )
        if self.instance.sesion_id:
            self.initial["sesion_ref"] = str(self.instance.sesion_id)
        enviado = self.data.get(self.add_prefix("sesion_ref"), "") if self.is_bound else ""
        if enviado.startswith(PREFIJO_SESION_NUEVA):
            # A new row chosen before a failed save stays chosen when the form comes back.
            campo = self.fields["sesion_ref"]
            campo.choices = [*campo.choices, (enviado, _("sesión nueva de este formulario"))]
        self.sesiones_nuevas = {}

    def save(self, commit=True):
        ref = self.cleaned_data.get("sesion_ref") or ""
        if ref.startswith(PREFIJO_SESION_NUEVA):
            self.instance.sesion = self.sesiones_nuevas.get(ref[len(PREFIJO_SESION_NUEVA) :])
        elif ref:
            self.instance.sesion_id = int(ref)
        else:
            self.instance.sesion = None
        return super().save(commit)
