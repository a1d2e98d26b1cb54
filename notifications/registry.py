"""Who hears of an event, in what words: each domain registers a resolver per kind (``<app>/notices.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

RESOLVERS: dict[str, Callable[[str, int, str], Event | None]] = {}
# Generators of due reminders: ``fn(now) -> [(kind, object_id, variant)]`` (run hourly by beat).
REMINDERS: list[Callable[[Any], Iterable[tuple[str, int, str]]]] = []


@dataclass(frozen=True)
class Event:
    text: str  # short, no case content: what happened and to which meeting/proposal label
    url: str  # a path inside the product (the link asks for a login)
    recipients: Iterable[Any]  # users
    province_id: int | None = None


def resolver(*kinds: str):
    """Register ``fn(kind, object_id, variant) -> Event | None`` for ``kinds``."""

    def wrap(fn):
        for kind in kinds:
            RESOLVERS[kind] = fn
        return fn

    return wrap


def reminder(fn):
    """Register a generator of reminders that are due now."""
    REMINDERS.append(fn)
    return fn
