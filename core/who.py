"""Who is asking: the signed-in user and their access, read from the cache, not the database.

Every page needs the user row and their access (grants and seats: ``settings.ACCESS_RESOLVER``).
Both are kept in the cache per user, with the generation of the people data they were read
under and the day (a seat's term starts and ends on a date). Any save or delete of a user, a
role grant, a seat or a subcommittee replaces that generation, at once and again when the
transaction commits, so a revoked grant or a removed seat takes effect on the next request: a
reader that loaded the old rows before the commit stored them under the generation the commit
then replaced. The generation is a random token, never a counter, so a generation lost from the
cache (eviction, restart) cannot bring an old entry back to life.

``open_request`` (called by ``core.middleware.ThaiByDefaultMiddleware``, which runs between
the session and Django's ``AuthenticationMiddleware``) reads, in one cache call, the generation,
the cached user and every per-user key registered with ``per_user_key`` (the inbox count, the
bell, the report flag): they are then answered from the request's memo (``core.cache``), and
Django's middleware serves the user it settled (``request._cached_user``). With the cache down
every read misses and the request reads the database, as before.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from core import cache

GENERATION_KEY = "who:gen"
USER_TTL = 300  # seconds; a bound on staleness only if the cache was unreachable when people data changed
_PER_USER_KEYS: list[Callable[[int], str]] = []


def per_user_key(make: Callable[[int], str]) -> Callable[[int], str]:
    """Register ``make(user_id) -> key``: the key is read with the user, in the same cache call."""
    _PER_USER_KEYS.append(make)
    return make


def _user_key(user_id) -> str:
    return f"who:user:{user_id}"


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def people_changed(**kwargs) -> None:
    """Receiver for every save/delete of users, grants, seats, subcommittees: stale, at once and on commit."""
    _new_generation()
    transaction.on_commit(_new_generation, using=kwargs.get("using"))


def _load(request, user_id, backend_path):
    """The user (with ``access`` computed) from the cache, else from the database (then cached)."""
    keys = [GENERATION_KEY, _user_key(user_id), *(make(user_id) for make in _PER_USER_KEYS)]
    found = cache.fetch_many(keys)
    gen = found.get(GENERATION_KEY)
    today = timezone.localdate().isoformat()
    entry = found.get(_user_key(user_id))
    if gen is not None and isinstance(entry, tuple) and entry[:3] == (gen, today, backend_path):
        return entry[3]
    user = load_backend(backend_path).get_user(user_id)
    if user is None:
        return None
    user.access  # noqa: B018 - computed now, so the cached copy carries it
    if gen is None:
        # no generation yet (first use, or the cache lost it): start one; nothing is cached
        # under it in this request, since a change may have happened while it was missing
        if cache.get(GENERATION_KEY) is None:
            _new_generation()
        return user
    cache.set(_user_key(user_id), (gen, today, backend_path, user), USER_TTL)
    return user


def get_user(request):
    """``django.contrib.auth.get_user``, with the user read through the cache (see the module)."""
    from django.contrib.auth.models import AnonymousUser

    user = None
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            user = _load(request, user_id, backend_path)
            # verify the session exactly as Django does (a changed password ends other sessions)
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                verified = bool(session_hash) and constant_time_compare(session_hash, user.get_session_auth_hash())
                if not verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback)
                        for fallback in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
                    else:
                        request.session.flush()
                        user = None
    return user or AnonymousUser()


def open_request(request) -> contextvars.Token:
    """Start the request's cache memo and settle who is asking (call before Django's
    ``AuthenticationMiddleware``, which then serves this user as ``request.user``)."""
    token = cache.begin_memo()
    if SESSION_KEY in request.session:
        request._cached_user = get_user(request)
    return token


def close_request(token: contextvars.Token) -> None:
    cache.end_memo(token)
