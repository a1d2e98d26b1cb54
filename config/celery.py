"""Celery application.

With no broker configured (the embedded default) tasks run eagerly in-process;
with ``REDIS_URL`` set they go to Redis and a real worker runs them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ctip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
