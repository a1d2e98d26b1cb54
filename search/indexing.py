"""Ask for a source's index entry to be brought up to date: ``index_later(obj)``, at most one pending per source.

A service calls ``index_later(obj)`` after its write, inside its transaction; nothing happens until the
transaction commits (``transaction.on_commit``), then the worker re-reads the source by id
(``search.tasks.index_source``). The minutes autosave (every minute while the secretariat types) would
queue one task a minute per meeting; instead the first save marks the source *pending* in Redis
(``SET key NX EX``: no SQL at all) and queues the task, and later saves see the mark and queue nothing:
the task, when it runs, clears the mark first and then reads the source as it is then, so every save
before it is in the entry and any save after it queues a new one.

When Redis is down (the mark cannot be set), the task is simply queued; the broker is the same Redis,
so ``core.celery_support.SafeTask`` keeps it as one ``PendingTask`` row (the only query) and beat sends it
when Redis returns. ``rebuild_search_index`` still rebuilds everything from the sources.
"""

from __future__ import annotations

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from redis.exceptions import RedisError

from search.indexers import SOURCES

log = logging.getLogger(__name__)
PENDING_SECONDS = 600  # a lost task's mark expires: the next save after that queues again
_KIND_OF_MODEL = {source.model.lower(): kind for kind, source in SOURCES.items()}


def kind_of(obj) -> str:
    return str(_KIND_OF_MODEL[obj._meta.label_lower])


def pending_key(kind: str, pk: int) -> str:
    return f"search:pending:{kind}:{pk}"


def _redis(key: str):
    """The Redis client and the full key when the cache is Redis (used directly so that an outage is seen:
    the project's cache backend swallows errors), else ``None``."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return backend._cache.get_client(key, write=True), backend.make_and_validate_key(key)
    return None, key


def _mark_pending(kind: str, pk: int) -> bool:
    """True when this call made the source pending (so it must queue the task); raises when Redis is down."""
    client, key = _redis(pending_key(kind, pk))
    if client is None:  # the in-process cache of the embedded default and of the tests
        return caches["default"].add(key, 1, PENDING_SECONDS)
    return bool(client.set(key, 1, nx=True, ex=PENDING_SECONDS))


def clear_pending(kind: str, pk: int) -> None:
    """Called by the task before it reads the source: any later save queues again."""
    try:
        client, key = _redis(pending_key(kind, pk))
        if client is None:
            caches["default"].delete(key)
        else:
            client.delete(key)
    except (RedisError, OSError) as exc:  # Redis down: nothing was marked either
        log.warning("search: cannot clear the pending mark of %s %s: %s", kind, pk, exc)


def schedule(kind: str, pk: int) -> None:
    """Queue the re-indexing of one source unless it is already pending (run after the commit)."""
    from search.tasks import index_source

    try:
        first = _mark_pending(kind, pk)
    except (RedisError, OSError) as exc:
        log.warning("search: pending marks unavailable, queueing %s %s: %s", kind, pk, exc)
        first = True
    if first:
        index_source.delay(kind, pk)


def index_later(obj, *, kind: str | None = None) -> None:
    """After the current transaction commits, bring ``obj``'s index entry up to date (coalesced)."""
    kind, pk = kind or kind_of(obj), obj.pk
    transaction.on_commit(lambda: schedule(kind, pk))
