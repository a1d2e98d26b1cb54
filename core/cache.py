"""A Redis cache that degrades to "nothing cached" when Redis is down.

Every cache read in the product is an optimisation (the "report ready" flag,
page fragments), so a lost Redis must cost speed, never a page: reads return
the default, writes are dropped, each failure logged once per call. This is
django-redis's ``IGNORE_EXCEPTIONS`` behaviour on Django's own backend.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("core.cache")

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


class SafeRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose every operation survives a lost Redis."""


for _name in _DEFAULTS:
    setattr(SafeRedisCache, _name, _safe(_name, getattr(RedisCache, _name)))
