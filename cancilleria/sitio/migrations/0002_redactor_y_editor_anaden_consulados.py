"""Let writers and press editors add and change consulates (issue 11).

A missing office used to need an Administrador while the release waited; people and
organisations they could already add.
"""

from django.db import migrations

ROLES = ("Redactor", "Editor de prensa")
CODENAMES = ("add_consulado", "change_consulado", "view_consulado")


def ampliar_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permisos = Permission.objects.filter(
        content_type__app_label="cancilleria", codename__in=CODENAMES
    )
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.add(*permisos)


def reducir_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permisos = Permission.objects.filter(
        content_type__app_label="cancilleria", codename__in=CODENAMES[:2]
    )
    for grupo in Group.objects.filter(name__in=ROLES):
        grupo.permissions.remove(*permisos)


class Migration(migrations.Migration):
    dependencies = [
        ("sitio", "0001_roles"),
    ]

    operations = [migrations.RunPython(ampliar_roles, reducir_roles)]
