"""Background tasks (Django's tasks framework, run by `manage.py trabajador`)."""

from django.tasks import task

from . import services


@task
def enviar_confirmacion(suscripcion_id):
    """Send the confirmation mail of a new subscription."""
    return services.enviar_confirmacion(suscripcion_id=suscripcion_id)


@task
def revisar_alertas():
    """Send the alerts and digests that are due; return how many mails went out."""
    return services.revisar()
