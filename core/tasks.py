"""Periodic jobs every deployment runs (beat)."""

from celery import shared_task
from django.utils import timezone


@shared_task(soft_time_limit=60, time_limit=90)
def dispatch_pending() -> int:
    """Send the messages kept while the broker was down; returns how many went out."""
    from config.celery import app
    from core.celery_support import BROKER_ERRORS
    from core.models import PendingTask

    sent = 0
    for pending in PendingTask.objects.all()[:500]:
        try:
            app.tasks[pending.task].apply_async(pending.args, pending.kwargs, _no_outbox=True)
        except BROKER_ERRORS:
            PendingTask.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1)
            break  # still down: try again on the next beat
        pending.delete()
        sent += 1
    return sent


@shared_task(soft_time_limit=30, time_limit=45)
def worker_heartbeat() -> None:
    """Proves beat, the broker and a worker all work: /healthz reads the time."""
    from core.models import Heartbeat

    Heartbeat.objects.update_or_create(name="worker", defaults={"at": timezone.now()})


@shared_task(soft_time_limit=3300, time_limit=3600)
def nightly_backup() -> str:
    """The scheduled backup (beat, 02:30 Bangkok time) into ``BACKUP_DIR``; does nothing when it is unset."""
    from pathlib import Path

    from django.conf import settings

    from core import backup

    if not getattr(settings, "BACKUP_DIR", ""):
        return "BACKUP_DIR not set"
    return str(backup.backup(Path(settings.BACKUP_DIR), keep=settings.BACKUP_KEEP))
