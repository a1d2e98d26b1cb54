"""Every document type renders from real data; the text layer reads back through pdftotext."""

import pytest
from django.template import engines
from django.test import RequestFactory

from committees.choices import Role
from committees.models import Member
from reports import services
from reports.choices import JobState, ReportKind
from tests.reports.helpers import add_meeting, pdf_text, read_file

pytestmark = pytest.mark.django_db


def _build(world, kind, obj, capture, role=Role.SECRETARIAT):
    target = services.target_for(kind, object_id=obj.pk)
    with capture(execute=True):
        job, _ = services.request_report(actor=world.users[role], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    return " ".join(pdf_text(read_file(job)).split())


def test_minutes_follow_form_11(world, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, members=Member.objects.filter(subcommittee=world.own_sc))
    text = _build(world, ReportKind.MINUTES, meeting, django_capture_on_commit_callbacks)
    order = ["รายงานการประชุม", "ครั้งที่ 1/2564", "เมื่อวันที่ 27 มกราคม 2564", "ณ ห้องประชุม", "ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา", "เลิกประชุมเวลา", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม"]  # fmt: skip
    positions = [text.find(w) for w in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_agenda_lists_its_items(world, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, items=2)
    text = _build(world, ReportKind.AGENDA, meeting, django_capture_on_commit_callbacks)
    assert "ระเบียบวาระการประชุม" in text
    assert "ระเบียบวาระที่ 5 เรื่องเพื่อพิจารณา" in text
    assert "5.2 พิจารณาแผนปฏิบัติการประจำปีงบประมาณ 2564 เรื่องที่ 2" in text


def test_request_button_partial_shows_only_to_requesters(world):
    meeting = add_meeting(world.own_sc)
    tpl = engines["django"].from_string(
        '{% include "reports/partials/request_button.html" with kind="minutes" obj=meeting %}'
        '{% include "reports/partials/request_button.html" with kind="annual_province" province=province fiscal_year=2564 %}'
    )
    for role, shown in ((Role.SECRETARIAT, True), (Role.CHAIR, True), (Role.MEMBER, False), (Role.VIEWER, False)):
        request = RequestFactory().get("/")
        request.user = world.users[role]
        html = tpl.render({"meeting": meeting, "province": world.own}, request)
        assert ("/reports/request/minutes/" in html) is shown, role
        assert ('name="province" value="11"' in html) is shown, role
    request = RequestFactory().get("/")
    request.user = world.other_users[Role.SECRETARIAT]
    assert "/reports/request/" not in tpl.render({"meeting": meeting, "province": world.own}, request)
