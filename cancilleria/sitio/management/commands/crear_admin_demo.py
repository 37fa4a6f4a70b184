"""Create (or reset) the demo administrator and print how to log in. Development only."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Crea o restablece la cuenta de administración de demostración e indica cómo entrar."

    def add_arguments(self, parser):
        parser.add_argument("--usuario", default="admin")
        # The address `make run` serves on (HOST/PORT), so the printed link works.
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", default=os.environ.get("PORT") or "8000")

    def handle(self, *args, usuario, host, port, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Solo para desarrollo (DJANGO_DEBUG=true): en producción use createsuperuser."
            )
        clave = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        modelo = get_user_model()
        usuario_obj, creado = modelo.objects.get_or_create(
            username=usuario, defaults={"email": f"{usuario}@example.org"}
        )
        usuario_obj.is_staff = True
        usuario_obj.is_superuser = True
        usuario_obj.set_password(clave)
        usuario_obj.save()
        accion = "creada" if creado else "restablecida"
        self.stdout.write(self.style.SUCCESS(f"Cuenta de administración {accion}."))
        # 0.0.0.0 listens everywhere; a browser reaches it as localhost.
        visible = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
        if ":" in visible:
            visible = f"[{visible}]"
        self.stdout.write(f"  Entrar en: http://{visible}:{port}/admin/")
        self.stdout.write(f"  Usuario:   {usuario}")
        self.stdout.write(f"  Clave:     {clave}")
