import pytest
from django.core.management import call_command

from tests.factories import TemaFactory


@pytest.fixture
def trata(db):
    return TemaFactory(slug="trata-de-personas", nombre="Trata de personas")


@pytest.fixture
def trabajador(monkeypatch):
    """Return a helper that runs the task worker in this process for one pass.

    The worker closes "old" connections between tasks, which would close the test's
    own transaction; the real process is exercised in test_trabajador_real.py.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def una_pasada():
        call_command("trabajador", "--una-vez", verbosity=0)

    return una_pasada
