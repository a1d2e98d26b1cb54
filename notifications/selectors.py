"""Reads of notifications: the user's own only; failures for national officers."""

from __future__ import annotations

from django.db.models import QuerySet

from core import cache  # connection errors cost a recount, never a page
from notifications.choices import DeliveryState
from notifications.models import Delivery, Notification, NotifySettings, Preference

UNREAD_TTL = 300


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    """The bell's number: cached, dropped whenever a notification is added or read."""
    from notifications.services import unread_key

    key = unread_key(user.pk)
    n = cache.get(key)
    if n is None:
        n = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, n, UNREAD_TTL)
    return n


def preferences_of(user) -> tuple[dict[tuple[str, str], bool], NotifySettings]:
    chosen = {(p.kind, p.channel): p.enabled for p in Preference.objects.filter(user=user)}
    ns, _ = NotifySettings.objects.get_or_create(user=user)
    return chosen, ns


def failed_deliveries() -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(state=DeliveryState.FAILED)
        .select_related("notification__recipient", "notification__province")
        .order_by("-created_at", "-id")
    )
