"""Local development: the embedded default (SQLite, eager Celery) unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env

# Off unless asked (DJANGO_DEBUG=True): `make run` shows the Thai error pages; WhiteNoise serves static files either way.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
