"""What each domain puts in a person's inbox, and how the inbox asks for it.

A domain app has an ``inbox.py`` whose providers (``@register``) return ``Waiting``
entries for a user: a label, a link, and the waiting rows as a queryset *builder*: a
module-level function of a dict of parameters (the user's id, province ids, today, now...)
that the entry carries in ``params``. The inbox counts every entry of every domain in one
SELECT, so the page costs the same with 5 waiting items or 500; and it builds and compiles
that SELECT once per shape and process (``inbox.prepared``), so a builder must take
everything that varies from its parameters, never from the request (no closures: checked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

PROVIDERS: list[Callable[[Any], list[Waiting]]] = []

Param = int | dt.date | dt.datetime | tuple[int, ...]


@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    rows: Callable[[dict[str, Any]], QuerySet]  # the waiting rows from ``params`` (and "shape"), in their order
    params: dict[str, Param]
    url: Callable[[int | None], str]  # from the first row's id (None: the list)
    first: bool = False  # ask for the first row's id (a link straight to it when it is the only one)
    earliest: str | None = None  # field whose smallest value over the rows is the deadline
    deadline: Any = None  # or a deadline known without asking (a date)
    shape: Hashable = ()  # anything besides the parameters that changes the rows' query (as params["shape"])
    icon: str = "inbox"
    tone: str = "primary"  # Bootstrap colour of the badge: "danger" for late
    order: int = 100
    extra: dict = field(default_factory=dict)


def ids(values) -> tuple[int, ...]:
    """Province (or other) ids as a parameter: sorted, so one set always gives one SQL text."""
    return tuple(sorted(values))


def register(provider: Callable[[Any], list[Waiting]]):
    """Decorator for a domain's provider ``(user) -> [Waiting]``."""
    PROVIDERS.append(provider)
    return provider
