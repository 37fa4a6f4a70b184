"""Import or update the consular directory from a CSV file (the shipped one by default)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from cancilleria.directorio.directorio_consular import (
    COLUMNAS,
    RUTA_INICIAL,
    ArchivoNoValido,
    ErrorDeFila,
    leer_archivo,
)
from cancilleria.directorio.models import Consulado


class Command(BaseCommand):
    help = _(
        "Importa o actualiza el directorio de consulados desde un CSV con las columnas "
        "slug, pais (ISO 3166-1 alfa-2), ciudad, tipo, nombre_es y nombre_en, y opcionalmente "
        "alias (otros nombres separados por «|», p. ej. «España|Spain»). Cada consulado "
        "se identifica por su slug: volver a importar el mismo archivo no cambia nada."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs a real str: resolve the lazy help in the active language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "archivo",
            nargs="?",
            default=str(RUTA_INICIAL),
            help=_g("CSV en UTF-8, separado por comas o por punto y coma (por defecto, %(r)s).")
            % {"r": "cancilleria/directorio/datos/consulados.csv"},
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_g("Comprueba el archivo y cuenta los cambios sin guardar nada."),
        )
        parser.add_argument(
            "--progreso",
            action="store_true",
            help=_g("Muestra una barra de progreso aunque la salida no sea una terminal."),
        )

    def handle(self, *args, archivo, dry_run, progreso, **opciones):
        ruta = Path(archivo)
        if not ruta.is_file():
            raise CommandError(_g("No existe el archivo «%(ruta)s».") % {"ruta": ruta})
        try:
            filas, errores = leer_archivo(ruta)
        except ArchivoNoValido as error:
            raise CommandError(str(error)) from None

        cuentas = {"creados": 0, "actualizados": 0, "sin_cambios": 0}
        mostrar = progreso or self.stdout.isatty()
        # Spanish is the default language: modeltranslation fills `nombre` from it.
        with translation.override("es"), transaction.atomic():
            with tqdm(
                filas, desc=_g("Consulados"), unit=_g(" filas"), disable=not mostrar
            ) as barra:
                for fila in barra:
                    try:
                        # A savepoint per row: one bad row must not undo the good ones.
                        with transaction.atomic():
                            cuentas[self._guardar(fila)] += 1
                    except ValidationError as error:
                        errores.append(ErrorDeFila(fila.numero, "; ".join(error.messages)))
            if dry_run:
                transaction.set_rollback(True)

        errores.sort(key=lambda e: e.numero)
        for error in errores:
            self.stderr.write(
                _g("Fila %(fila)s: %(motivo)s.") % {"fila": error.numero, "motivo": error.motivo}
            )
        resumen = _g(
            "%(archivo)s: %(creados)s creados, %(actualizados)s actualizados, "
            "%(sin)s sin cambios, %(errores)s filas con errores."
        ) % {
            "archivo": ruta.name,
            "creados": cuentas["creados"],
            "actualizados": cuentas["actualizados"],
            "sin": cuentas["sin_cambios"],
            "errores": len(errores),
        }
        if dry_run:
            resumen += " " + _g("Simulación (--dry-run): no se guardó nada.")
        self.stdout.write(self.style.SUCCESS(resumen) if not errores else resumen)
        if errores:
            # Non-zero exit for scripts; the good rows are saved all the same.
            raise CommandError(
                _g("%(n)s filas no se importaron; corríjalas y vuelva a ejecutar la orden.")
                % {"n": len(errores)}
                + (" " + _g("Columnas: %(c)s.") % {"c": ", ".join(COLUMNAS)})
            )

    def _guardar(self, fila):
        """Create or update one consulate; return which of the counts it adds to."""
        consulado = Consulado.objects.filter(slug=fila.slug).first()
        if consulado is None:
            consulado = Consulado(slug=fila.slug, **fila.valores())
            consulado.full_clean()
            consulado.save()
            return "creados"
        cambios = {
            campo: valor
            for campo, valor in fila.valores().items()
            if _valor_actual(consulado, campo) != valor
        }
        if not cambios:
            return "sin_cambios"
        for campo, valor in cambios.items():
            setattr(consulado, campo, valor)
        consulado.full_clean()
        consulado.save()
        return "actualizados"


def _valor_actual(consulado, campo):
    valor = getattr(consulado, campo)
    # CountryField returns a Country; a blank translation may be None or "".
    return getattr(valor, "code", valor) or ""
