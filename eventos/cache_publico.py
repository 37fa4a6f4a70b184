"""When event pages change with no write: for the public cache's entry lifetimes."""

from datetime import timedelta

from django.db.models import Min, Q
from django.utils import timezone

from .models import Evento


def proximo_cambio(ahora):
    """Return the next time an event starts or ends, or a day begins (upcoming/past lists)."""
    fechas = Evento.objects.publicados(ahora).aggregate(
        inicio=Min("inicio", filter=Q(inicio__gt=ahora)), fin=Min("fin", filter=Q(fin__gt=ahora))
    )
    # An event with no end time is upcoming until its day is over (Lima time).
    hoy = timezone.localtime(ahora).replace(hour=0, minute=0, second=0, microsecond=0)
    manana = timezone.make_aware(hoy.replace(tzinfo=None) + timedelta(days=1))
    return min([fecha for fecha in fechas.values() if fecha is not None] + [manana])
