"""Settings shared by every environment.

Every value is read from the environment (django-environ) with a safe local
default; ``production.py`` tightens what must not be left to defaults.
"""

from pathlib import Path

import environ
import fontpkg_sarabun
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key-do-not-use-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# --- Applications -----------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI from our own static files
    "django_celery_beat",
    # people (issue #10): two-factor sign-in
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "committees",
    "meetings",
    "actionplans",
    "fundproposals",
    "reports",
    # people (issue #10)
    "inbox",
    "notifications",
]
# --- data out (issue 14): dashboards, exports, API tokens, Thai search ---
LOCAL_APPS += [
    "dashboards",
    "exports",
    "apitokens",
    "search",
    # e-meetings and the hash-chained ledger (issue 15)
    "ledger",
    "emeetings",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # a request id on every log line and response; one access-log line per request (core/observability.py)
    "core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL bytes in a path, query or form value: 400 before any view (core/hardening.py)
    "core.hardening.RejectMalformedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ThaiByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's and django-otp's, with request.user the user itself, not a proxy (core/middleware.py)
    "core.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # people (issue #10): second factor for those who have one or must
    "core.middleware.OTPMiddleware",
    "accounts.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # idle sessions end (SESSION_IDLE_MINUTES); LoginRequired then asks for the login again
    "core.sessions.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.CSPMiddleware",  # django-csp's, with the header built once (core/csp.py)
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # "Your report is ready" on the next page (a cache flag; no query unless a job finished).
    "reports.middleware.ReportReadyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "inbox.navigation.navigation",
            ],
            "builtins": ["core.templatetags.thai"],
        },
    }
]

# --- Database ---------------------------------------------------------------
# Embedded default: SQLite in the project folder. DATABASE_URL switches to
# PostgreSQL (the production topology).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A PostgreSQL restart costs no 500 once it is back: stale connections are
# checked before each request reuses them.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A session ends after this many idle minutes (core/sessions.py), and in any case after SESSION_COOKIE_AGE.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)

# django-axes: lock an account+IP after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Sarabun (OFL) comes from the fontpkg-sarabun package, not committed.
    ("fonts/sarabun", Path(fontpkg_sarabun.__file__).parent / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps are served as they are (compressing them is most of collectstatic's time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *[
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "tbz",
        "xz",
        "br",
        "swf",
        "flv",
        "woff",
        "woff2",
        "3gp",
        "3gpp",
        "asf",
        "avi",
        "m4v",
        "mov",
        "mp4",
    ],
    *["mpeg", "mpg", "webm", "wmv", "map"],
]
# Uploaded papers live outside any public path and are served only through
# permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-public/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# A meeting's recording (issue 15): streamed to disk, refused past this size.
RECORDING_MAX_BYTES = env.int("RECORDING_MAX_BYTES", default=2 * 1024 * 1024 * 1024)
# A remote check-in (issue 15) verifies identity by login plus second factor; without one, the
# chair or the secretariat vouches. Off locally (no authenticator needed to try it), on in production.
EMEETING_REMOTE_SECOND_FACTOR = env.bool("EMEETING_REMOTE_SECOND_FACTOR", default=False)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Forms and pages --------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# django-csp 4: no inline scripts; htmx and Bootstrap are served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Progress bars and chart widths are set in style attributes; no inline <style> or script.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Celery, backups, report heartbeats, the cache: config/settings/queues.py --------
from config.settings.queues import *  # noqa: E402, F403
from config.settings.queues import CELERY_BEAT_SCHEDULE  # noqa: E402 (notifications add to it below)

CELERY_TIMEZONE = TIME_ZONE

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ศปคม.จ. <no-reply@localhost>")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- REST API ---------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# --- data out (issue 14): personal API tokens for other systems, throttling ---
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "apitokens.authentication.ApiTokenAuthentication",  # first: its 401 header makes bad tokens 401, not 403
    *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],
]
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "rest_framework.throttling.AnonRateThrottle",
    "rest_framework.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": env("API_THROTTLE_ANON", default="60/hour"),
    "user": env("API_THROTTLE_USER", default="2000/hour"),
}
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)
SPECTACULAR_SETTINGS = {
    "TITLE": "ศปคม.จ. API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Schema and docs for logged-in users only, Swagger UI served by the product (no CDN, CSP 'self').
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # one enum name per state vocabulary (several models call their field "state")
    "ENUM_NAME_OVERRIDES": {
        "PlanStateEnum": "actionplans.choices.DocState",
        "MeetingStateEnum": "meetings.choices.MeetingState",
        "ProposalStateEnum": "fundproposals.choices.ProposalState",
    },
}

