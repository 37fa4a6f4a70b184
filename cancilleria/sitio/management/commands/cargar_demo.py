"""Load the demo: the real seed release and, unless told otherwise, synthetic content."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from cancilleria.base.cache import invalidar as invalidar_cache_publico
from cancilleria.sitio.demo.registro import Resumen
from cancilleria.sitio.demo.semilla import cargar_semilla
from cancilleria.sitio.demo.sintetico import cargar_sintetico

SEMILLA = 2026
COMUNICADOS = 36
EVENTOS = 24
MAXIMO = 1_000_000


def _entero(valor, opcion, minimo=0):
    """Return valor as an int within bounds, or raise a CommandError in Spanish."""
    try:
        numero = int(str(valor).strip())
    except (TypeError, ValueError):
        raise CommandError(
            _g("%(opcion)s debe ser un número entero; se recibió «%(valor)s».")
            % {"opcion": opcion, "valor": valor}
        ) from None
    if not minimo <= numero <= MAXIMO:
        raise CommandError(
            _g("%(opcion)s debe estar entre %(min)s y %(max)s; se recibió %(valor)s.")
            % {"opcion": opcion, "min": minimo, "max": MAXIMO, "valor": numero}
        )
    return numero


class Command(BaseCommand):
    help = _(
        "Carga el comunicado real de ejemplo y contenido sintético de demostración. "
        "Se puede ejecutar varias veces: lo que ya existe no cambia."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs a real str: resolve the lazy help in the active language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        # Numbers arrive as text and are checked in handle(), so a bad value gets a Spanish
        # message both from the shell and from call_command().
        parser.add_argument(
            "--solo-semilla",
            action="store_true",
            help=_g("Carga solo el comunicado real, sin contenido sintético."),
        )
        parser.add_argument(
            "--semilla",
            default=None,
            metavar="N",
            help=_g("Semilla del generador sintético (por defecto %(default)s).")
            % {"default": SEMILLA},
        )
        parser.add_argument(
            "--comunicados",
            default=None,
            metavar="N",
            help=_g("Cuántos comunicados sintéticos generar (por defecto %(default)s).")
            % {"default": COMUNICADOS},
        )
        parser.add_argument(
            "--eventos",
            default=None,
            metavar="N",
            help=_g("Cuántos eventos sintéticos generar (por defecto %(default)s).")
            % {"default": EVENTOS},
        )
        parser.add_argument(
            "--rapido",
            action="store_true",
            help=_g(
                "Carga rápida para pruebas de rendimiento: el texto de búsqueda se escribe "
                "con cada fila y, en PostgreSQL, las filas van con COPY y los índices se "
                "reconstruyen al final."
            ),
        )
        parser.add_argument(
            "--progreso",
            action="store_true",
            help=_g("Muestra una barra de progreso aunque la salida no sea una terminal."),
        )

    def handle(self, *args, **opciones):
        sinteticas = {k: opciones[k] for k in ("semilla", "comunicados", "eventos")}
        if opciones["solo_semilla"] and any(v is not None for v in sinteticas.values()):
            raise CommandError(
                _g("--solo-semilla no admite --semilla, --comunicados ni --eventos.")
            )
        semilla = _entero(_valor(sinteticas["semilla"], SEMILLA), "--semilla")
        comunicados = _entero(_valor(sinteticas["comunicados"], COMUNICADOS), "--comunicados")
        eventos = _entero(_valor(sinteticas["eventos"], EVENTOS), "--eventos")
        progreso = opciones["progreso"] or self.stdout.isatty()

        resumen = Resumen()
        comienzo = time.monotonic()
        # Spanish is the default language: modeltranslation fills the untranslated column
        # from the active language, and bulk_create relies on that.
        with translation.override("es"), transaction.atomic():
            # bulk_create sends no signals: renew the public cache once the load commits.
            transaction.on_commit(invalidar_cache_publico)
            directorio = cargar_semilla(resumen)
            if not opciones["solo_semilla"]:
                cargar_sintetico(
                    resumen,
                    directorio,
                    semilla=semilla,
                    comunicados=comunicados,
                    eventos=eventos,
                    progreso=progreso,
                    rapido=opciones["rapido"],
                )
        segundos = time.monotonic() - comienzo

        if opciones["solo_semilla"]:
            self.stdout.write(_g("Demo cargada: solo el comunicado real."))
        else:
            self.stdout.write(
                _g(
                    "Demo cargada: comunicado real y %(comunicados)s comunicados y "
                    "%(eventos)s eventos sintéticos (semilla %(semilla)s)."
                )
                % {"comunicados": comunicados, "eventos": eventos, "semilla": semilla}
            )
        for linea in resumen.lineas():
            self.stdout.write(linea)
        creados, actualizados = resumen.total("creados"), resumen.total("actualizados")
        mensaje = _g("Filas creadas: %(c)s; actualizadas: %(a)s; borradas: %(b)s (%(s).1f s).") % {
            "c": creados,
            "a": actualizados,
            "b": resumen.total("borrados"),
            "s": segundos,
        }
        if creados or actualizados:
            self.stdout.write(self.style.SUCCESS(mensaje))
        else:
            self.stdout.write(_g("Nada que cambiar: la demo ya estaba cargada. ") + mensaje)


def _valor(valor, por_defecto):
    return por_defecto if valor is None else valor
