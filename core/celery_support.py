"""Celery that survives a lost broker.

``SafeTask`` is the project's task class (``config/celery.py``): when the broker
cannot take a message, the message is kept in the database (``PendingTask``)
instead of failing the request that already committed its data; beat's
``core.tasks.dispatch_pending`` sends it once the broker is back.
``broker_available()`` lets a page refuse work up front, in Thai, rather than
record it half-done.
"""

from __future__ import annotations

import logging

from celery import Task
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger("core.celery")

BROKER_ERRORS = (KombuOperationalError, RedisError, ConnectionError, TimeoutError)


class SafeTask(Task):
    def apply_async(self, args=None, kwargs=None, *rest, **options):
        no_outbox = options.pop("_no_outbox", False)
        if self.app.conf.task_always_eager or no_outbox:
            return super().apply_async(args, kwargs, *rest, **options)
        try:
            return super().apply_async(args, kwargs, *rest, **options)
        except BROKER_ERRORS as exc:
            from core.models import PendingTask

            logger.warning("broker unavailable, %s kept for later: %s", self.name, exc)
            PendingTask.objects.create(task=self.name, args=list(args or ()), kwargs=dict(kwargs or {}))
            return None


def broker_available(timeout: float = 1.0) -> bool:
    """Whether the broker takes connections now (always, when tasks run in-process).

    A Redis broker is asked with a PING over a client kept per process (its pool is thread- and
    fork-safe): the answer is as fresh as before, without building a Celery connection, a channel and a
    new socket per request (issue #12: most of the report request's broker time). Any other broker is
    connected to, as before.
    """
    from config.celery import app

    if app.conf.task_always_eager:
        return True
    url = app.conf.broker_url or ""
    try:
        if url.startswith(("redis://", "rediss://", "unix://")):
            _redis_for(url, timeout).ping()
        else:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
        return True
    except Exception as exc:  # any failure to connect means "not now"
        logger.warning("broker unavailable: %s", exc)
        return False


_clients: dict[tuple[str, float], object] = {}


def _redis_for(url: str, timeout: float):
    client = _clients.get((url, timeout))
    if client is None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # one quick reconnection (a socket the server closed), then "not now": a request never waits on it
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
            retry=Retry(NoBackoff(), 1),
            health_check_interval=0,
        )
        _clients[(url, timeout)] = client
    return client
