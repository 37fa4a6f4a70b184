"""The search field of the public pages: the lists' `q` and the /buscar/ form."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.forms.renderers import Jinja2
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import marcado
from .modelo import CANDIDATOS
from .texto import hay_consulta, solo_palabras_vacias


class RenderizadorPublico(Jinja2):
    """Django's own Jinja2 copies of the widget templates, with <select> written in Python.

    The same HTML as the template language's, several times faster (make bench); a
    template per <option> was still most of a list's filter form, so a select box is
    written in Python (cancilleria.base.marcado; a test compares them).
    """

    def render(self, template_name, context, request=None):
        if template_name == marcado.SELECT and marcado.es_select_simple(context["widget"]):
            return marcado.select(context["widget"])
        return super().render(template_name, context, request)


# One instance, so its template engine is built once per process.
RENDERIZADOR_PUBLICO = RenderizadorPublico()


def validar_consulta(texto):
    """Refuse a query made only of stop words: it would match nothing, on both databases."""
    if solo_palabras_vacias(texto, get_language()):
        raise ValidationError(
            _(
                "«%(consulta)s» solo tiene palabras demasiado comunes para buscarlas. "
                "Escriba palabras más específicas: un tema, un país, una organización o "
                "un nombre."
            ),
            code="solo_palabras_vacias",
            params={"consulta": texto[:80]},
        )


def ordenar_por_relevancia(queryset, campo_fecha):
    """Order by relevance where a search computed it, then newest first."""
    if "relevancia" in queryset.query.annotations:
        return queryset.order_by("-relevancia", f"-{campo_fecha}", "-pk")
    return queryset.order_by(f"-{campo_fecha}", "-pk")


def ordenado_por_relevancia(queryset):
    """Say whether the queryset's order starts with the search's rank."""
    return tuple(queryset.query.order_by)[:1] == ("-relevancia",)


def candidatos(queryset):
    """Return [(pk, rank)] of the newest CANDIDATOS matches of a searched queryset, best
    rank first (ties: the queryset's date order), in one query."""
    por_fecha = tuple(queryset.query.order_by)[1:] if ordenado_por_relevancia(queryset) else ()
    filas = list(
        queryset.order_by(*(por_fecha or ("-pk",))).values_list("pk", "relevancia")[:CANDIDATOS]
    )
    # sorted() is stable: equal ranks keep the date order of the read.
    return sorted(filas, key=lambda fila: -(fila[1] or 0.0))


def acotar_a_candidatos(filtrado, base):
    """Return, for a list ordered by relevance, only its newest CANDIDATOS matches, ranked.

    Ranking every match reads every match's document: a common word matches thousands of
    rows (16k at 100k releases, 0.5 s). Ranking the newest few hundred keeps the cost of a
    search flat with the archive; the whole archive stays reachable ordered by date. The
    candidates are read once, with their rank; the page then reads only them, by key,
    from `base` (the list before filtering: no search condition to evaluate again), and
    their number is the count (`total_conocido`, read by PaginadorAcotado).
    """
    if not ordenado_por_relevancia(filtrado):
        return filtrado
    filas = candidatos(filtrado)
    rango = Case(
        *(When(pk=pk, then=Value(len(filas) - i)) for i, (pk, _rank) in enumerate(filas)),
        default=Value(0),
        output_field=IntegerField(),
    )
    acotado = (
        base.filter(pk__in=[pk for pk, _rank in filas])
        .annotate(relevancia=rango)
        .order_by(*filtrado.query.order_by)
    )
    acotado.total_conocido = len(filas)
    return acotado


# {(FilterSet class, language): its form class} (FilterSetConBusqueda.get_form_class).
_FORMULARIOS = {}


class FilterSetConBusqueda(django_filters.FilterSet):
    """A list's FilterSet whose relevance order is bounded (see acotar_a_candidatos).

    Bounded after every filter, so the candidates are the newest matches of the whole
    filtered list, not of the search alone.

    The options of the directory fields named in `opciones_guardadas` (topics,
    organisations…) are the same on every request: they are read from one stored piece
    per language (cancilleria.base.fragmentos) instead of a query and a model instance
    per row for each field; a write to those tables (`tablas_de_opciones`) deletes it.
    """

    opciones_guardadas = ()
    tablas_de_opciones = ()
    # The directory fields validated against rows stored in the same piece, without a
    # query: the stored ones, and any whose options are set otherwise (EventoFilter).
    filas_guardadas = None
    # Set by a page that shows the form (ListaFiltradaView): it reads the piece anyway.
    # Feeds, alerts and downloads validate with one query instead of reading it all.
    validar_con_lo_guardado = False

    @property
    def form(self):
        if not hasattr(self, "_form"):
            formulario = super().form
            for nombre, filtro in self.filters.items():
                # Its options depend on the request or the time: not the shared class's.
                if callable(getattr(filtro, "queryset", None)):
                    formulario.fields[nombre].queryset = filtro.get_queryset(self.request)
            if self.opciones_guardadas or (self.validar_con_lo_guardado and self._con_filas()):
                self.poner_opciones(formulario, OpcionesGuardadas(self, formulario))
        return self._form

    def opciones_para_guardar(self, formulario):
        """Return {field: [[value, label]…]} of the stored fields, read from the database,
        and under FILAS the rows their values name (filas_de_campo)."""
        opciones, leidos = {}, {}
        for nombre in self.opciones_guardadas:
            campo = formulario.fields[nombre]
            iterador = campo.iterator(campo)
            leidos[nombre] = list(campo.queryset)
            opciones[nombre] = [
                [str(valor), str(etiqueta)]
                for valor, etiqueta in map(iterador.choice, leidos[nombre])
            ]
        opciones[FILAS] = {
            nombre: filas_de_campo(formulario.fields[nombre], leidos.get(nombre))
            for nombre in self._con_filas()
        }
        return opciones

    def _con_filas(self):
        return self.opciones_guardadas if self.filas_guardadas is None else self.filas_guardadas

    def poner_opciones(self, formulario, opciones):
        """Give each stored field its options, read when a widget first lists them, and
        the rows it validates against (read when a value is validated)."""
        for nombre in self.opciones_guardadas:
            formulario.fields[nombre].opciones_guardadas = opciones.lista(nombre)
        for nombre in self._con_filas() if self.validar_con_lo_guardado else ():
            formulario.fields[nombre].filas_guardadas = _Filas(opciones, nombre)

    def get_form_class(self):
        """Return the form class, built once per FilterSet and language.

        django-filter builds it, and a field per filter, on every request; its fields
        come from the filters' declarations alone (labels may be translated on building:
        hence the language). A queryset given as a callable is set on each form (`form`).
        """
        clave = (type(self), get_language())
        formulario = _FORMULARIOS.get(clave)
        if formulario is None:
            formulario = super().get_form_class()
            formulario.default_renderer = RENDERIZADOR_PUBLICO
            _FORMULARIOS[clave] = formulario
        return formulario

    def filter_queryset(self, queryset, excepto=()):
        """Filter by every filter but those named in `excepto`, then bound the ranking."""
        filtrado = queryset
        for nombre, valor in self.form.cleaned_data.items():
            if nombre not in excepto:
                filtrado = self.filters[nombre].filter(filtrado, valor)
        return acotar_a_candidatos(filtrado, queryset)


# The piece's entry holding the stored fields' rows.
FILAS = "_filas"
# Part of the piece's key: a piece stored by code that wrote another shape is not read.
FORMATO = 2
# The columns stored of a row: short values, kept as read (TextFields are left deferred).
_TIPOS_GUARDADOS = {
    "AutoField",
    "BigAutoField",
    "BooleanField",
    "CharField",
    "SlugField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "ForeignKey",
}


def filas_de_campo(campo, objetos=None):
    """Return the rows a model choice field may name, as stored: {"campos": [attname…],
    "filas": {value in the URL: [column values…]}}, in the field's order (`objetos`: its
    queryset's rows, when already read).

    Enough to make each row's instance as the field's own query would (`Model.from_db`)
    and to print it; any other column is read on use, as a deferred one.
    """
    modelo = campo.queryset.model
    campos = [
        f.attname for f in modelo._meta.concrete_fields if f.get_internal_type() in _TIPOS_GUARDADOS
    ]
    clave = campo.to_field_name or "pk"
    filas = {}
    for objeto in campo.queryset if objetos is None else objetos:
        # As loaded: a translated field's attribute would give the active language's.
        crudos = vars(objeto)
        filas[str(getattr(objeto, clave))] = [crudos[nombre] for nombre in campos]
    return {"campos": campos, "filas": filas}


class OpcionesGuardadas:
    """A form's stored options: one piece, read the first time a field lists its options.

    Feeds, alerts and downloads validate the same forms but never list the options: they
    read nothing of it.
    """

    def __init__(self, filtro, formulario):
        self.filtro, self.formulario, self.datos = filtro, formulario, None

    def __getitem__(self, nombre):
        if self.datos is None:
            # Here: the search package loads with the models, before the fragments can.
            from cancilleria.base import fragmentos

            self.datos = fragmentos.pieza(
                "opciones",
                FORMATO,
                type(self.filtro).__name__,
                get_language(),
                construir=lambda: self.filtro.opciones_para_guardar(self.formulario),
                tablas=self.filtro.tablas_de_opciones,
            )
        return self.datos[nombre]

    def lista(self, nombre):
        return _Lista(self, nombre)


class _Lista:
    """The options of one field, read from the piece when iterated."""

    def __init__(self, opciones, nombre):
        self.opciones, self.nombre = opciones, nombre

    def __iter__(self):
        return iter(self.opciones[self.nombre])


class _Filas:
    """The stored rows of one field (filas_de_campo), read from the piece on first use."""

    def __init__(self, opciones, nombre):
        self.opciones, self.nombre = opciones, nombre

    def instancia(self, queryset, valor):
        """Return the instance `valor` (in the URL) names, as `queryset` would, or None."""
        datos = self.opciones[FILAS][self.nombre]
        fila = datos["filas"].get(str(valor))
        if fila is None:
            return None
        return queryset.model.from_db(queryset.db, datos["campos"], fila)

    def orden(self):
        """Return the stored values in the field's order."""
        return self.opciones[FILAS][self.nombre]["filas"].keys()


class FiltroBusqueda(django_filters.CharFilter):
    """The lists' `q`: full-text search through the queryset's `buscar(texto, idioma)`.

    In the active language; the results come by relevance (then newest), until the
    list's own `orden` says otherwise.
    """

    def __init__(self, *args, campo_fecha, **kwargs):
        self.campo_fecha = campo_fecha
        kwargs.setdefault("max_length", 10_000)
        kwargs.setdefault("validators", [validar_consulta])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not hay_consulta(value):
            return qs
        return ordenar_por_relevancia(qs.buscar(value, get_language()), self.campo_fecha)
