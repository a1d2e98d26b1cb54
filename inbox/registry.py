"""What each domain puts in a person's inbox, and how the inbox asks for it.

A domain app has an ``inbox.py`` whose providers (``@register``) return
``Waiting`` entries for a user: a label, a count expression, and optionally the
first item's id and the earliest deadline, each an ORM expression. The inbox
evaluates every entry of every domain in one SELECT, so the page costs the same
with 5 waiting items or 500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PROVIDERS: list[Callable[[Any], list[Waiting]]] = []


@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    count: Any  # an expression giving an integer
    url: Callable[[int | None], str]  # from the first item's id (None: the list)
    first: Any = None  # an expression giving the first item's id
    deadline: Any = None  # an expression giving the earliest deadline (datetime or date)
    icon: str = "inbox"
    tone: str = "primary"  # Bootstrap colour of the badge: "danger" for late
    order: int = 100
    extra: dict = field(default_factory=dict)


def register(provider: Callable[[Any], list[Waiting]]):
    """Decorator for a domain's provider ``(user) -> [Waiting]``."""
    PROVIDERS.append(provider)
    return provider
