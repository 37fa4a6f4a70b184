"""Login lockout (django-axes): the page a locked-out login gets, and what a success forgets."""

import math

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

PLANTILLA_BLOQUEO = "admin/bloqueo_acceso.html"


def fin_del_bloqueo(request, credentials=None):
    """Return when the lockout that refused this request ends.

    Each lockout parameter (account, address) counts its own failures within the
    cool-off; a set of attempts stops locking once the newest ones that reach the limit
    are older than the cool-off. The request is let in when every such lock has ended.
    """
    ahora = timezone.now()
    enfriamiento = get_cool_off(request)
    limite = settings.AXES_FAILURE_LIMIT
    filtros = get_client_parameters(
        get_client_username(request, credentials),
        request.axes_ip_address,
        request.axes_user_agent,
        request,
        credentials,
    )
    fin = None
    for filtro in filtros:
        intentos = (
            AccessAttempt.objects.filter(**filtro, attempt_time__gte=ahora - enfriamiento)
            .order_by("-attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        suma = 0
        for momento, fallos in intentos:
            suma += fallos
            if suma >= limite:
                termina = momento + enfriamiento
                fin = termina if fin is None else max(fin, termina)
                break
    # Nothing found (a race with an unlock): the whole cool-off is the safe answer.
    return fin or ahora + enfriamiento


def respuesta_bloqueo(request, original_response=None, credentials=None):
    """Render the lockout page: 429, when to try again, how to get help sooner."""
    hasta = fin_del_bloqueo(request, credentials)
    minutos = max(1, math.ceil((hasta - timezone.now()).total_seconds() / 60))
    respuesta = render(
        request,
        PLANTILLA_BLOQUEO,
        {
            **admin.site.each_context(request),
            "title": _("Acceso bloqueado temporalmente"),
            "hasta": hasta,
            "minutos": minutos,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    respuesta["Retry-After"] = str(minutos * 60)
    return respuesta


def olvidar_fallos_de_la_cuenta(sender, request, user, **kwargs):
    """Forget the failed logins of the account that just logged in, and only those.

    Axes' own AXES_RESET_ON_SUCCESS also forgets every failure from the address, so any
    valid account could wipe the count of a password being guessed on another one.
    """
    AxesProxyHandler.reset_attempts(username=user.get_username())
