"""One log line per request with a request id, JSON in production; /healthz for probes.

``RequestIdMiddleware`` takes a sane ``X-Request-ID`` from the proxy (or makes
one), returns it on the response, puts it on every log record written while
the request runs, and logs the request once it is answered (method, path,
status, duration, user id). ``JsonFormatter`` writes each record as one JSON line.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("ctip.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: time, level, logger, message, request id and any ``extra`` fields."""

    FIELDS = ("method", "path", "status", "duration_ms", "user_id", "remote_addr")

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for name in self.FIELDS:
            if hasattr(record, name):
                data[name] = getattr(record, name)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")  # request.headers would build every header's entry
        rid = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id_var.set(rid)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request_id": rid,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "remote_addr": request.META.get("REMOTE_ADDR"),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:
        return False, type(exc).__name__


def _check_redis() -> tuple[bool, str]:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return True, "not used (tasks run in-process)"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        return True, "ok"
    except Exception as exc:
        return False, type(exc).__name__


def _check_worker() -> tuple[bool, str]:
    if not getattr(settings, "REDIS_URL", ""):
        return True, "not used (tasks run in-process)"
    from core.models import Heartbeat

    try:
        beat = Heartbeat.objects.filter(name="worker").first()
    except Exception as exc:
        return False, type(exc).__name__
    if beat is None:
        return False, "no heartbeat yet"
    age = (timezone.now() - beat.at).total_seconds()
    ok = age <= getattr(settings, "HEALTH_WORKER_MAX_AGE", 180)
    return ok, f"last heartbeat {int(age)} s ago"


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Database, Redis and the worker's last heartbeat; 503 when any is down.

    ``?skip=worker`` leaves the worker out (the web container's own health check).
    """
    skip = set(request.GET.get("skip", "").split(","))
    checks = {"database": _check_database(), "redis": _check_redis()}
    if "worker" not in skip:
        checks["worker"] = _check_worker()
    healthy = all(ok for ok, _ in checks.values())
    body = {
        "status": "ok" if healthy else "down",
        "checks": {k: {"ok": ok, "detail": d} for k, (ok, d) in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
