"""Building reports eagerly: the documents, their text, reuse, failures and the sweeper."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from committees.models import Member
from reports import services
from reports.choices import JobState, ReportKind
from reports.documents import Target
from reports.models import ReportJob
from tests.reports.helpers import add_meeting, pdf_pages, pdf_text, read_file, set_group

pytestmark = pytest.mark.django_db


def _annual(world, fy=2564):
    return Target(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=fy)


def test_annual_report_is_built_with_the_year_meetings_and_resolutions(world, django_capture_on_commit_callbacks):
    set_group(world.own, 2564, "C")
    add_meeting(world.own_sc, members=Member.objects.filter(subcommittee=world.own_sc))
    with django_capture_on_commit_callbacks(execute=True):
        job, reused = services.request_report(actor=world.users["chair"], target=_annual(world))
    job.refresh_from_db()
    assert not reused
    assert job.state == JobState.READY, job.failure_reason
    data = read_file(job)
    text = " ".join(pdf_text(data).split())
    assert "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2564" in text
    assert "สมุทรปราการ" in text
    assert "27 มกราคม 2564" in text  # BE date
    assert "13.30 น." in text
    assert "ที่ประชุมมีมติเห็นชอบเรื่องที่ 1" in text
    assert "C เล็กน้อย" in text
    pages = pdf_pages(data)
    assert job.pages == pages
    for n in range(1, pages + 1):
        page = pdf_text(data, page=n)
        assert f"หน้า {n} จาก {pages}" in page
        # The running header from page 2 on; page 1 carries the title itself, once.
        header = "รายงานผลการดำเนินงานประจำปีงบประมาณ 2564 จังหวัดสมุทรปราการ"
        assert (header in page) is (n > 1)
    assert len(mail.outbox) == 1 and job.title in mail.outbox[0].subject


def test_thai_text_layer_keeps_sara_am_and_words(world, django_capture_on_commit_callbacks):
    from django.template import engines

    from reports.pdf import base_context, html_to_pdf

    words = ["การประชุม", "คำ", "ทำ", "จำนวน", "น้ำ", "ดำเนินการ", "ต่ำ", "กำหนด"]
    tpl = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block document %}<p>{{ words }}</p><p>{{ long }}</p>{% endblock %}'
    )
    long_words = [
        "คณะ", "อนุกรรมการ", "ป้องกัน", "และ", "ปราบปราม", "การค้า", "มนุษย์", "จังหวัด", "สมุทรปราการ", "ได้",
        "ดำเนินการ", "ประชุม", "เพื่อ", "พิจารณา", "แผน", "ปฏิบัติการ", "ประจำปี", "งบประมาณ",
    ] * 6  # fmt: skip
    html = tpl.render({**base_context(), "title": "ทดสอบ", "words": " ".join(words), "long": "".join(long_words)})
    pdf = html_to_pdf(html).pdf
    for w in words:
        assert w in pdf_text(pdf, raw=False), w  # poppler's default layout mode
    text = pdf_text(pdf)
    for w in words:
        assert w in text, w
    # Thai line breaking at word boundaries: every line of the long paragraph is made of whole words.
    # pieces a dictionary may also break compounds into (morpheme boundaries are word boundaries too)
    vocab = set(long_words) | {"ดำเนิน", "การ", "ปฏิบัติ", "ประจำ", "ปี", "งบ", "ประมาณ", "สมุทร", "ปราการ", "อนุ", "กรรมการ"}
    lines = [
        ln.strip()
        for ln in text.splitlines()
        if ln.strip() and " " not in ln.strip() and ln.strip().startswith(tuple(vocab))
    ]
    assert len(lines) > 2

    def whole(line):
        if not line:
            return True
        return any(line.startswith(w) and whole(line[len(w) :]) for w in vocab)

    for line in lines:
        assert whole(line), line


def test_same_data_reuses_the_built_file_and_a_change_builds_again(world, django_capture_on_commit_callbacks):
    add_meeting(world.own_sc)
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = services.request_report(actor=world.users["chair"], target=_annual(world))
    with django_capture_on_commit_callbacks(execute=True):
        again, reused = services.request_report(actor=world.users["secretariat"], target=_annual(world))
    assert reused and again.pk == first.pk
    add_meeting(world.own_sc, number=2, when=timezone.make_aware(dt.datetime(2021, 5, 1, 9, 0)))
    with django_capture_on_commit_callbacks(execute=True):
        third, reused = services.request_report(actor=world.users["chair"], target=_annual(world))
    assert not reused and third.pk != first.pk
    third.refresh_from_db()
    assert third.state == JobState.READY
    assert ReportJob.objects.count() == 2


def test_a_year_with_no_data_says_so(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users["chair"], target=_annual(world, 2570))
    job.refresh_from_db()
    assert job.state == JobState.READY
    assert "ยังไม่มีข้อมูลการประชุม" in pdf_text(read_file(job))


def test_national_summary_lists_all_77_provinces(world, django_capture_on_commit_callbacks):
    set_group(world.own, 2564, "C")
    set_group(world.other, 2564, "B")
    add_meeting(world.own_sc)
    target = Target(ReportKind.NATIONAL_SUMMARY, fiscal_year=2564)
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users["national"], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    text = pdf_text(read_file(job))
    # The appendix is a table: one row a province (code, name, group, meetings held, ...).
    assert "11 สมุทรปราการ C 1 " in text
    assert "95 ยะลา B 0 " in text
    assert "96 นราธิวาส" in text
    assert "·" not in text and "—" not in text


def test_a_failing_render_fails_that_job_and_the_next_one_builds(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from reports.documents import annual

    broken = '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB">'
    original = annual.AnnualProvince.context

    def with_broken_image(self, target):
        ctx = original(self, target)
        if target.fiscal_year == 2564:
            from django.utils.safestring import mark_safe

            ctx["chart_meetings"] = mark_safe(broken)  # noqa: S308 - test fixture
            ctx["meetings"] = ctx["meetings"] or [None][:0]
        return ctx

    monkeypatch.setattr(annual.AnnualProvince, "context", with_broken_image)
    add_meeting(world.own_sc)
    with django_capture_on_commit_callbacks(execute=True):
        bad, _ = services.request_report(actor=world.users["chair"], target=_annual(world, 2564))
        good, _ = services.request_report(actor=world.users["chair"], target=_annual(world, 2565))
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.state == JobState.FAILED
    assert "รูปภาพ" in bad.failure_reason
    assert good.state == JobState.READY


def test_sweeper_requeues_a_job_left_building_and_fails_it_after_the_attempts(
    world, django_capture_on_commit_callbacks
):
    add_meeting(world.own_sc)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    job = ReportJob.objects.create(
        kind=ReportKind.ANNUAL_PROVINCE,
        province=world.own,
        fiscal_year=2564,
        title="ค้าง",
        requested_by=world.users["chair"],
        state=JobState.BUILDING,
        attempts=1,
        started_at=long_ago,
        fingerprint="x",
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = services.sweep_stuck_reports()
    assert done == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.state == JobState.READY and job.attempts == 2

    stuck = ReportJob.objects.create(
        kind=ReportKind.ANNUAL_PROVINCE,
        province=world.own,
        fiscal_year=2565,
        title="ค้างนาน",
        requested_by=world.users["chair"],
        state=JobState.BUILDING,
        attempts=3,
        started_at=long_ago,
        fingerprint="y",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep_stuck_reports() == {"requeued": 0, "failed": 1}
    stuck.refresh_from_db()
    assert stuck.state == JobState.FAILED and "3 ครั้ง" in stuck.failure_reason


def test_a_redelivered_message_for_a_finished_job_does_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users["chair"], target=_annual(world))
    job.refresh_from_db()
    before = (job.state, job.attempts, job.file.name)
    services.build_report(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.file.name) == before


def test_a_transient_database_error_is_retried(world, django_capture_on_commit_callbacks, monkeypatch):
    from django.db import OperationalError

    from reports.documents import annual

    calls = {"n": 0}
    original = annual.AnnualProvince.context

    def flaky(self, target):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, target)

    monkeypatch.setattr(annual.AnnualProvince, "context", flaky)
    from celery.exceptions import Retry

    from reports.tasks import build_report

    with pytest.raises(Retry), django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users["chair"], target=_annual(world))
    job = ReportJob.objects.get()
    assert job.state == JobState.BUILDING and job.attempts == 1  # the retry is scheduled, nothing failed
    build_report.apply(args=[job.pk])  # the retried message arrives
    job.refresh_from_db()
    assert calls["n"] == 2
    assert job.state == JobState.READY and job.attempts == 2
