"""A real Celery worker (prefork) against the real Redis broker and the pytest PostgreSQL database.

The page asks for the report, the worker builds it, the page polls and downloads it;
a worker process killed mid-build has its message delivered again (late acknowledgement).
"""

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

from committees.choices import Role
from committees.models import Member
from reports.choices import JobState
from reports.models import ReportJob
from tests.reports.helpers import add_meeting, pdf_pages, pdf_text, set_group

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4"


def _test_database_url(db: dict) -> str:
    """The pytest database as a URL the worker's settings read (same server, test database name)."""
    auth = db["USER"] + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _reset_pools(app):
    """Drop connections made for the previous broker URL (the app caches them)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def live_celery(transactional_db, settings, tmp_path):
    """Send tasks to Redis and run one prefork worker on the test database; yields the worker process."""
    from config.celery import app

    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    _reset_pools(app)
    app.control.purge()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": _test_database_url(db),
        "REDIS_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CONN_MAX_AGE": "0",
        "DJANGO_DEBUG": "False",
    }
    celery = str(Path(sys.executable).parent / "celery")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603
        [
            celery,
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            "-c",
            "1",
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
        print((tmp_path / "worker.log").read_text()[-3000:])  # shown when a test fails
        app.conf.task_always_eager, app.conf.broker_url = saved
        _reset_pools(app)


def _wait(job_pk: int, states: set[str], timeout: float = 90) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ReportJob.objects.get(pk=job_pk)
        if job.state in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_pk} stayed {ReportJob.objects.get(pk=job_pk).state}")


def _samut_prakan_2564(world):
    set_group(world.own, 2564, "C")
    members = Member.objects.filter(subcommittee=world.own_sc)
    add_meeting(world.own_sc, members=members, items=4)


def test_page_request_worker_build_poll_and_download(world, client_for, live_celery):
    _samut_prakan_2564(world)
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert resp.status_code == 302
    job = ReportJob.objects.get()
    deadline = time.monotonic() + 90
    while True:  # poll the status partial as htmx does
        status = chair.get(f"/reports/jobs/{job.pk}/status/").content.decode()
        if 'data-state="ready"' in status or 'data-state="failed"' in status:
            break
        assert 'hx-trigger="every 2s"' in status
        assert time.monotonic() < deadline, status
        time.sleep(0.2)
    assert 'data-state="ready"' in status, status
    download = chair.get(f"/reports/jobs/{job.pk}/download/")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    text = " ".join(pdf_text(data).split())
    assert "จังหวัดสมุทรปราการ" in text
    assert "27 มกราคม 2564" in text
    assert "ที่ประชุมมีมติเห็นชอบเรื่องที่ 4" in text
    pages = pdf_pages(data)
    assert f"หน้า {pages} จาก {pages}" in text
    # nobody from another province downloads it
    assert client_for(world.other_users[Role.CHAIR]).get(f"/reports/jobs/{job.pk}/download/").status_code == 404


def test_worker_killed_mid_build_the_job_is_delivered_again(world, client_for, live_celery):
    """SIGKILL the pool process while it builds: acks_late + reject_on_worker_lost requeue the message."""
    for code in ("10", "12", "13", "20", "95"):
        from tests.factories import SubcommitteeFactory, province

        sc = SubcommitteeFactory(province=province(code))
        for n in range(1, 4):
            add_meeting(sc, number=n, items=15)
    national = client_for(world.users[Role.NATIONAL])
    national.post("/reports/request/national_summary/", {"fiscal_year": "2564"})
    job = ReportJob.objects.get()
    job = _wait(job.pk, {JobState.BUILDING, JobState.READY})
    assert job.state == JobState.BUILDING, "the build finished before it could be interrupted"
    children = subprocess.run(["pgrep", "-P", str(live_celery.pid)], capture_output=True, text=True).stdout.split()  # noqa: S603, S607
    assert children, "no pool process"
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    job = _wait(job.pk, {JobState.READY, JobState.FAILED}, timeout=120)
    assert job.state == JobState.READY, job.failure_reason
    assert job.attempts >= 2
