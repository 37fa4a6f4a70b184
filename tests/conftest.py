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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Keep the SQLite test database in a file: the cache tests serve it from a second process."""
    from django.conf import settings

    base = settings.DATABASES["default"]
    if base["ENGINE"].endswith("sqlite3"):
        base.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("bd") / "pruebas.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def _cache_de_la_sesion(tmp_path_factory):
    """Give this pytest process its own file cache: another run must never serve our pages."""
    from django.test import override_settings

    carpeta = tmp_path_factory.mktemp("cache")
    cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(carpeta),
    }
    with override_settings(CACHES={"default": cache}):
        yield carpeta


@pytest.fixture(autouse=True)
def _cache_vacio(monkeypatch):
    """Start each test with an empty public cache, and count each write as committed.

    A test's transaction is never committed, so the cache's on_commit hook would never
    run: here it runs at once, as it would after each write in production.
    """
    from django.core.cache import cache

    from cancilleria.base.cache import escrituras, generacion

    cache.clear()
    generacion._memoria.clear()
    monkeypatch.setattr(escrituras, "al_confirmar", lambda funcion, **kwargs: funcion())
