"""Create the press office's roles as groups (see README, "Roles")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD_PARTES = ("add", "change", "delete", "view")
EDITAR = ("add", "change", "view")
VER = ("view",)

REDACTOR = {
    "comunicados": {
        "comunicado": EDITAR,
        "cifra": CRUD_PARTES,
        "cita": CRUD_PARTES,
        "adjunto": CRUD_PARTES,
    },
    "eventos": {
        "evento": EDITAR,
        "sesion": CRUD_PARTES,
        "participacion": CRUD_PARTES,
        "participacionconsular": CRUD_PARTES,
        "colaboracion": CRUD_PARTES,
    },
    "cancilleria": {
        "tema": EDITAR,
        "organizacion": EDITAR,
        "persona": EDITAR,
        "cargo": EDITAR,
        "consulado": VER,
    },
}
PERSONAL = {
    "comunicados": {m: VER for m in ("comunicado", "cifra", "cita", "adjunto")},
    "eventos": {
        m: VER
        for m in ("evento", "sesion", "participacion", "participacionconsular", "colaboracion")
    },
    "cancilleria": {m: VER for m in ("tema", "organizacion", "persona", "cargo", "consulado")},
}
# Codenames that are not add/change/delete/view.
EXTRA = {
    "Redactor": [],
    "Editor de prensa": [
        ("comunicados", "comunicado", "publicar_comunicado"),
        ("eventos", "evento", "publicar_evento"),
        ("eventos", "participacionconsular", "ver_participacion_consular"),
    ],
    "Personal": [("eventos", "participacionconsular", "ver_participacion_consular")],
}


def _codenames(tabla):
    for app, modelos in tabla.items():
        for modelo, acciones in modelos.items():
            for accion in acciones:
                yield app, modelo, f"{accion}_{modelo}"


def crear_roles(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def permiso(app, modelo, codename, nombre=None):
        tipo, _ = ContentType.objects.get_or_create(app_label=app, model=modelo)
        if nombre:
            return Permission.objects.get_or_create(
                content_type=tipo, codename=codename, defaults={"name": nombre}
            )[0]
        return Permission.objects.get(content_type=tipo, codename=codename)

    roles = {
        "Redactor": list(_codenames(REDACTOR)),
        "Editor de prensa": list(_codenames(REDACTOR)),
        "Personal": list(_codenames(PERSONAL)),
    }
    for nombre, codenames in roles.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        permisos = [permiso(app, modelo, codename) for app, modelo, codename in codenames]
        permisos += [
            permiso(app, modelo, codename, nombre="Puede ver la participación consular")
            for app, modelo, codename in EXTRA[nombre]
        ]
        grupo.permissions.add(*permisos)

    administrador, _ = Group.objects.get_or_create(name="Administrador")
    administrador.permissions.add(*Permission.objects.all())


def borrar_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(
        name__in=["Redactor", "Editor de prensa", "Personal", "Administrador"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cancilleria", "0003_busqueda_configuraciones"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        # The latest of each app when written: every permission the roles name exists.
        ("comunicados", "0006_busqueda"),
        ("eventos", "0005_busqueda"),
    ]

    operations = [migrations.RunPython(crear_roles, borrar_roles)]
