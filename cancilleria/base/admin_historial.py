"""The change history in the admin: readable values, and one query per page for m2m diffs."""

import datetime
import itertools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from .diferencias import diferencia_por_palabras, texto_de_html
from .html import CampoTextoEnriquecido


class AyudanteHistorial(HistoricalRecordContextHelper):
    """Show history changes as people read them: choice labels, no "None → empty"."""

    def context_for_delta_changes(self, delta):
        def vacio(valor):
            return valor in (None, "", "None", "—")

        cambios = []
        for cambio, contexto in zip(
            delta.changes, super().context_for_delta_changes(delta), strict=True
        ):
            if vacio(contexto["old"]) and vacio(contexto["new"]):
                continue
            # Texts (one field per language: "Título [en]") get a word-level diff.
            campo = self.model._meta.get_field(cambio.field)
            if isinstance(campo, (models.CharField, models.TextField)) and not campo.choices:
                antes, despues = cambio.old or "", cambio.new or ""
                if isinstance(campo, CampoTextoEnriquecido):
                    antes, despues = texto_de_html(antes), texto_de_html(despues)
                contexto["diff"] = diferencia_por_palabras(antes, despues)
            cambios.append(contexto)
        return cambios

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets whoever may *view* the history post its revert form: a
        # revert is an edit, so it needs the right to change this item.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

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
