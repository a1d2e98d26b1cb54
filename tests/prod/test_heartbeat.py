"""The report heartbeat decides what the sweeper rebuilds (no 17-minute wait for a lost worker)."""

import datetime as dt

from django.utils import timezone

from reports import services
from reports.choices import JobState, ReportKind
from reports.models import ReportJob


def _building(world, *, started, beat, fy):
    return ReportJob.objects.create(
        kind=ReportKind.ANNUAL_PROVINCE,
        province=world.own,
        fiscal_year=fy,
        title="กำลังสร้าง",
        requested_by=world.users["chair"],
        state=JobState.BUILDING,
        attempts=1,
        started_at=started,
        heartbeat_at=beat,
        fingerprint=str(fy),
    )


def test_a_long_build_that_still_beats_is_left_alone_a_silent_one_is_requeued(world, settings, monkeypatch):
    settings.REPORT_HEARTBEAT_STALE = 60
    monkeypatch.setattr(services, "_enqueue", lambda pk: None)
    now = timezone.now()
    alive = _building(world, started=now - dt.timedelta(minutes=10), beat=now - dt.timedelta(seconds=5), fy=2564)
    silent = _building(world, started=now - dt.timedelta(minutes=2), beat=now - dt.timedelta(seconds=61), fy=2565)
    assert services.sweep_stuck_reports(now=now) == {"requeued": 1, "failed": 0}
    alive.refresh_from_db()
    silent.refresh_from_db()
    assert alive.state == JobState.BUILDING and silent.state == JobState.QUEUED
