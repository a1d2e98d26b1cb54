"""Invitations through a real Celery worker and the real Redis broker: queued on commit with the meeting id only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


def _database_url(db: dict) -> str:
    auth = db["USER"] + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}{port}/{db['NAME']}"


def _reset_pools(app):
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def live_worker(transactional_db, tmp_path):
    """Run one worker on the test database (its e-mail backend is in-memory; the task audits what it sent)."""
    if connection.vendor != "postgresql":
        pytest.fail("the worker test needs PostgreSQL (set DATABASE_URL)")
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    _reset_pools(app)
    app.control.purge()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CONN_MAX_AGE": "0",
        "DJANGO_DEBUG": "False",
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        app.control.purge()
        log.close()
        print((tmp_path / "worker.log").read_text()[-3000:])
        app.conf.task_always_eager, app.conf.broker_url = saved
        _reset_pools(app)


def test_invitations_go_through_the_worker(world, client_for, live_worker):
    from core.models import AuditEvent
    from tests.meetings.helpers import schedule

    meeting = schedule(world, days=5)
    resp = client_for(world.users["secretariat"]).post(f"/meetings/{meeting.pk}/invite/")
    assert resp.status_code == 302
    deadline = time.monotonic() + 60
    event = None
    while event is None and time.monotonic() < deadline:
        event = AuditEvent.objects.filter(action="meeting.invitations_mailed", target_id=str(meeting.pk)).first()
        time.sleep(0.2)
    assert event is not None, "the worker did not send the invitations"
    assert event.changes == {"sent": [None, 6]}
