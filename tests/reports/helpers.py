"""Helpers for report tests: data for a province-year and reading PDFs back with poppler."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from django.utils import timezone

from committees.models import RiskGroupAssignment
from meetings.choices import AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
from meetings.models import AgendaItem, Attendance, Meeting, Resolution


def pdf_text(data: bytes, *, page: int | None = None, raw: bool = True) -> str:
    """The PDF's text; ``raw`` reads it in content-stream (logical) order.

    Without ``raw`` poppler orders glyphs by position, and a Thai mark the font
    lifts (a tone over a lower or upper vowel: รุ่น, ขึ้น) is drawn as a separate
    raised run that layout mode prints out of place; the text layer itself is right.
    """
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else [])]
        if page:
            args += ["-f", str(page), "-l", str(page)]
        out = subprocess.run([*args, f.name, "-"], capture_output=True, check=True)  # noqa: S603
    return out.stdout.decode()


def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, check=True, text=True)  # noqa: S603, S607
    line = next(x for x in out.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def read_file(job) -> bytes:
    return Path(job.file.path).read_bytes()


def add_meeting(subcommittee, *, number=1, fiscal_year=2564, when=None, items=3, members=()):
    """A held meeting of ``fiscal_year`` with ``items`` resolved sub-items under section 5 and attendance."""
    when = when or timezone.make_aware(dt.datetime(2021, 1, 27, 13, 30))
    meeting = Meeting.objects.create(
        subcommittee=subcommittee,
        number=number,
        number_year=fiscal_year,
        numbering_basis="calendar",
        fiscal_year=fiscal_year,
        starts_at=when,
        ended_at=when + dt.timedelta(hours=2),
        place="ห้องประชุมศาลากลางจังหวัด",
        state=MeetingState.HELD,
    )
    section = AgendaItem.objects.create(
        meeting=meeting, section_type=SectionType.FOR_CONSIDERATION, order=5, title="เรื่องเพื่อพิจารณา"
    )
    for i in range(items):
        item = AgendaItem.objects.create(
            meeting=meeting,
            parent=section,
            section_type=SectionType.FOR_CONSIDERATION,
            order=i + 1,
            title=f"พิจารณาแผนปฏิบัติการประจำปีงบประมาณ {fiscal_year} เรื่องที่ {i + 1}",
        )
        Resolution.objects.create(
            agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=f"ที่ประชุมมีมติเห็นชอบเรื่องที่ {i + 1}"
        )
    for k, member in enumerate(members):
        Attendance.objects.create(
            meeting=meeting,
            member=member,
            status=AttendanceStatus.PRESENT if k % 3 else AttendanceStatus.ABSENT,
            order=k,
        )
    return meeting


def set_group(province, fiscal_year, group="C"):
    RiskGroupAssignment.objects.update_or_create(
        province=province, fiscal_year=fiscal_year, defaults={"group": group, "source_document": "หนังสือ ที่ พม 0211/ว 1"}
    )


def add_plan(subcommittee, fiscal_year=2564, *, activities=4):
    """A draft action plan with activities on every pillar and some progress."""
    from decimal import Decimal

    from actionplans.choices import BudgetSource
    from actionplans.models import ActionPlan, Activity, Progress
    from core.pillars import Pillar

    plan = ActionPlan.objects.create(
        subcommittee=subcommittee, fiscal_year=fiscal_year, title=f"แผนปฏิบัติการประจำปีงบประมาณ {fiscal_year}"
    )
    pillars = list(Pillar)
    for i in range(activities):
        activity = Activity.objects.create(
            plan=plan,
            order=i + 1,
            pillar=pillars[i % 4],
            name=f"อบรมให้ความรู้เครือข่ายภาคประชาสังคม รุ่นที่ {i + 1}",
            target_quantity=10,
            target_unit="คน",
            q1=True,
            q2=True,
            budget=Decimal("15000.00") * (i + 1),
            budget_source=BudgetSource.PROVINCE,
            responsible_agency="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
        )
        Progress.objects.create(
            activity=activity, quarter=1, done="ดำเนินการแล้ว", quantity_achieved=5, budget_spent=Decimal("1000.00")
        )
    return plan


def add_situation(subcommittee, year=2563):
    from actionplans.models import SituationReport

    return SituationReport.objects.create(
        subcommittee=subcommittee, year=year, cases_sexual=7, victims_total=12, situation="มีการลักลอบนำเข้าแรงงาน"
    )


def squeeze(text: str) -> str:
    """Text without any whitespace: a Thai line break inside a phrase must not fail a check."""
    return "".join(text.split())
