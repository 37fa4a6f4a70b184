"""Run the background tasks and look for due alerts every ALERTAS_INTERVALO_SEGUNDOS.

django-tasks-db's worker (`db_worker`) runs what is queued; this command runs it in
batches and, between them, queues the alert check, so scheduled items are alerted when
their time comes with no cron. Several may run at once: the check is idempotent.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from cancilleria.alertas.tasks import revisar_alertas

UN_DIA = 24 * 3600


class Command(BaseCommand):
    help = "Run the task worker (alert mails) and check for due alerts periodically."

    def add_arguments(self, parser):
        parser.add_argument(
            "--una-vez",
            action="store_true",
            help="Queue one check, run every queued task, and exit.",
        )
        parser.add_argument(
            "--intervalo",
            type=float,
            default=None,
            help="Seconds between alert checks (default: ALERTAS_INTERVALO_SEGUNDOS).",
        )
        parser.add_argument(
            "--espera",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default: 1).",
        )

    def handle(self, *, una_vez, intervalo, espera, verbosity, **options):
        intervalo = settings.ALERTAS_INTERVALO_SEGUNDOS if intervalo is None else intervalo
        if verbosity < 2:
            # Each batch would log its start, each check three lines: only problems.
            for nombre in ("django_tasks_db", "django.tasks"):
                logging.getLogger(nombre).setLevel(logging.WARNING)
        identificador = get_random_string(32)
        if verbosity:
            self.stdout.write(f"Trabajador de tareas {identificador}: revisión cada {intervalo} s")
        # Given back on return: a caller running one pass in-process keeps its own.
        anteriores = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._trabajar(identificador, intervalo, espera, una_vez)
        finally:
            for senal, manejador in anteriores.items():
                signal.signal(senal, manejador)

    def _trabajar(self, identificador, intervalo, espera, una_vez):
        proxima_revision = proxima_limpieza = 0.0
        while True:
            ahora = time.monotonic()
            if ahora >= proxima_revision:
                revisar_alertas.enqueue()
                proxima_revision = ahora + intervalo
            if ahora >= proxima_limpieza:
                # Finished task rows would pile up (one check a minute).
                call_command("prune_db_task_results", min_age_days=7, verbosity=0)
                proxima_limpieza = ahora + UN_DIA
            worker = Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=identificador,
                excluded_queue_names=[],
            )
            # SIGTERM/SIGINT: finish the running task, then exit (the worker's own handling).
            worker.configure_signals()
            worker.run()
            if una_vez or not worker.running:
                return
            time.sleep(espera)
