"""Restore a backup written by `respaldar` into an empty database and media folder."""

import sqlite3

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cancilleria.sitio import respaldo


class Command(BaseCommand):
    help = (
        "Restaura el respaldo de DIR en una base de datos y una carpeta de media vacías y "
        "comprueba el manifiesto (filas por tabla, sumas de los archivos). Detenga el sitio antes."
    )

    def add_arguments(self, parser):
        parser.add_argument("directorio", metavar="DIR", help="Carpeta escrita por respaldar.")
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Reemplaza una base o una carpeta de media que no están vacías (se pierde lo "
            "que tengan).",
        )

    def handle(self, *args, directorio, forzar, **opciones):
        try:
            manifiesto = respaldo.restaurar(directorio, forzar=forzar)
        except respaldo.ErrorRespaldo as error:
            raise CommandError(str(error)) from None
        except (OSError, DatabaseError, sqlite3.Error) as error:
            raise CommandError(f"No se pudo restaurar: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restaurado el respaldo del {manifiesto['fecha']}: "
                f"{len(manifiesto['tablas'])} tablas y "
                f"{len(manifiesto['media']['archivos'])} archivos de media coinciden con el "
                "manifiesto."
            )
        )
