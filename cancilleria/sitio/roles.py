"""The press office's roles (groups made by the migration sitio 0001_roles)."""

ADMINISTRADOR = "Administrador"


def completar_administrador(sender=None, using="default", **kwargs):
    """Give the Administrador group every permission, including those of models added later."""
    from django.contrib.auth.models import Group, Permission

    grupo = Group.objects.using(using).filter(name=ADMINISTRADOR).first()
    if grupo is not None:
        grupo.permissions.add(*Permission.objects.using(using).all())
