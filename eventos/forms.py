"""Admin form for events: the participating consulates in one searchable, grouped box."""

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from cancilleria.directorio.models import Consulado
from cancilleria.directorio.regiones import agrupar_por_region


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
