"""Sessions read from the cache, written through to the database (Django's ``cached_db``),
still working when the cache is down: every cache call goes through ``core.cache._QuietCache``.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from core.cache import _QuietCache


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _QuietCache(self._cache)
