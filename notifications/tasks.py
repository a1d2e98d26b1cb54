"""Notification jobs: fan an event out, deliver (retried with backoff), reminders, daily digests."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from notifications import services


@shared_task(acks_late=True)
def emit(kind: str, object_id: int, variant: str = "") -> int:
    """Create the event's notifications and send what goes out now (ids only)."""
    ids = services.emit(kind=kind, object_id=object_id, variant=variant)
    for pk in ids:
        deliver.delay(pk)
    return len(ids)


@shared_task(acks_late=True)
def deliver(delivery_id: int) -> str:
    """Send one delivery; a failure is tried again later, up to ``NOTIFY_MAX_ATTEMPTS`` times."""
    from notifications.models import Delivery

    state = services.deliver(delivery_id=delivery_id)
    if state == "pending":
        attempts = Delivery.objects.values_list("attempts", flat=True).get(pk=delivery_id)
        if attempts < settings.NOTIFY_MAX_ATTEMPTS:
            deliver.apply_async((delivery_id,), countdown=services.backoff(attempts))
    return state


@shared_task
def send_digests() -> int:
    return services.send_digests()


@shared_task
def send_reminders() -> int:
    """Deadlines coming or passed: votes due in 24 h, minutes waiting, plans and reports due in 30/7 days or late."""
    from django.utils import timezone

    from notifications.registry import REMINDERS

    now = timezone.now()
    n = 0
    for gen in REMINDERS:
        for kind, object_id, variant in gen(now):
            n += emit(kind, object_id, variant)
    return n
