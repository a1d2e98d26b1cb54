"""The personal inbox: everything waiting for the user, counted in one query (compiled once per shape)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet, Value

from accounts.models import User
from committees.selectors import home_provinces_of
from core import cache  # connection errors cost a recount, never a page
from core.subqueries import count_of, earliest, first_pk
from core.who import per_user_key
from inbox import prepared
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


def _spec(waiting: list[Waiting]) -> tuple:
    """What gives the inbox's SELECT its structure: per entry its key, builder, asks and parameter names."""
    return tuple((w.key, w.rows, w.first, w.earliest, w.shape, tuple(w.params)) for w in waiting)


def _values(user, waiting: list[Waiting]) -> dict[str, Any]:
    values: dict[str, Any] = {"user": user.pk}
    for i, w in enumerate(waiting):
        for name, value in w.params.items():
            values[f"{i}.{name}"] = value
    return values


def _query(spec: tuple, values: dict[str, Any]) -> QuerySet:
    """Every entry's count (and first id, earliest deadline) as columns of one row."""
    annotations: dict[str, Any] = {"_one": Value(1)}
    for i, (key, rows, first, earliest_field, shape, names) in enumerate(spec):
        params = {name: values[f"{i}.{name}"] for name in names}
        params["shape"] = shape
        waiting = rows(params)
        annotations[f"{key}__n"] = count_of(waiting)
        if first:
            annotations[f"{key}__first"] = first_pk(waiting)
        if earliest_field:
            annotations[f"{key}__due"] = earliest(waiting, earliest_field)
    return User.objects.filter(pk=values["user"]).annotate(**annotations).values(*annotations)


def inbox_for(user) -> list[Item]:
    """The user's waiting items with a count above zero (one query for all of them, compiled once per shape)."""
    waiting = entries(user)
    if not waiting:
        cache.set(_count_key(user.pk), 0, COUNT_TTL)
        return []
    spec = _spec(waiting)
    if spec not in _CHECKED:
        for w in waiting:
            prepared.check_pure(w.rows)
        _CHECKED.add(spec)
    row = prepared.run(spec, _query, _values(user, waiting)) or {}
    items = []
    for w in waiting:
        n = row.get(f"{w.key}__n") or 0
        if not n:
            continue
        first = row.get(f"{w.key}__first") if n == 1 else None
        due = row.get(f"{w.key}__due") if w.earliest else w.deadline
        items.append(Item(w.key, w.label, n, w.url(first), due, w.icon, w.tone))
    cache.set(_count_key(user.pk), sum(i.count for i in items), COUNT_TTL)
    return items


_CHECKED: set[tuple] = set()  # specs whose row builders were checked to hold nothing of a request


class HomeProvince(NamedTuple):
    pk: int
    code: str
    name_th: str
    risk_group: str | None


def _provinces(spec: tuple, values: dict[str, Any]) -> QuerySet:
    return (
        home_provinces_of(values["provinces"], fiscal_year=values["year"])
        .values_list("pk", "code", "name_th", "risk_group")
        .order_by("code")
    )


def my_provinces(user, *, fiscal_year: int) -> list[HomeProvince]:
    """Every province where the user holds any role, with its risk group this year (compiled once per shape)."""
    ids = tuple(sorted(user.access.roles_by_province))
    if not ids:
        return []
    return [
        HomeProvince(*row)
        for row in prepared.run_all(("home_provinces",), _provinces, {"provinces": ids, "year": fiscal_year})
    ]


def inbox_count(user) -> int:
    """The navigation badge: cached for a minute, computed (one query) when not cached."""
    n = cache.get(_count_key(user.pk))
    if n is None:
        n = sum(i.count for i in inbox_for(user))
    return n


def forget_count(user_id: int) -> None:
    """Drop the cached count (after something changed what waits for the user)."""
    cache.delete(_count_key(user_id))
