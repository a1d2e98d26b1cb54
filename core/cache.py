"""The cache, read and written so that a Redis outage costs speed, never a page.

Every helper swallows the cache's connection errors (and logs them once a minute at most):
a miss is computed from the database, a failed write is forgotten. Keys that depend on data
carry a *generation* (``generation(name)``), bumped by ``bump(name)`` when that data changes,
so a change is seen at once without listing the keys to delete.

``SafeRedisCache`` (the configured backend) is the floor under it all: every operation of
Django's Redis backend survives a lost Redis (django-redis's ``IGNORE_EXCEPTIONS`` behaviour).
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_MISSING = object()
_last_warning = [0.0]


def _warn(exc: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        logger.warning("cache unavailable, serving from the database: %s", exc)


# --- the request's memo -------------------------------------------------------------
# A page reads several small per-user keys (the user and access, the inbox count, the bell,
# the report announcement flag). ``fetch_many`` reads them in one round trip at the start of
# the request and keeps them here; ``get`` answers from it, ``set``/``delete`` keep it current,
# so a view that changes a count in the request is seen by the rest of that request.
_memo: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("cache_memo", default=None)


def begin_memo() -> contextvars.Token:
    """Start a request's memo (``end_memo(token)`` when the request is answered)."""
    return _memo.set({})


def end_memo(token: contextvars.Token) -> None:
    _memo.reset(token)


def fetch_many(keys: list[str]) -> dict[str, Any]:
    """Read ``keys`` in one call; found and missing keys are both remembered for this request."""
    memo = _memo.get()
    wanted = [k for k in keys if memo is None or k not in memo]
    found: dict[str, Any] = {}
    if wanted:
        try:
            found = cache.get_many(wanted)
        except Exception as exc:
            _warn(exc)
            return {}  # nothing remembered: each key is read (or recomputed) on its own
    if memo is None:
        return found
    for k in wanted:
        memo[k] = found.get(k, _MISSING)
    return {k: memo[k] for k in keys if memo[k] is not _MISSING}


def get(key: str, default: Any = None) -> Any:
    memo = _memo.get()
    if memo is not None and key in memo:
        value = memo[key]
        return default if value is _MISSING else value
    try:
        return cache.get(key, default)
    except Exception as exc:
        _warn(exc)
        return default


def set(key: str, value: Any, timeout: int | None = 300) -> None:
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
    try:
        cache.set(key, value, timeout)
    except Exception as exc:
        _warn(exc)


