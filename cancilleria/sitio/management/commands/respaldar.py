"""Write a backup: the database, the media folder and a manifest with counts and checksums."""

import sqlite3

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cancilleria.sitio import respaldo


class Command(BaseCommand):
    help = (
        "Escribe un respaldo coherente en DIR (nuevo o vacío): la base de datos, la carpeta "
        "de media y un manifiesto con filas por tabla y sumas sha256."
    )

    def add_arguments(self, parser):
        parser.add_argument("directorio", metavar="DIR", help="Carpeta nueva o vacía.")

    def handle(self, *args, directorio, **opciones):
        try:
            manifiesto = respaldo.respaldar(directorio)
        except respaldo.ErrorRespaldo as error:
            raise CommandError(str(error)) from None
        except (OSError, DatabaseError, sqlite3.Error) as error:
            raise CommandError(f"No se pudo escribir el respaldo: {error}") from None
        filas = sum(manifiesto["tablas"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo escrito en {directorio}: {manifiesto['proveedor']}, "
                f"{len(manifiesto['tablas'])} tablas, {filas} filas, "
                f"{len(manifiesto['media']['archivos'])} archivos de media."
            )
        )