# --- Domain settings (settings, not constants) ------------------------------
# Fiscal years (BE) the product accepts.
FISCAL_YEAR_MIN = env.int("FISCAL_YEAR_MIN", default=2560)
FISCAL_YEAR_MAX = env.int("FISCAL_YEAR_MAX", default=2580)
# Fund proposals (กปค.01).
FUND_FORM_CODE = env("FUND_FORM_CODE", default="กปค.01")
FUND_PROJECT_CODE_PREFIX = env("FUND_PROJECT_CODE_PREFIX", default="ปคม")
FUND_BUDGET_CEILING = env.int("FUND_BUDGET_CEILING", default=2_000_000)
# Action plans and situation reports: approved by this month-day (MM-DD) in the fiscal year's first quarter, else late.
PLAN_DUE_MONTH_DAY = env("PLAN_DUE_MONTH_DAY", default="12-31")
SITUATION_REPORT_DUE_MONTH_DAY = env("SITUATION_REPORT_DUE_MONTH_DAY", default="12-31")

# LOG_FORMAT=json (production's default): one JSON line per record, each with the request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(levelname)s %(asctime)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # the access line is written by core.observability; runserver's own would repeat it
    "loggers": {"ctip.request": {"level": env("ACCESS_LOG_LEVEL", default="INFO")}},
}

# --- People: accounts, invitations, notifications (issue #10) ----------------
# Accounts know no domain: the function that turns a user into scopes is named here.
ACCESS_RESOLVER = "committees.access.compute_access"
# seed_demo loads these modules in order (core names no domain).
DEMO_MODULES = ["committees.demo", "meetings.demo", "actionplans.demo", "fundproposals.demo", "reports.demo"]
# Two-factor sign-in required for national officers, secretariat staff and chairs (on in production settings).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "ศปคม.จ."
# Invitation links, printed codes and e-mail checks stop working after this many days.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
# Guesses of a one-time code or link allowed per address in 15 minutes.
ONE_TIME_CODE_ATTEMPTS = env.int("ONE_TIME_CODE_ATTEMPTS", default=10)
# LINE Messaging API (line-bot-sdk v3). Empty secret or token: LINE is off.
LINE_CHANNEL_SECRET = env("LINE_CHANNEL_SECRET", default="")
LINE_CHANNEL_ACCESS_TOKEN = env("LINE_CHANNEL_ACCESS_TOKEN", default="")
LINE_API_BASE = env("LINE_API_BASE", default="https://api.line.me")
# The official account's ID users add (shown on the notification settings page), e.g. @ctip-province.
LINE_OFFICIAL_ACCOUNT = env("LINE_OFFICIAL_ACCOUNT", default="")
# Daily digest e-mails leave at this hour (0-23, Asia/Bangkok).
NOTIFY_DIGEST_HOUR = env.int("NOTIFY_DIGEST_HOUR", default=7)
# A failed e-mail or LINE delivery is tried this many times (backoff doubles from 30 s).
NOTIFY_MAX_ATTEMPTS = env.int("NOTIFY_MAX_ATTEMPTS", default=5)
CELERY_BEAT_SCHEDULE["notifications-reminders"] = {"task": "notifications.tasks.send_reminders", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["notifications-digest"] = {"task": "notifications.tasks.send_digests", "schedule": 3600.0}
# --- Performance (issue #12) ------------------------------------------------
# Lists that grow with the country show at most this many rows a page (core.pagination).
PAGE_SIZE = env.int("PAGE_SIZE", default=50)
# Sessions come from the cache (one query less on every page), written through to the
# database; a Redis outage falls back to the database instead of failing the page.
SESSION_ENGINE = "core.sessions"
# /healthz calls the worker down when its heartbeat (beat, every 30 s) is older than this.
HEALTH_WORKER_MAX_AGE = env.int("HEALTH_WORKER_MAX_AGE", default=180)
# --- docs (issue 11): the meeting packet ---
# A paper longer than this is listed on the packet's cover with a note instead of merged.
REPORTS_PACKET_MAX_PAGES = env.int("REPORTS_PACKET_MAX_PAGES", default=300)

# --- CPU per request (issue #12) ---------------------------------------------
# Django's form renderer, with plain <select> widgets (the list filters' 77 provinces) drawn in
# Python instead of an {% include %} per option; the same markup (tests/core/test_renderers.py).
FORM_RENDERER = "core.renderers.FastSelectRenderer"
# The report worker (reports/tasks.py): malloc arenas per worker process, and a child recycled
# after this many tasks as a safety net for memory a C library might still keep.
REPORTS_MALLOC_ARENAS = env.int("REPORTS_MALLOC_ARENAS", default=2)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=100)