def delete(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo[key] = _MISSING
    try:
        cache.delete(key)
    except Exception as exc:
        _warn(exc)


def generation(name: str) -> int:
    """The current generation of ``name`` (0 when the cache is empty or down)."""
    value = get(f"gen:{name}")
    return value if isinstance(value, int) else 0


def bump(name: str) -> None:
    """Make every key built on ``name``'s generation stale (call it when that data changes)."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(f"gen:{name}", None)
    try:
        cache.incr(f"gen:{name}")
    except ValueError:  # not there yet
        set(f"gen:{name}", generation(name) + 1, None)
    except Exception as exc:
        _warn(exc)


def remember(key: str, compute: Callable[[], Any], timeout: int = 300) -> Any:
    """``compute()`` once per ``timeout`` for ``key`` (every call computes when the cache is down)."""
    value = get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        set(key, value, timeout)
    return value


class _QuietCache:
    """The cache API sessions use, answering "not there" instead of raising when Redis is down."""

    def __init__(self, backend):
        self._backend = backend

    def get(self, key, default=None):
        try:
            return self._backend.get(key, default)
        except Exception as exc:
            _warn(exc)
            return default

    def set(self, key, value, timeout=None):
        try:
            self._backend.set(key, value, timeout)
        except Exception as exc:
            _warn(exc)

    def add(self, key, value, timeout=None):
        try:
            return self._backend.add(key, value, timeout)
        except Exception as exc:
            _warn(exc)
            return True

    def delete(self, key):
        try:
            self._backend.delete(key)
        except Exception as exc:
            _warn(exc)

    def __contains__(self, key):
        try:
            return key in self._backend
        except Exception as exc:
            _warn(exc)
            return False


def _epoch_sum(vendor: str) -> str:
    # every row's own timestamp summed: an update committed with an older stamp than the
    # newest row's (two writers, the later-started one committing last) still changes it
    if vendor == "postgresql":
        return "SUM(EXTRACT(EPOCH FROM u.updated_at))"  # numeric: exact
    return "SUM(julianday(u.updated_at))"  # SQLite (the embedded default)


def stamp_sql(vendor: str, column: str) -> str:
    """SQL for ``column`` (a timestamp) as a number, to sum in a hand-written version query."""
    if vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM {column})"
    return f"julianday({column})"  # SQLite (the embedded default)


def _versions(querysets) -> list[tuple[int, str]]:
    """(rows, version) for each queryset, all read in one query (an empty queryset: (0, "none"))."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    parts, params, empty = [], [], []
    db = querysets[0].db
    epoch = _epoch_sum(connections[db].vendor)
    for i, qs in enumerate(querysets):
        try:
            # pk too: a DISTINCT query (a filter across a to-many relation) keeps one row per object
            sql, p = qs.order_by().values_list("pk", "updated_at").query.sql_with_params()
        except EmptyResultSet:  # ``.none()``, ``pk__in=[]``: nothing to read
            empty.append(i)
            continue
        # ``sql`` is Django's own compiled query; the values travel as parameters
        parts.append(f"SELECT {i}, COUNT(*), MAX(u.updated_at), {epoch} FROM ({sql}) u")  # noqa: S608
        params.extend(p)
    found = {}
    if parts:
        with connections[db].cursor() as cur:
            cur.execute(" UNION ALL ".join(f"SELECT * FROM ({part}) p{i}" for i, part in enumerate(parts)), params)  # noqa: S608
            found = {row[0]: row[1:] for row in cur.fetchall()}
    out = []
    for i in range(len(querysets)):
        if i in empty:
            out.append((0, "none"))
        else:
            n, latest, total = found[i]
            out.append((n, f"{n}:{latest}:{total}"))
    return out


def data_version(*querysets) -> str:
    """A key part that changes whenever the rows behind ``querysets`` change: for each, the
    number of rows, the latest ``updated_at`` and the sum of every row's ``updated_at``, all
    read in one query (rows here are never deleted, and every write goes through ``save()``,
    which stamps ``updated_at``).
    """
    joined = "|".join(v for _n, v in _versions(querysets))
    return hashlib.blake2b(joined.encode(), digest_size=8).hexdigest()


def counted_version(queryset, *also) -> tuple[int, str]:
    """``(queryset.count(), data_version(queryset, *also))`` in one query: a paginated list's
    count and the version its cached rows are keyed on (``also``: the other rows they show)."""
    versions = _versions([queryset, *also])
    joined = "|".join(v for _n, v in versions)
    return versions[0][0], hashlib.blake2b(joined.encode(), digest_size=8).hexdigest()


def appended_version(queryset, *, window: int = 1000) -> str:
    """The version of an append-only table's rows (the audit trail: never updated or deleted), read
    through the primary key index: the number and the newest id of ``queryset``'s rows among the
    table's last ``window`` ids. A new row changes it, and so does one committed late with an id
    below the newest (a concurrent writer), as long as it lies within the window.
    """
    from django.db.models import Count, Max, Subquery

    newest = queryset.model._default_manager.order_by("-pk").values("pk")[:1]
    recent = queryset.order_by().filter(pk__gt=Subquery(newest) - window).aggregate(n=Count("pk"), m=Max("pk"))
    return f"{recent['n']}.{recent['m']}"


def query_key(request, *, drop: tuple[str, ...] = ("page",)) -> str:
    """A short key part for the request's query string (less ``drop``), as the page's links use it."""
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return hashlib.blake2b(query.urlencode().encode(), digest_size=8).hexdigest()


def rendered(key: str, template_name: str, context: Callable[[], dict], timeout: int = 3600) -> str:
    """``template_name`` rendered with ``context()``, once per ``key`` (marked safe: our own template).

    Rendered without the request, so no CSRF token, CSP nonce or user-dependent context can
    slip into markup that other readers are served; ``key`` must hold everything else the
    markup depends on (the data version, the reader's scope, the filters); the language is
    added here.
    """
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    html = remember(f"{key}:{get_language()}", lambda: render_to_string(template_name, context()), timeout)
    return mark_safe(html)  # noqa: S308 - our own template's output


def scope_key(user) -> str:
    """The part of a key that keeps one user's scope apart from another's (never serve another
    province's rows): ``all`` for national officers, else the provinces the user may read."""
    ids = user.access.readable_province_ids()
    return "all" if ids is None else ",".join(str(i) for i in sorted(ids)) or "none"


# --- the backend (issue #13) ----------------------------------------------------
_DEFAULTS = {
    "get": lambda a, kw: kw.get("default", a[1] if len(a) > 1 else None),
    "get_many": lambda a, kw: {},
    "has_key": lambda a, kw: False,
    "add": lambda a, kw: False,
    "set": lambda a, kw: None,
    "set_many": lambda a, kw: list(a[0]) if a else [],
    "delete": lambda a, kw: False,
    "delete_many": lambda a, kw: None,
    "touch": lambda a, kw: False,
    "clear": lambda a, kw: False,
    "incr": lambda a, kw: kw.get("delta", a[1] if len(a) > 1 else 1),
    "decr": lambda a, kw: -kw.get("delta", a[1] if len(a) > 1 else 1),
    "get_or_set": None,  # computed below: the default, not cached
}


def _safe(name, method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache %s skipped, Redis unavailable: %s", name, exc)
            if name == "get_or_set":
                default = kwargs.get("default", args[1] if len(args) > 1 else None)
                return default() if callable(default) else default
            return _DEFAULTS[name](args, kwargs)

    return wrapper


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache operation; redis-py 8 fills a table of
    some 170 response callbacks in each constructor, about 0.08 ms of CPU, and a page makes
    3-5 cache calls (session, inbox and bell counts, report announcements). A ``redis.Redis``
    over a pool is safe to share between threads, and the pool reconnects after a fork.
    (Issue #12: CPU per request.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SafeRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose every operation survives a lost Redis."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


for _name in _DEFAULTS:
    setattr(SafeRedisCache, _name, _safe(_name, getattr(RedisCache, _name)))
