"""A query compiled once per shape and process, then re-run with new parameter values.

Building a many-subquery ORM query and compiling it to SQL costs far more CPU than PostgreSQL
takes to answer it (the inbox: ~20 ms against ~1 ms). Here the query is built once from
*stand-in* values, one distinct value per parameter, so that each place where a parameter
lands in the compiled SQL's parameter list can be found again; the SQL text and that map are
kept per shape. The next call with the same shape fills the map with its own values and runs
the kept SQL with ``cursor.execute``: no expression is built, nothing is compiled.

A shape is everything that changes the SQL text: the caller's key plus each value's type and,
for a tuple, its length (``province_id__in`` gives one placeholder per province). The builder
must depend on its ``values`` argument alone: it must be a plain function with no closure and
no defaults (checked), so that nothing of one request is kept for the next. When a plan is
made, the same builder is also compiled with the real values and both must agree to the
character and parameter; if they do not (a value the ORM rewrites, a constant that happens to
equal a stand-in), the shape is never kept and every call compiles through the ORM as before.

Plans live in a per-process dict: under gunicorn threads two requests may make the same plan
at once; both are identical and the last write wins.
"""

from __future__ import annotations

import datetime as dt
import logging
import types
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

log = logging.getLogger(__name__)

Builder = Callable[[Any, dict[str, Any]], QuerySet]  # (spec, values) -> the query

# Stand-ins stay inside small-integer range (Django turns an out-of-range integer lookup into an
# empty or full result, i.e. another SQL text) and far from the small constants queries use.
_INT_BASE = 30_001
_DATE_BASE = dt.date(1901, 1, 1)
_DATETIME_BASE = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Plan:
    sql: str
    slots: tuple[tuple[bool, Any], ...]  # per parameter: (True, (name, index, wrapper)) a value, (False, constant)
    using: str


_PLANS: dict[Hashable, Plan | None] = {}  # None: this shape cannot be kept, compile every time


def _signature(value: Any) -> Hashable:
    if isinstance(value, tuple):
        return (tuple, len(value))
    return type(value)


def _stand_in(value: Any, n: int) -> Any:
    if type(value) is int:
        return _INT_BASE + n
    if type(value) is dt.datetime:
        return _DATETIME_BASE + dt.timedelta(seconds=n)
    if type(value) is dt.date:
        return _DATE_BASE + dt.timedelta(days=n)
    raise TypeError(f"no stand-in for a {type(value).__name__}: pass ints, dates, datetimes or tuples of them")


def _stand_ins(values: dict[str, Any]) -> tuple[dict[str, Any], dict[tuple[type, Any], tuple[str, int | None]]]:
    fake: dict[str, Any] = {}
    where: dict[tuple[type, Any], tuple[str, int | None]] = {}
    n = 0
    for name, value in values.items():
        if isinstance(value, tuple):
            parts = []
            for i, v in enumerate(value):
                s = _stand_in(v, n)
                n += 1
                where[(type(s), s)] = (name, i)
                parts.append(s)
            fake[name] = tuple(parts)
        else:
            s = _stand_in(value, n)
            n += 1
            where[(type(s), s)] = (name, None)
            fake[name] = s
    if n > 1_500:
        raise ValueError("too many parameters for the stand-in range")
    return fake, where


def _slot(param: Any, where: dict) -> tuple[bool, Any]:
    """Where a compiled parameter comes from. Django hands integers to psycopg in a sized wrapper
    (``Int2(2568)`` for a small-integer column): the slot keeps the wrapper to put around the value."""
    if isinstance(param, int) and not isinstance(param, bool):
        found = where.get((int, int(param)))
        wrap = None if type(param) is int else type(param)
    else:
        found = where.get((type(param), param))
        wrap = None
    if found is None:
        return (False, param)
    return (True, (*found, wrap))


def _fill(plan: Plan, values: dict[str, Any]) -> list[Any]:
    out = []
    for is_value, slot in plan.slots:
        if not is_value:
            out.append(slot)
            continue
        name, i, wrap = slot
        value = values[name] if i is None else values[name][i]
        out.append(value if wrap is None else wrap(value))
    return out


def _compile(qs: QuerySet) -> tuple[str, tuple]:
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    return sql, tuple(params)


def _typed(params) -> list[tuple[type, Any]]:
    return [(type(p), p) for p in params]


def check_pure(build: Callable) -> None:
    if not isinstance(build, types.FunctionType) or build.__closure__ or build.__defaults__ or build.__kwdefaults__:
        raise TypeError(f"{build!r}: a query builder takes everything from its values (no closure, no defaults)")


def _plan(spec: Hashable, build: Builder, values: dict[str, Any]) -> tuple[Plan | None, tuple[str, tuple, str]]:
    """Make the shape's plan; also return the real query compiled, for this first run."""
    fake, where = _stand_ins(values)
    stand_qs = build(spec, fake)
    sql, params = _compile(stand_qs)
    slots = tuple(_slot(p, where) for p in params)
    real_qs = build(spec, values)
    real = _compile(real_qs)
    plan = Plan(sql, slots, real_qs.db)
    filled = _fill(plan, values)
    if real[0] != sql or _typed(filled) != _typed(real[1]) or real_qs.db != stand_qs.db:
        differ = [(i, a, b) for i, (a, b) in enumerate(zip(filled, real[1], strict=False)) if a != b][:3]
        log.warning(
            "prepared query: a shape of %r does not keep (SQL %s, parameters differ at %r); compiled on every call",
            build,
            "same" if real[0] == sql else "differs",
            differ,
        )
        return None, (*real, real_qs.db)
    return plan, (*real, real_qs.db)


def _execute(spec: Hashable, build: Builder, values: dict[str, Any]):
    shape = (spec, build, tuple((name, _signature(v)) for name, v in values.items()))
    if shape in _PLANS:
        plan = _PLANS[shape]
        if plan is not None:
            sql, params, using = plan.sql, _fill(plan, values), plan.using
        else:
            qs = build(spec, values)
            sql, params, using = (*_compile(qs), qs.db)
    else:
        check_pure(build)
        plan, (sql, params, using) = _plan(spec, build, values)
        _PLANS[shape] = plan
    cursor = connections[using].cursor()
    cursor.execute(sql, params)
    return cursor


def run(spec: Hashable, build: Builder, values: dict[str, Any]) -> dict[str, Any] | None:
    """The first row of ``build(spec, values)`` as a dict (None: no row), compiled once per shape.

    ``spec`` is whatever besides the values' types and lengths gives the query its structure
    (hashable, and holding nothing of one request: no user, no id, no time)."""
    with _execute(spec, build, values) as cursor:
        row = cursor.fetchone()
        if row is None:
            return None
        return {col[0]: v for col, v in zip(cursor.description, row, strict=True)}


def run_all(spec: Hashable, build: Builder, values: dict[str, Any]) -> list[tuple]:
    """Every row of ``build(spec, values)`` as a tuple in its ``values()`` order (see ``run``)."""
    with _execute(spec, build, values) as cursor:
        return cursor.fetchall()


def forget() -> None:
    """Drop every kept plan (tests)."""
    _PLANS.clear()
