"""The change history in the admin: readable values, and one query per page for m2m diffs."""

import datetime
import itertools

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name


class AyudanteHistorial(HistoricalRecordContextHelper):
    """Show history changes as people read them: choice labels, no "None → empty"."""

    def context_for_delta_changes(self, delta):
        def vacio(valor):
            return valor in (None, "", "None", "—")

        cambios = super().context_for_delta_changes(delta)
        return [c for c in cambios if not (vacio(c["old"]) and vacio(c["new"]))]

    def prepare_delta_change_value(self, change, value):
        campo = self.model._meta.get_field(change.field)
        if value is None:
            return "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        if campo.choices and not campo.many_to_many:
            return dict(campo.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


class HistorialAdminMixin:
    """Show a `Publicable`'s history as people read it, at a cost that does not grow."""

    def get_historical_record_context_helper(self, request, historical_record):
        return AyudanteHistorial(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The library diffs many-to-many fields with queries per version; read the whole
        # page's rows at once instead, so the page costs the same with 3 or 100 versions.
        registros = list(historical_records)
        campos_m2m = list(self.model.history.model._history_m2m_fields)
        filas = {}
        for campo in campos_m2m:
            inverso = get_m2m_reverse_field_name(campo)
            consulta = (
                HistoricalRecords.m2m_models[campo]
                .objects.filter(history__in=[r.history_id for r in registros])
                .select_related(inverso)
                .order_by(inverso)
            )
            for fila in consulta:
                filas.setdefault((campo.name, fila.history_id), []).append(getattr(fila, inverso))
        for nuevo, viejo in itertools.pairwise(registros):
            delta = nuevo.diff_against(
                viejo,
                excluded_fields=[c.name for c in campos_m2m],
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            cambios = self.get_historical_record_context_helper(
                request, nuevo
            ).context_for_delta_changes(delta)
            for campo in campos_m2m:
                antes = filas.get((campo.name, viejo.history_id), [])
                despues = filas.get((campo.name, nuevo.history_id), [])
                if antes != despues:
                    cambios.append(
                        {
                            "field": capfirst(campo.verbose_name),
                            "old": ", ".join(map(str, antes)) or "—",
                            "new": ", ".join(map(str, despues)) or "—",
                        }
                    )
            nuevo.history_delta_changes = cambios
