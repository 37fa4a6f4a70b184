"""Who may enter the staff area, and how its answers are marked."""

from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

PERMISO = "eventos.ver_participacion_consular"


def privada(vista):
    """Mark a staff response: never cached, never indexed."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        respuesta = vista(request, *args, **kwargs)
        respuesta["X-Robots-Tag"] = "noindex, nofollow"
        return respuesta

    return never_cache(envuelta)


@method_decorator(privada, name="dispatch")
class AccesoGestionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous visitors go to the login page; signed-in users without the right get 403."""

    permission_required = PERMISO
