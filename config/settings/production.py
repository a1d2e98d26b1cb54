"""Production: refuses to start without a secret key; secure cookies and HSTS."""

from .base import *  # noqa: F403
from .base import env

# seed_demo refuses to run here unless told explicitly, and never creates a superuser.
IS_PRODUCTION = True

SECRET_KEY = env("DJANGO_SECRET_KEY")  # no default: a missing key stops the start
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# Trust X-Forwarded-Proto only when told a TLS proxy in front sets it (and strips it from clients);
# otherwise any client could claim https.
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# people (issue #10): national officers, secretariat staff and chairs sign in with a second factor.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
# e-meetings (issue 15): checking in online needs a session that passed the second factor (or a vouch).
EMEETING_REMOTE_SECOND_FACTOR = env.bool("EMEETING_REMOTE_SECOND_FACTOR", default=True)
# /healthz answers plain http to the load balancer and the container's health check.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
# One JSON line per log record (and per request), each with its request id.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")  # noqa: F405
