"""The personal inbox: everything waiting for the user, counted in one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Value

from accounts.models import User
from core import cache  # connection errors cost a recount, never a page
from core.who import per_user_key
from inbox.registry import PROVIDERS, Waiting

COUNT_TTL = 60  # seconds the navigation count may lag behind


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    count: int
    url: str
    deadline: Any
    icon: str
    tone: str

    @property
    def deadline_has_time(self) -> bool:
        return isinstance(self.deadline, dt.datetime)


@per_user_key  # read with the user, in the request's one cache call
def _count_key(user_id: int) -> str:
    return f"inbox:count:{user_id}"


def entries(user) -> list[Waiting]:
    found: list[Waiting] = []
    for provider in PROVIDERS:
        found.extend(provider(user))
    return sorted(found, key=lambda w: w.order)


def inbox_for(user) -> list[Item]:
    """The user's waiting items with a count above zero (one query for all of them)."""
    waiting = entries(user)
    if not waiting:
        cache.set(_count_key(user.pk), 0, COUNT_TTL)
        return []
    annotations: dict[str, Any] = {"_one": Value(1)}
    for w in waiting:
        annotations[f"{w.key}__n"] = w.count
        if w.first is not None:
            annotations[f"{w.key}__first"] = w.first
        if w.deadline is not None:
            annotations[f"{w.key}__due"] = w.deadline
    row = User.objects.filter(pk=user.pk).annotate(**annotations).values(*annotations).first() or {}
    items = []
    for w in waiting:
        n = row.get(f"{w.key}__n") or 0
        if not n:
            continue
        first = row.get(f"{w.key}__first") if n == 1 else None
        items.append(Item(w.key, w.label, n, w.url(first), row.get(f"{w.key}__due"), w.icon, w.tone))
    cache.set(_count_key(user.pk), sum(i.count for i in items), COUNT_TTL)
    return items


def inbox_count(user) -> int:
    """The navigation badge: cached for a minute, computed (one query) when not cached."""
    n = cache.get(_count_key(user.pk))
    if n is None:
        n = sum(i.count for i in inbox_for(user))
    return n


def forget_count(user_id: int) -> None:
    """Drop the cached count (after something changed what waits for the user)."""
    cache.delete(_count_key(user_id))
