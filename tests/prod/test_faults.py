"""Faults against real processes: Redis stopped and started, a worker SIGKILLed mid-report.

Every wait is bounded; every process is ours (a redis-server on a free port, workers on the test database).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis as redis_client
from django.conf import settings

from committees.choices import Role
from core import tasks as core_tasks
from core.models import PendingTask
from fundproposals.choices import ProposalState
from fundproposals.models import Vote
from meetings.models import Minutes
from reports.choices import JobState
from reports.models import ReportJob
from tests.fundproposals.helpers import complete_proposal, voting_proposal
from tests.meetings.helpers import held
from tests.prod import procs
from tests.reports.helpers import add_meeting
from tests.test_permission_matrix import PAGES

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

UNAVAILABLE = "ระบบสร้างเอกสารขัดข้องชั่วคราว"


def _queue_length(redis_url: str) -> int:
    """Messages waiting in the worker's queues (search re-indexing has its own: settings' CELERY_TASK_QUEUES)."""
    client = redis_client.Redis.from_url(redis_url)
    return sum(client.llen(queue.name) for queue in settings.CELERY_TASK_QUEUES)


def _files(root: Path) -> list[Path]:
    return [p for p in (root / "reports").rglob("*") if p.is_file()] if (root / "reports").exists() else []


def test_redis_down_pages_votes_and_minutes_work_reports_refuse_then_resume(world, client_for, redis_wired):
    _proposal, ballot = voting_proposal(world)
    meeting = held(world)
    draft = complete_proposal(world)
    redis_wired.stop()

    # every page of the matrix, as the roles that use them daily: no 5xx
    problems = []
    for page in PAGES:
        if page.setup:
            page.setup(world)
        url = page.own(world)
        for role in (Role.SECRETARIAT, Role.MEMBER, Role.CHAIR, Role.PROPOSER):
            status = client_for(world.users[role]).get(url).status_code
            if status >= 500:
                problems.append(f"{page.name} as {role}: {status}")
    assert problems == []

    # a vote
    member = client_for(world.users[Role.MEMBER])
    resp = member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}, follow=True)
    assert resp.status_code == 200
    assert Vote.objects.get(ballot=ballot).choice == "approve"

    # a minutes save (htmx autosave)
    item = meeting.agenda_items.get(parent__isnull=True, order=1)
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = sec.post(
        f"/meetings/{meeting.pk}/minutes/edit/",
        {"version": 0, f"i{item.pk}_discussion": "บันทึกระหว่าง Redis ล่ม"},
        HTTP_HX_REQUEST="true",
    )
    assert resp.status_code == 200 and Minutes.objects.get(meeting=meeting).version == 1

    # a submission commits; its notification waits in the database for the broker
    resp = client_for(world.users[Role.PROPOSER]).post(f"/proposals/{draft.pk}/step/submit/", {})
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ProposalState.SUBMITTED
    assert PendingTask.objects.filter(task="fundproposals.tasks.notify_submitted").count() == 1

    # a report request: a Thai answer, nothing recorded
    jobs_before = ReportJob.objects.count()  # the matrix's report pages made some
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert resp.status_code == 503 and UNAVAILABLE in resp.content.decode()
    resp = chair.post(
        "/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"}, HTTP_HX_REQUEST="true"
    )
    assert UNAVAILABLE in resp.content.decode()
    assert ReportJob.objects.count() == jobs_before

    # Redis returns: the kept message goes out, reports are taken again
    redis_wired.start()
    kept = PendingTask.objects.count()  # the submission's e-mail, and the notices and index updates of the saves above
    assert kept >= 1
    assert core_tasks.dispatch_pending() == kept
    assert not PendingTask.objects.exists()
    queued = _queue_length(redis_wired.url)
    assert queued == kept
    resp = chair.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert resp.status_code == 302
    assert ReportJob.objects.count() == jobs_before + 1
    assert ReportJob.objects.order_by("-pk").first().state == JobState.QUEUED
    assert _queue_length(redis_wired.url) == queued + 1


def test_broker_lost_between_check_and_send_the_job_goes_out_when_it_returns(
    world, client_for, redis_wired, workers, monkeypatch
):
    redis_wired.stop()
    # the broker was up when the request was checked and fell before the message went out
    monkeypatch.setattr("core.celery_support.broker_available", lambda timeout=1.0: True)
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert resp.status_code == 302
    job = ReportJob.objects.get()
    assert job.state == JobState.QUEUED
    kept = PendingTask.objects.get()
    assert kept.task == "reports.tasks.build_report" and kept.args == [job.pk]

    redis_wired.start()
    workers.start()
    assert core_tasks.dispatch_pending() == 1
    job = procs.wait_until(
        lambda: ReportJob.objects.filter(pk=job.pk, state__in=[JobState.READY, JobState.FAILED]).first(),
        timeout=90,
        what="the report built after the broker returned",
    )
    assert job.state == JobState.READY, job.failure_reason
    assert len(_files(Path(settings.MEDIA_ROOT))) == 1


def test_worker_killed_mid_report_is_rebuilt_within_two_minutes_into_one_file(world, client_for, workers):
    from tests.factories import SubcommitteeFactory, province

    for code in ("10", "12", "13", "20", "95"):
        sc = SubcommitteeFactory(province=province(code))
        for n in range(1, 4):
            add_meeting(sc, number=n, items=15)
    first = workers.start()
    national = client_for(world.users[Role.NATIONAL])
    assert national.post("/reports/request/national_summary/", {"fiscal_year": "2564"}).status_code == 302
    job = ReportJob.objects.get()
    job = procs.wait_until(
        lambda: ReportJob.objects.filter(pk=job.pk, state__in=[JobState.BUILDING, JobState.READY]).first(),
        timeout=90,
        interval=0.02,
        what="the build starting",
    )
    assert job.state == JobState.BUILDING, "the build finished before it could be interrupted"
    workers.kill(first)  # the whole worker, not only its pool process: nobody redelivers the message
    killed_at = time.monotonic()
    assert ReportJob.objects.get(pk=job.pk).state == JobState.BUILDING

    workers.start(beat=True)  # a fresh worker host with beat (the sweeper every 30 s)
    job = procs.wait_until(
        lambda: ReportJob.objects.filter(pk=job.pk, state__in=[JobState.READY, JobState.FAILED]).first(),
        timeout=120,
        interval=0.5,
        what="the report rebuilt",
    )
    took = time.monotonic() - killed_at
    assert job.state == JobState.READY, job.failure_reason
    assert took < 120, f"rebuilt {took:.1f} s after the kill"
    assert job.attempts == 2
    assert len(_files(Path(settings.MEDIA_ROOT))) == 1
