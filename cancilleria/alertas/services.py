"""Subscribing, confirming, unsubscribing, and sending the alerts (the worker's job)."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from . import correo
from .listas import LISTAS
from .models import AlertaEnviada, Suscripcion

logger = logging.getLogger(__name__)

# A confirmation mail is sent again for the same request only after this long.
ESPERA_PARA_REENVIAR = timedelta(minutes=10)
# More new items than this for one immediate subscription go out as one mail.
MAXIMO_INMEDIATAS = 10
# Newest items looked at per filter and pass (bounds a check after a bulk import).
MAXIMO_POR_REVISION = 500


def suscribir(*, correo_electronico, lista, filtros, frecuencia, idioma):
    """Record an unconfirmed subscription and queue its confirmation mail; return it.

    Asking again for the same list and filters sends the confirmation again while
    unconfirmed (at most every ESPERA_PARA_REENVIAR), and changes nothing once
    confirmed: the page says the same either way, so it tells no one whether an
    address is subscribed.
    """
    from .tasks import enviar_confirmacion  # tasks.py imports this module

    direccion = BaseUserManager.normalize_email(correo_electronico)
    with transaction.atomic():
        suscripcion, creada = Suscripcion.objects.select_for_update().get_or_create(
            correo=direccion,
            lista=lista,
            filtros=filtros,
            defaults={"frecuencia": frecuencia, "idioma": idioma},
        )
        if suscripcion.confirmada:
            return suscripcion
        if not creada and suscripcion.creada > timezone.now() - ESPERA_PARA_REENVIAR:
            # Asked again at once: no second mail, or the form could flood an inbox.
            return suscripcion
        if not creada:
            suscripcion.frecuencia, suscripcion.idioma = frecuencia, idioma
            suscripcion.creada = timezone.now()
            suscripcion.save(update_fields=["frecuencia", "idioma", "creada"])
        # The task row is written in this transaction: no mail for a rolled-back request.
        enviar_confirmacion.enqueue(suscripcion.pk)
    return suscripcion


def confirmar(*, suscripcion):
    """Make a subscription active from now on (items published later are alerted)."""
    if not suscripcion.confirmada:
        suscripcion.confirmada_en = timezone.now()
        suscripcion.save(update_fields=["confirmada_en"])
    return suscripcion


def dar_de_baja(*, suscripcion):
    """Delete the subscription, its address and the record of what it was sent."""
    suscripcion.delete()


def enviar_confirmacion(*, suscripcion_id):
    suscripcion = Suscripcion.objects.filter(pk=suscripcion_id, confirmada_en__isnull=True).first()
    if suscripcion is None:
        return False  # Confirmed or unsubscribed meanwhile.
    correo.confirmacion(suscripcion).send()
    return True


def revisar(*, ahora=None):
    """Send what is due: an alert per new matching item, and the daily digests.

    "New" is what `publicados()` shows now, dated since the subscription was confirmed
    (and within ALERTAS_VENTANA_DIAS), not yet sent to it: releases published now and
    scheduled ones whose time has come alike, with nothing else to watch. Return the
    number of mails sent.
    """
    ahora = ahora or timezone.now()
    Suscripcion.objects.vencidas(ahora).delete()
    enviados = 0
    activas = Suscripcion.objects.activas().order_by("lista", "filtros", "pk")
    grupos = defaultdict(list)
    for suscripcion in activas:
        grupos[(suscripcion.lista, suscripcion.filtros, suscripcion.idioma)].append(suscripcion)
    hoy = timezone.localdate(ahora)
    hora_resumen = getattr(settings, "ALERTAS_HORA_RESUMEN", 7)
    for (nombre_lista, filtros, idioma), suscripciones in grupos.items():
        inmediatas = [s for s in suscripciones if s.frecuencia == Suscripcion.Frecuencia.INMEDIATA]
        diarias = [
            s
            for s in suscripciones
            if s.frecuencia == Suscripcion.Frecuencia.DIARIA
            and s.ultimo_resumen != hoy
            and timezone.localtime(ahora).hour >= hora_resumen
        ]
        if not inmediatas and not diarias:
            continue
        pendientes = _pendientes(LISTAS[nombre_lista], filtros, idioma, inmediatas + diarias, ahora)
        for suscripcion in inmediatas:
            elementos = pendientes[suscripcion.pk]
            if len(elementos) > MAXIMO_INMEDIATAS:
                # A burst (an import, a backlog): one mail listing them, not dozens.
                enviados += _enviar_resumen(suscripcion, elementos, None)
                continue
            for elemento in elementos:
                enviados += _enviar_una(suscripcion, elemento)
        for suscripcion in diarias:
            enviados += _enviar_resumen(suscripcion, pendientes[suscripcion.pk], hoy)
    return enviados


def _pendientes(lista, filtros, idioma, suscripciones, ahora):
    """Return {subscription id: [matching items not yet sent to it]}, oldest first."""
    desde = max(
        min(s.confirmada_en for s in suscripciones),
        ahora - timedelta(days=getattr(settings, "ALERTAS_VENTANA_DIAS", 7)),
    )
    # The search filter reads the active language: the subscriber's.
    with translation.override(idioma):
        filtro = lista.filtrar(filtros, lista.publicados().filter(fecha_publicacion__gte=desde))
        if filtro.is_bound and not filtro.is_valid():
            # A topic deleted since: nothing can match any more.
            logger.warning("Alerta con filtros ya no válidos: %s?%s", lista.nombre, filtros)
            return defaultdict(list)
        elementos = list(filtro.qs.order_by("-fecha_publicacion", "-pk")[:MAXIMO_POR_REVISION])[
            ::-1
        ]
    enviados = set(
        AlertaEnviada.objects.filter(
            suscripcion__in=suscripciones, objeto_id__in=[e.pk for e in elementos]
        ).values_list("suscripcion_id", "objeto_id")
    )
    pendientes = defaultdict(list)
    for suscripcion in suscripciones:
        pendientes[suscripcion.pk] = [
            e
            for e in elementos
            if e.fecha_publicacion >= suscripcion.confirmada_en
            and (suscripcion.pk, e.pk) not in enviados
        ]
    return pendientes


def _enviar_una(suscripcion, elemento):
    # The record and the mail together: a failed send leaves no record (it is tried
    # again on the next pass) and a second worker cannot send the same alert (it
    # waits on the unique row, then fails to insert it).
    try:
        with transaction.atomic():
            AlertaEnviada.objects.create(suscripcion=suscripcion, objeto_id=elemento.pk)
            correo.alerta(suscripcion, elemento).send()
    except IntegrityError:
        return 0
    except Exception:  # noqa: BLE001 - one bad address must not stop the others
        logger.exception(
            "No se pudo enviar la alerta %s a la suscripción %s", elemento.pk, suscripcion.pk
        )
        return 0
    return 1


def _enviar_resumen(suscripcion, elementos, hoy):
    """Send one mail listing `elementos`; with `hoy`, as that day's digest (once a day)."""
    try:
        with transaction.atomic():
            if hoy is not None:
                # Marks the day done even with nothing to send: one look per day.
                actualizadas = (
                    Suscripcion.objects.filter(pk=suscripcion.pk)
                    .exclude(ultimo_resumen=hoy)
                    .update(ultimo_resumen=hoy)
                )
                if not actualizadas:
                    return 0
            if not elementos:
                return 0
            AlertaEnviada.objects.bulk_create(
                AlertaEnviada(suscripcion=suscripcion, objeto_id=e.pk) for e in elementos
            )
            correo.resumen(suscripcion, elementos).send()
    except IntegrityError:
        return 0
    except Exception:  # noqa: BLE001 - one bad address must not stop the others
        logger.exception("No se pudo enviar el resumen a la suscripción %s", suscripcion.pk)
        return 0
    return 1
