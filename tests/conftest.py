import pytest


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    """Keep uploaded files out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ahora():
    from django.utils import timezone

    return timezone.now()


@pytest.fixture(autouse=True)
def _idioma_espanol():
    """Start every test in Spanish: a request to /en/ leaves English active in the thread."""
    from django.utils import translation

    translation.activate("es")
    yield
    translation.activate("es")
