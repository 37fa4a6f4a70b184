"""Staff accounts in each of the press office's roles (groups made by a data migration)."""

import importlib

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.loader import MigrationLoader

REDACTOR = "Redactor"
EDITOR = "Editor de prensa"
PERSONAL = "Personal"
ADMINISTRADOR = "Administrador"
ROLES = (REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR)
MIGRACION_ROLES = ("sitio", "0001_roles")
# Later migrations that change the roles, replayed after it: (name, function).
AMPLIACIONES_ROLES = (("0002_redactor_y_editor_anaden_consulados", "ampliar_roles"),)


def asegurar_roles():
    """Run the roles migration's code again if a flush (browser tests) emptied the groups."""
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    estado = MigrationLoader(connection).project_state(MIGRACION_ROLES)
    migracion = importlib.import_module(f"cancilleria.sitio.migrations.{MIGRACION_ROLES[1]}")
    migracion.crear_roles(estado.apps, None)
    for nombre, funcion in AMPLIACIONES_ROLES:
        ampliacion = importlib.import_module(f"cancilleria.sitio.migrations.{nombre}")
        getattr(ampliacion, funcion)(estado.apps, None)


def crear_usuario(rol, nombre=None):
    """Return an active staff member whose only rights come from the group `rol`."""
    asegurar_roles()
    nombre = nombre or rol.lower().replace(" ", "_")
    usuario = User.objects.create_user(nombre, password="clave-de-prueba-1", is_staff=True)
    usuario.groups.add(Group.objects.get(name=rol))
    return usuario
