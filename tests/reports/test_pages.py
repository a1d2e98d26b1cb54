"""The reports pages through HTTP: asking, polling, downloading, refusals, messages and query counts."""

import pytest
from django.core.files.base import ContentFile

from committees.choices import Role
from reports.choices import JobState, ReportKind
from reports.models import ReportJob
from tests.harness import assert_constant_queries
from tests.reports.helpers import add_meeting, pdf_text
from tests.reports.matrix import ready_job

pytestmark = pytest.mark.django_db


def test_chair_requests_the_annual_report_and_downloads_it(world, client_for, django_capture_on_commit_callbacks):
    add_meeting(world.own_sc)
    client = client_for(world.users[Role.CHAIR])
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    job = ReportJob.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/reports/jobs/{job.pk}/"
    assert job.state == JobState.READY and job.requested_by == world.users[Role.CHAIR]
    page = client.get(resp["Location"])
    assert "พร้อมแล้ว" in page.content.decode()  # the next page announces it
    status = client.get(f"/reports/jobs/{job.pk}/status/")
    assert 'data-state="ready"' in status.content.decode() and "every 2s" not in status.content.decode()
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert "สมุทรปราการ" in pdf_text(body)
    # asked again with the same data: the same job, no new build
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert again["Location"] == f"/reports/jobs/{job.pk}/" and ReportJob.objects.count() == 1


def test_member_cannot_request_but_can_download(world, client_for):
    job = ready_job(world.own, world.users[Role.CHAIR])
    member = client_for(world.users[Role.MEMBER])
    resp = member.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    assert resp.status_code == 404
    assert ReportJob.objects.count() == 1
    assert member.get(f"/reports/jobs/{job.pk}/download/").status_code == 200


def test_another_provinces_document_is_404_for_request_status_and_download(world, client_for):
    other_job = ready_job(world.other, world.other_users[Role.CHAIR])
    chair = client_for(world.users[Role.CHAIR])
    assert chair.post("/reports/request/annual_province/", {"province": "95", "fiscal_year": "2564"}).status_code == 404
    for url in (
        f"/reports/jobs/{other_job.pk}/",
        f"/reports/jobs/{other_job.pk}/status/",
        f"/reports/jobs/{other_job.pk}/download/",
    ):
        assert chair.get(url).status_code == 404
    assert ReportJob.objects.count() == 1


def test_national_summary_only_for_national_officers(world, client_for, django_capture_on_commit_callbacks):
    chair = client_for(world.users[Role.CHAIR])
    assert chair.post("/reports/request/national_summary/", {"fiscal_year": "2564"}).status_code == 404
    national = client_for(world.users[Role.NATIONAL])
    with django_capture_on_commit_callbacks(execute=True):
        resp = national.post("/reports/request/national_summary/", {"fiscal_year": "2564"})
    job = ReportJob.objects.get()
    assert resp.status_code == 302 and job.kind == ReportKind.NATIONAL_SUMMARY and job.state == JobState.READY
    assert chair.get(f"/reports/jobs/{job.pk}/download/").status_code == 404
    assert "ทั่วประเทศ" not in chair.get("/reports/").content.decode()


def test_a_ce_year_is_refused_with_a_thai_message(world, client_for):
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2021"})
    assert resp.status_code == 400
    assert "พุทธศักราช" in resp.content.decode() or "ปีงบประมาณต้องอยู่ระหว่าง" in resp.content.decode()
    assert ReportJob.objects.count() == 0


def test_a_job_not_ready_cannot_be_downloaded_and_polls(world, client_for):
    job = ReportJob.objects.create(
        kind=ReportKind.ANNUAL_PROVINCE,
        province=world.own,
        fiscal_year=2564,
        title="กำลังสร้าง",
        requested_by=world.users[Role.CHAIR],
        state=JobState.BUILDING,
        fingerprint="f",
    )
    client = client_for(world.users[Role.MEMBER])
    assert client.get(f"/reports/jobs/{job.pk}/download/").status_code == 404
    status = client.get(f"/reports/jobs/{job.pk}/status/").content.decode()
    assert 'hx-trigger="every 2s"' in status and 'data-state="building"' in status


def test_htmx_request_returns_the_status_partial(world, client_for, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = client_for(world.users[Role.SECRETARIAT])
    resp = client.post(
        "/reports/request/annual_province/", {"province": "11", "fiscal_year": "2565"}, HTTP_HX_REQUEST="true"
    )
    assert resp.status_code == 200
    assert 'data-state="queued"' in resp.content.decode()  # the build runs after the commit


def _grow_jobs(world):
    def grow(n):
        have = ReportJob.objects.filter(province=world.own).count()
        for i in range(have, n):
            job = ReportJob(
                kind=ReportKind.ANNUAL_PROVINCE,
                province=world.own,
                fiscal_year=2560 + (i % 10),
                title=f"รายงาน {i}",
                requested_by=world.users[Role.CHAIR],
                state=JobState.READY,
                fingerprint=str(i),
            )
            job.file.save("r.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
            job.save()

    return grow


@pytest.mark.parametrize("role", [Role.CHAIR, Role.NATIONAL, Role.VIEWER])
def test_list_queries_do_not_grow(world, client_for, role):
    assert_constant_queries(client_for(world.users[role]), "/reports/", _grow_jobs(world))


def test_job_page_queries_are_constant(world, client_for):
    job = ready_job(world.own, world.users[Role.CHAIR])
    assert_constant_queries(client_for(world.users[Role.CHAIR]), f"/reports/jobs/{job.pk}/", _grow_jobs(world))


def test_request_page_asks_for_the_year_then_posts(world, client_for):
    chair = client_for(world.users[Role.CHAIR])
    page = chair.get("/reports/request/annual_province/?province=11")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="fiscal_year"' in html and 'value="11"' in html and "invalid-feedback" not in html
    assert client_for(world.users[Role.CHAIR]).get("/reports/request/annual_province/?province=95").status_code == 404


def test_proposer_sees_only_own_proposal_jobs_in_the_list(world, client_for):
    from fundproposals.choices import ProposalState
    from tests.fundproposals.helpers import complete_proposal

    own = complete_proposal(world, state=ProposalState.SUBMITTED)
    mine = ready_job(world.own, world.users[Role.SECRETARIAT], kind=ReportKind.PROPOSAL)
    mine.object_id, mine.title = own.pk, "แบบ กปค.01 ของฉัน"
    mine.save()
    ready_job(world.own, world.users[Role.CHAIR])  # the annual report: not for proposers
    html = client_for(world.users[Role.PROPOSER]).get("/reports/").content.decode()
    assert "แบบ กปค.01 ของฉัน" in html
    assert "รายงานผลการดำเนินงานประจำปี" not in html.split("เอกสารที่ขอสร้าง")[1]


def test_the_sweeper_runs_on_beat_and_the_tasks_are_registered(settings):
    from config.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE["reports-sweep-stuck"]
    assert schedule["task"] == "reports.tasks.sweep_stuck_reports"
    app.loader.import_default_modules()
    assert {"reports.tasks.sweep_stuck_reports", "reports.tasks.build_report"} <= set(app.tasks)
    task = app.tasks["reports.tasks.build_report"]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.soft_time_limit < task.time_limit
