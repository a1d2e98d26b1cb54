"""The national summary's map: every province's boundary in its risk group's colour, and the credit."""

import re

import pytest

from committees.choices import Role
from committees.models import RiskGroupAssignment
from dashboards.provincemap import CREDIT, GROUP_COLOURS, province_codes
from reports import services
from reports.choices import JobState, ReportKind
from reports.documents import document_for
from tests.reports.helpers import pdf_text, read_file, squeeze

pytestmark = pytest.mark.django_db

FY = 2567


def test_the_map_draws_77_provinces_in_their_year_s_colours(world):
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=FY, group="B")
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY, group="D")
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY - 1, group="A")  # another year
    target = services.target_for(ReportKind.NATIONAL_SUMMARY, fiscal_year=FY)
    ctx = document_for(ReportKind.NATIONAL_SUMMARY).context(target)
    svg = str(ctx["province_map"])
    assert len(re.findall(r"<title>", svg)) == 77 and "<a " not in svg  # no links on paper
    fills = {title: fill for fill, title in re.findall(r'<path d="[^"]+" fill="([^"]+)"><title>([^<]+)</title>', svg)}
    assert len(fills) == 77
    assert fills["สมุทรปราการ กลุ่ม B"] == GROUP_COLOURS["B"]
    assert fills["ยะลา กลุ่ม D"] == GROUP_COLOURS["D"]
    assert fills["กรุงเทพมหานคร ยังไม่กำหนดกลุ่ม"] == "url(#no-group)"
    assert 'role="img"' in svg and len(province_codes()) == 77
    assert ctx["group_colours"][-1][0] == "ยังไม่กำหนดกลุ่ม"  # the legend says what the hatching means


def test_the_pdf_credits_the_map(world, django_capture_on_commit_callbacks):
    target = services.target_for(ReportKind.NATIONAL_SUMMARY, fiscal_year=FY)
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users[Role.NATIONAL], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    assert squeeze(str(CREDIT)) in squeeze(pdf_text(read_file(job)))
