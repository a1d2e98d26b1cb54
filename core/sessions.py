"""Sessions: where they live, and when they end.

- ``SessionStore``: read from the cache, written through to the database (Django's ``cached_db``),
  still working when the cache is down (every cache call goes through ``core.cache._QuietCache``).
- ``IdleTimeoutMiddleware``: sessions end after an idle period (``SESSION_IDLE_MINUTES``, 30 by
  default). The last activity is kept in the session and written at most once a minute, so a page
  costs no extra query while someone is working; the next page asks for the login again, in Thai.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.utils.translation import gettext as _

from core.cache import _QuietCache


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _QuietCache(self._cache)


KEY = "_last_seen"
WRITE_EVERY = 60  # seconds


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(KEY)
            idle = int(getattr(settings, "SESSION_IDLE_MINUTES", 30)) * 60
            if last is not None and now - last > idle:
                logout(request)
                messages.info(request, _("ออกจากระบบอัตโนมัติเนื่องจากไม่มีการใช้งานเกินกำหนด กรุณาเข้าสู่ระบบอีกครั้ง"))
            elif last is None or now - last >= WRITE_EVERY:
                request.session[KEY] = now
        return self.get_response(request)
