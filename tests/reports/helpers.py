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


def pdf_text(data: bytes, *, page: int | None = None) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        args = ["pdftotext", "-enc", "UTF-8"]
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
