import pytest


@pytest.fixture(autouse=True)
def _media_temporal(settings, tmp_path):
    """Keep uploaded files out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ahora():
    from django.utils import timezone

    return timezone.now()
