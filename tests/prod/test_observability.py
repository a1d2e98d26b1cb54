"""/healthz, the Thai error pages and the request id."""

import datetime as dt
import json
import logging

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.views import defaults

from committees.choices import Role
from core.models import Heartbeat
from core.observability import JsonFormatter


def test_healthz_is_open_and_reports_each_part(db, client, settings):
    settings.REDIS_URL = ""
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json()["checks"]["database"]["ok"] is True


@pytest.mark.integration
def test_healthz_says_503_when_redis_or_the_worker_is_down(client, settings, own_redis):
    settings.REDIS_URL = own_redis.url
    Heartbeat.objects.create(name="worker", at=timezone.now())
    assert client.get("/healthz").status_code == 200
    Heartbeat.objects.filter(name="worker").update(at=timezone.now() - dt.timedelta(minutes=10))
    body = client.get("/healthz").json()
    assert body["status"] == "down" and body["checks"]["worker"]["ok"] is False
    assert client.get("/healthz?skip=worker").status_code == 200
    own_redis.stop()
    resp = client.get("/healthz?skip=worker")
    assert resp.status_code == 503 and resp.json()["checks"]["redis"]["ok"] is False


def test_error_pages_are_thai(world, client_for):
    c = client_for(world.users[Role.MEMBER])
    resp = c.get("/meetings/987654/")
    assert resp.status_code == 404 and "ไม่พบหน้าที่ต้องการ" in resp.content.decode()
    resp = c.get("/audit/?province=%00")
    assert resp.status_code == 400
    request = RequestFactory().get("/")
    page = defaults.server_error(request)
    assert page.status_code == 500 and "ระบบขัดข้องชั่วคราว" in page.content.decode()
    page = defaults.permission_denied(request, Exception())
    assert "ไม่มีสิทธิ์เข้าถึง" in page.content.decode()


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        self.lines.append(self.format(record))


def test_each_request_gets_an_id_and_one_json_access_line(world, client_for):
    c = client_for(world.users[Role.MEMBER])
    access = logging.getLogger("ctip.request")
    keep, level = _Keep(), access.level
    access.addHandler(keep)
    access.setLevel(logging.INFO)
    try:
        resp = c.get("/meetings/", HTTP_X_REQUEST_ID="abcdef0123456789")
        other = c.get("/meetings/", HTTP_X_REQUEST_ID="bad id with spaces")
    finally:
        access.removeHandler(keep)
        access.setLevel(level)
    assert resp["X-Request-ID"] == "abcdef0123456789"
    assert other["X-Request-ID"] != "bad id with spaces" and len(other["X-Request-ID"]) == 32
    lines = [json.loads(line) for line in keep.lines]
    assert [x["request_id"] for x in lines] == ["abcdef0123456789", other["X-Request-ID"]]
    assert lines[0]["status"] == 200 and lines[0]["path"] == "/meetings/" and lines[0]["user_id"]
