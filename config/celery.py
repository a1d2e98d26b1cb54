"""Celery application.

With no broker configured (the embedded default) tasks run eagerly in-process;
with ``REDIS_URL`` set they go to Redis and a real worker runs them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

# SafeTask keeps a message in the database when the broker is down (core/celery_support.py).
app = Celery("ctip", task_cls="core.celery_support:SafeTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
