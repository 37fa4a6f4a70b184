"""Settings for the Cancillería press CMS.

One module for every environment: environment variables decide (see .env.example).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# .env is for development only and read only when asked (`make run` asks): a production
# process started later must never pick up the DJANGO_DEBUG=true that `make run` wrote.
# Real environment variables win over the file.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Read raw: environ takes a leading "$" (Django-generated keys may have one) as a
# reference to another variable.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env.bool("DJANGO_INSECURE_DEV_KEY", default=False):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development; "
            "DJANGO_READ_DOT_ENV_FILE=true reads them from .env)."
        )
    SECRET_KEY = "django-insecure-solo-para-desarrollo-local"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch in.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    # Rich-text editor (Tiptap) and responsive image renditions; see cancilleria/base/html.py
    # and cancilleria/base/imagenes.py.
    "django_prose_editor",
    "imagekit",
    "simple_history",
    # Login throttling and lockout; its records are the audit trail of failed logins.
    "axes",
    # Django's tasks framework with a database queue and worker (alert mails).
    "django_tasks_db",
    # The public read-only API (/api/v1/) and its OpenAPI schema; see cancilleria/sitio/api.py.
    "rest_framework",
    "drf_spectacular",
    # The floors, lowest first (see README, "Architecture").
    "cancilleria.base",
    "cancilleria.directorio",
    "eventos",
    "comunicados",
    "cancilleria.sitio",
    "cancilleria.alertas",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session and auth middlewares: a database outage is a 503, not a 500.
    "cancilleria.base.fallos.BaseDeDatosNoDisponibleMiddleware",
    # ETag from the content and 304s, for cached answers too (they skip what is below).
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous public pages from the shared cache: above sessions, CSRF, auth, locale and
    # CSP so a hit skips them; it decides by cookies and path alone (README, "Caching").
    "cancilleria.base.cache.middleware.CachePublicoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin is outside i18n_patterns: Spanish unless staff chose English (cookie).
    "cancilleria.base.middleware.IdiomaAdminMiddleware",
    # Lets django-simple-history record who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as its authors require: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cancilleria.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Only the sitemaps' XML (cancilleria/base/entorno_jinja2.py): no page is written in it.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates-jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "cancilleria.base.entorno_jinja2.entorno"},
    },
]

WSGI_APPLICATION = "cancilleria.wsgi.application"

# SQLite by default (no setup); PostgreSQL when DATABASE_URL is set.
# dj-database-url, not environ's db_url: it also decodes socket paths (%2Ftmp).
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    # Health checks: a connection kept from before a database restart is tested before
    # reuse, so the first request after it does not fail (no restart of the workers).
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    # An unreachable server fails fast: the outage page (503) comes in under 3 s. (A
    # sqlite:// URL is accepted too; its driver has no such option.)
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=BASE_DIR / "db.sqlite3"),
            "OPTIONS": {
                # WAL plus immediate transactions let the dev server and a command write
                # at the same time without "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

# Caches (README, "Caching"): Redis when REDIS_URL is set (every server shares it), else
# files every worker on the machine shares (a per-process cache would go stale).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cancilleria",
            # A stuck Redis must not hold a worker: the middleware then serves uncached.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Reads from Redis, writes through to the database: staff stay logged in when Redis
    # restarts or evicts keys to make room for pages.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("DJANGO_CACHE_DIR", default=str(BASE_DIR / ".cache")),
            # Each store lists the folder to cull it: keep it small.
            "OPTIONS": {"MAX_ENTRIES": env.int("DJANGO_CACHE_ENTRADAS", default=5000)},
        }
    }
# Anonymous pages' max-age (browsers cannot be purged), s-maxage (longer with a purge
# adapter), stale-while-revalidate.
CACHE_PUBLICO_NAVEGADOR = env.int("DJANGO_CACHE_NAVEGADOR_SEGUNDOS", default=60)
PURGA_CDN = env.str("DJANGO_PURGA_CDN", default="cancilleria.base.cache.purga.PurgaNula")
if "DJANGO_CACHE_CDN_SEGUNDOS" in os.environ:
    CACHE_PUBLICO_CDN = env.int("DJANGO_CACHE_CDN_SEGUNDOS")
CACHE_PUBLICO_REVALIDAR = env.int("DJANGO_CACHE_REVALIDAR_SEGUNDOS", default=30)
# Off only to measure uncached pages (the benchmark); the site always runs with it.
CACHE_PUBLICO_ACTIVO = env.bool("DJANGO_CACHE_PUBLICO", default=True)
# Longest life of a page in our own cache (a write or a scheduled time ends it sooner).
CACHE_PUBLICO_SEGUNDOS = env.int("DJANGO_CACHE_SEGUNDOS", default=3600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Spanish at /, English at /en/.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("en", _("English"))]
# Quechua and Aymara (co-official, Constitution art. 48) at /qu/ and /ay/: content languages.
# Named in their own language; Django knows neither (base/apps.py adds them to LANG_INFO).
LANGUAGES += [("qu", "Runasimi"), ("ay", "Aymar aru")]
# Languages whose pages list only the items translated into them (the others redirect to
# Spanish) and whose UI strings are not translated yet: the chrome falls back to Spanish,
# and the admin is not offered in them (IDIOMAS_INTERFAZ).
IDIOMAS_SOLO_TRADUCIDOS = ("qu", "ay")
IDIOMAS_INTERFAZ = ("es", "en")
# Dates and numbers under /qu/ and /ay/ as in Spanish (Django has no formats for them).
FORMAT_MODULE_PATH = ["cancilleria.formatos"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_LANGUAGES = ("es", "en", "qu", "ay")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("es",)
# Served from our own static files: no CDN (and the admin's CSP allows only 'self').
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded images (cancilleria/base/imagenes.py): JPEG, PNG or WebP within these limits.
IMAGENES_TAMANO_MAXIMO = 10 * 1024 * 1024  # bytes
IMAGENES_PIXELES_MAXIMOS = 40_000_000
# Attachments (comunicados/adjuntos.py): PDF and office documents up to this size.
ADJUNTOS_TAMANO_MAXIMO = env.int("DJANGO_ADJUNTOS_TAMANO_MAXIMO", default=20 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

LOGIN_URL = "admin:login"
# Where a login with a missing or unsafe `next` lands (Django's default is a 404).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes): its backend first, so a locked-out login is refused
# before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Each parameter locks on its own: 10 failures for one account (from any address) or
# from one address (on any account) lock that account or that address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_INTENTOS", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_ENFRIAMIENTO_MINUTOS", default=30))
# A successful login forgets that account's failures (cancilleria/sitio/acceso.py), not
# the address's: axes' AXES_RESET_ON_SUCCESS would forget both.
AXES_RESET_ON_SUCCESS = False
# Tries during a lockout do not extend it, so the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Its start-up banner would open the output of every manage.py command.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "cancilleria.sitio.acceso.respuesta_bloqueo"
# The client address is REMOTE_ADDR unless we are told how many proxies we sit behind:
# a forwarded header is trusted only then, and only the entry our own proxy wrote.
PROXIES_DE_CONFIANZA = env.int("DJANGO_PROXIES_DE_CONFIANZA", default=0)
if PROXIES_DE_CONFIANZA > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # ipware counts the hops after the client inside the header; the proxy nearest to
    # us is not in it (it is REMOTE_ADDR).
    AXES_IPWARE_PROXY_COUNT = PROXIES_DE_CONFIANZA - 1
    # Not strict: entries a client prepends are ignored instead of voiding the header.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Security headers. HTTPS-only settings follow DEBUG: production serves over TLS.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS: a year, subdomains included; preload is a commitment, so it is opt-in.
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_SUBDOMINIOS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # W021 asks for preload; we leave that choice to the operator (hard to undo).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

PAGINATE_BY = 12

# ---- Email alerts (cancilleria/alertas; README, "Email alerts") ----
# Tasks go to a database queue; `manage.py trabajador` (started by `make run`) runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Mail: EMAIL_URL picks the backend (smtp+tls://user:password@host:587,
# consolemail://, filemail:///path/to/folder); the console in development. Read by
# django-environ, given to Django 6.1's MAILERS (the EMAIL_* settings are deprecated).
_url_correo = os.environ.get("EMAIL_URL") or ("consolemail://" if DEBUG else "smtp://localhost:25")
_correo = env.email_url_config(_url_correo)
if _url_correo.startswith("filemail:"):
    # environ drops the leading "/" of an absolute folder (filemail:///var/mail/x).
    _partes = urlsplit(_url_correo)
    _correo["EMAIL_FILE_PATH"] = unquote(_partes.netloc + _partes.path)
_opciones_correo = {
    opcion: _correo[clave]
    for clave, opcion in (
        ("EMAIL_HOST", "host"),
        ("EMAIL_PORT", "port"),
        ("EMAIL_HOST_USER", "username"),
        ("EMAIL_HOST_PASSWORD", "password"),
        ("EMAIL_USE_TLS", "use_tls"),
        ("EMAIL_USE_SSL", "use_ssl"),
        ("EMAIL_FILE_PATH", "file_path"),
    )
    if _correo.get(clave) not in (None, "")
}
if _correo["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _opciones_correo["timeout"] = env.int("DJANGO_CORREO_TIMEOUT", default=20)
else:
    _opciones_correo = {k: v for k, v in _opciones_correo.items() if k == "file_path"}
MAILERS = {"default": {"BACKEND": _correo["EMAIL_BACKEND"], "OPTIONS": _opciones_correo}}
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_CORREO_REMITENTE", default="Cancillería del Perú <no-responder@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the site, for links in mails (written with no request at hand).
SITIO_URL = env.str("DJANGO_SITIO_URL", default="http://127.0.0.1:8000")
# How often the worker looks for newly public items; when daily digests go out (Lima);
# how long a confirmation link lasts; how far back a new item may be dated.
ALERTAS_INTERVALO_SEGUNDOS = env.int("DJANGO_ALERTAS_INTERVALO_SEGUNDOS", default=60)
ALERTAS_HORA_RESUMEN = env.int("DJANGO_ALERTAS_HORA_RESUMEN", default=7)
ALERTAS_HORAS_PARA_CONFIRMAR = 72
ALERTAS_VENTANA_DIAS = 7
# ---- Public API (/api/v1/): anonymous, read-only, JSON only (README, "Open data") ----
REST_FRAMEWORK = {
    # No sessions, no CSRF, nothing per person: the page cache may serve every answer.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # One representation per URL (the cache key is the URL): no browsable HTML API.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API de comunicados y eventos de la Cancillería",
    "DESCRIPTION": (
        "Datos abiertos de solo lectura: comunicados, eventos, temas, organizaciones, "
        "personas y consulados. Los filtros son los mismos que los de las listas públicas."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
}
