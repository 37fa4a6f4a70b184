"""Give the roles the models of issue 14: notices, co-signatories, coverage, outcomes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")
EDITAR = ("add", "change", "view")
VER = ("view",)

PARTES = {
    "comunicados": ("cofirmante", "cobertura"),
    "eventos": ("cobertura", "resultado", "seguimiento"),
}
DIRECTORIO = {"cancilleria": ("avisoayuda",)}


def _permisos(apps, Permission, ContentType, tabla, acciones):
    for app, modelos in tabla.items():
        for modelo in modelos:
            tipo = ContentType.objects.get(app_label=app, model=modelo)
            for accion in acciones:
                yield Permission.objects.get(content_type=tipo, codename=f"{accion}_{modelo}")


def dar_permisos(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    por_rol = {
        "Redactor": [(PARTES, CRUD), (DIRECTORIO, EDITAR)],
        "Editor de prensa": [(PARTES, CRUD), (DIRECTORIO, EDITAR)],
        "Personal": [(PARTES, VER), (DIRECTORIO, VER)],
        "Administrador": [(PARTES, CRUD), (DIRECTORIO, CRUD)],
    }
    for nombre, tablas in por_rol.items():
        grupo = Group.objects.filter(name=nombre).first()
        if grupo is None:
            continue
        for tabla, acciones in tablas:
            grupo.permissions.add(*_permisos(apps, Permission, ContentType, tabla, acciones))


class Migration(migrations.Migration):
    dependencies = [
        ("sitio", "0001_roles"),
        ("cancilleria", "0006_tema_sensible_aviso_ayuda"),
        ("comunicados", "0017_cofirmantes_cobertura_salvaguardas"),
        ("eventos", "0014_resultados_cobertura_salvaguardas"),
    ]

    operations = [migrations.RunPython(dar_permisos, migrations.RunPython.noop)]
