"""Checked-in members are in the minutes' list of who came: a check-in writes the attendance, once per member."""

import io

import pytest
from docx import Document

from committees.choices import Role
from core.models import AuditEvent
from emeetings import services
from emeetings.choices import Location, Mode
from emeetings.presence import REMOTE_NOTE
from meetings import selectors as meeting_selectors
from meetings.choices import AttendanceStatus
from meetings.models import Attendance
from meetings.services.attendance import CHECKED_IN_REASON
from reports.models import ReportJob
from tests.meetings.helpers import held
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db


def _post(client, meeting, **data):
    return client.post(f"/emeetings/{meeting.pk}/", data, REMOTE_ADDR="203.0.113.8", HTTP_USER_AGENT="ทดสอบ")


def _hybrid_with_checkins(world, client_for):
    """Chair and member marked present by the secretariat; the member and one absent member join online."""
    meeting = held(world, present=2)
    services.set_mode(
        actor=world.users[Role.SECRETARIAT], meeting=meeting, mode=Mode.HYBRID, join_instructions="Zoom 123"
    )
    # marked present in the room by the secretariat and checked in online: counted once, marked online
    assert _post(client_for(world.users[Role.MEMBER]), meeting, action="check_in", location="remote").status_code == 302
    # recorded absent earlier, then vouched for by the chair online: now present
    vouched = world.seats["own"]["others"][0]
    resp = _post(
        client_for(world.users[Role.CHAIR]),
        meeting,
        action="vouch",
        member=vouched.pk,
        location=Location.REMOTE,
        note="เห็นหน้าทางวิดีโอ",
    )
    assert resp.status_code == 302
    return meeting, vouched


def test_checked_in_members_are_listed_once_marked_online_with_the_counts(world, client_for):
    meeting, vouched = _hybrid_with_checkins(world, client_for)
    member, chair = world.seats["own"]["member"], world.seats["own"]["chair"]
    att = Attendance.objects.get(meeting=meeting, member=vouched)
    assert (att.status, att.absence_reason) == (AttendanceStatus.PRESENT, "")
    assert Attendance.objects.filter(meeting=meeting, member=member).count() == 1
    change = AuditEvent.objects.get(action="attendance.record", reason=CHECKED_IN_REASON)
    assert change.actor == world.users[Role.CHAIR] and change.changes["status"] == ["absent", "present"]
    # the live quorum counts each of them once
    assert meeting_selectors.meeting_quorum(meeting).present == 3
    doc = meeting_selectors.minutes_document(meeting)
    present = {p.name: p.note for p in doc.present}
    assert present == {chair.full_name: "", member.full_name: REMOTE_NOTE, vouched.full_name: REMOTE_NOTE}
    assert vouched.full_name not in {p.name for p in doc.absent}
    assert "ณ ห้องประชุม 1 คน และผ่านสื่ออิเล็กทรอนิกส์ 2 คน" in doc.extra["electronic"]
    page = client_for(world.users[Role.MEMBER]).get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert f"{vouched.full_name} {vouched.position} <em>{REMOTE_NOTE}</em>" in page
    assert "ณ ห้องประชุม 1 คน และผ่านสื่ออิเล็กทรอนิกส์ 2 คน" in page


def test_the_pdf_and_the_word_copy_list_them_too(world, client_for, django_capture_on_commit_callbacks):
    meeting, vouched = _hybrid_with_checkins(world, client_for)
    sec = client_for(world.users[Role.SECRETARIAT])
    files = {}
    for kind in ("minutes", "minutes_docx"):
        with django_capture_on_commit_callbacks(execute=True):
            assert sec.post(f"/reports/request/{kind}/", {"object": meeting.pk}).status_code == 302
        job = ReportJob.objects.filter(kind=kind).latest("pk")
        files[kind] = b"".join(sec.get(f"/reports/jobs/{job.pk}/download/").streaming_content)
    pdf = "".join(pdf_text(files["minutes"]).split())
    present_part = pdf.split("ผู้มาประชุม")[1].split("ผู้ไม่มาประชุม")[0]
    assert "".join(vouched.full_name.split()) in present_part
    assert present_part.count("".join(REMOTE_NOTE.split())) == 2
    assert "ณห้องประชุม1คนและผ่านสื่ออิเล็กทรอนิกส์2คน" in pdf
    word = Document(io.BytesIO(files["minutes_docx"]))
    # names are kept whole with a no-break space in the Word copy
    people = [" ".join(c.text for c in row.cells).replace("\u00a0", " ") for row in word.tables[0].rows]
    assert sum(REMOTE_NOTE in row for row in people) == 2
    assert any(vouched.full_name in row and REMOTE_NOTE in row for row in people)
    assert any("ผ่านสื่ออิเล็กทรอนิกส์ 2 คน" in p.text for p in word.paragraphs)


def test_the_secretariat_corrects_attendance_only_after_the_member_left(world, client_for):
    meeting, vouched = _hybrid_with_checkins(world, client_for)
    sec = client_for(world.users[Role.SECRETARIAT])
    seats = [world.seats["own"]["chair"], world.seats["own"]["member"], *world.seats["own"]["others"]]
    data = {f"m{s.pk}_status": AttendanceStatus.PRESENT for s in seats[:2]}
    data[f"m{vouched.pk}_status"] = AttendanceStatus.ABSENT
    data[f"m{vouched.pk}_reason"] = "ติดราชการ"
    resp = sec.post(f"/meetings/{meeting.pk}/attendance/", data)
    assert resp.status_code == 200 and "อยู่ในที่ประชุมขณะนี้" in resp.content.decode()
    # the sheet says who checked in through the system, and where
    assert "ลงชื่อเข้าประชุมผ่านระบบ: ผ่านสื่ออิเล็กทรอนิกส์ (อยู่ในที่ประชุม)" in resp.content.decode()
    assert Attendance.objects.get(meeting=meeting, member=vouched).status == AttendanceStatus.PRESENT
    # the chair records that the vouched member left; the secretariat may now correct the record
    assert _post(client_for(world.users[Role.CHAIR]), meeting, action="leave", member=vouched.pk).status_code == 302
    assert vouched.pk not in meeting_selectors.present_member_ids(meeting)
    assert sec.post(f"/meetings/{meeting.pk}/attendance/", data).status_code == 302
    assert Attendance.objects.get(meeting=meeting, member=vouched).status == AttendanceStatus.ABSENT
    assert AuditEvent.objects.filter(action="attendance.record", actor=world.users[Role.SECRETARIAT]).exists()
    doc = meeting_selectors.minutes_document(meeting)
    assert vouched.full_name in {p.name for p in doc.absent}
    assert "ณ ห้องประชุม 1 คน และผ่านสื่ออิเล็กทรอนิกส์ 1 คน" in doc.extra["electronic"]
