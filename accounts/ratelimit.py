"""A small fixed-window limit on guesses (codes, links, registrations), kept in the cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str, *, limit: int | None = None, window: int = 900) -> bool:
    """Count one attempt; ``False`` once ``limit`` attempts were made in the window."""
    limit = limit or settings.ONE_TIME_CODE_ATTEMPTS
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, window)
        return True
    return count <= limit
