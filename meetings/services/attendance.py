"""Who came: attendance, stand-ins, guests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import Member
from core import audit
from meetings import permissions as perms
from meetings.choices import AttendanceStatus
from meetings.models import (
    Attendance,
    Meeting,
)
from meetings.services.common import (
    _province,
    _require,
)

# --- Attendance ----------------------------------------------------------------


def _check_row(member: Member, status: str, reason: str, name: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if status not in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.STAND_IN):
        errors["status"] = "สถานะการเข้าประชุมไม่ถูกต้อง"
    if status == AttendanceStatus.PRESENT and name.strip():
        errors["person_name"] = (
            f"{member.full_name} มาประชุมด้วยตนเอง จะบันทึกผู้มาประชุมแทนไม่ได้ หากมีผู้มาประชุมแทน ให้เลือก “มาประชุมแทน”"
        )
    if status == AttendanceStatus.STAND_IN and not name.strip():
        errors["person_name"] = "กรุณาระบุชื่อผู้มาประชุมแทน"
    if status != AttendanceStatus.ABSENT and reason.strip():
        errors["absence_reason"] = "ระบุเหตุที่ไม่มาประชุมได้เฉพาะผู้ที่ไม่มาประชุม"
    return errors


def record_attendance(*, actor, meeting: Meeting, rows: Iterable[Mapping[str, Any]]) -> list[Attendance]:
    """Record members' attendance in one go: each row ``{member, status, absence_reason, person_name, person_position}``.

    ``status`` empty means not recorded (an existing record is kept). A stand-in
    for a member who is present, or one without a name, is refused; the whole
    batch is refused if any row is wrong (``ValidationError`` maps member id to errors).
    """
    _require(perms.can_record_attendance(actor, meeting))
    rows = list(rows)
    errors: dict[str, Any] = {}
    members = {m.pk: m for m in Member.objects.filter(subcommittee=meeting.subcommittee)}
    for row in rows:
        member = row["member"]
        if member.pk not in members:
            errors[str(member.pk)] = {"member": "ไม่ใช่อนุกรรมการของคณะนี้"}
            continue
        if not row.get("status"):
            continue
        row_errors = _check_row(member, row["status"], row.get("absence_reason", ""), row.get("person_name", ""))
        if row_errors:
            errors[str(member.pk)] = row_errors
    errors.update(_checked_in_refusals(meeting, rows, members))
    if errors:
        raise AttendanceErrors(errors)
    saved = []
    with transaction.atomic():
        existing = {
            a.member_id: a for a in Attendance.objects.select_for_update().filter(meeting=meeting, member__isnull=False)
        }
        for row in rows:
            if not row.get("status"):
                continue
            member = row["member"]
            att = existing.get(member.pk) or Attendance(meeting=meeting, member=member, order=member.order)
            before = audit.snapshot(att, ["status", "absence_reason", "person_name"]) if att.pk else {}
            att.status = row["status"]
            att.absence_reason = row.get("absence_reason", "").strip() if att.status == AttendanceStatus.ABSENT else ""
            stand_in = att.status == AttendanceStatus.STAND_IN
            att.person_name = row.get("person_name", "").strip() if stand_in else ""
            att.person_position = row.get("person_position", "").strip() if stand_in else ""
            att.full_clean()
            att.save()
            after = audit.snapshot(att, ["status", "absence_reason", "person_name"])
            if before != after:
                audit.record(
                    actor=actor,
                    action="attendance.record",
                    target=att,
                    province=_province(meeting),
                    changes=audit.diff(before, after),
                )
            saved.append(att)
    return saved


def _checked_in_refusals(meeting: Meeting, rows: list, members: dict) -> dict[str, Any]:
    """A member who is checked in right now (e-meetings) cannot be recorded absent or replaced by a stand-in.

    Their check-in is what counts them present; the secretariat first records
    their leaving on the e-meeting page, then may correct the attendance.
    """
    from emeetings.presence import checked_in_member_ids  # e-meeting hook (issue 15)

    wanted = {
        row["member"].pk
        for row in rows
        if row.get("status") in (AttendanceStatus.ABSENT, AttendanceStatus.STAND_IN) and row["member"].pk in members
    }
    if not wanted:
        return {}
    inside = set(checked_in_member_ids(meeting).filter(member_id__in=wanted))
    return {
        str(pk): {
            "status": _(
                "%(name)s ลงชื่อเข้าประชุมผ่านระบบและอยู่ในที่ประชุมขณะนี้ "
                "หากไม่ได้เข้าประชุม ให้บันทึกการออกจากการประชุมที่หน้าประชุมผ่านสื่ออิเล็กทรอนิกส์ก่อน"
            )
            % {"name": members[pk].full_name}
        }
        for pk in inside
    }


CHECKED_IN_REASON = "ลงชื่อเข้าประชุมผ่านระบบ (ยืนยันตัวตนแล้ว)"


def present_on_check_in(*, actor, meeting: Meeting, member: Member) -> Attendance:
    """A verified check-in (e-meetings) records the member present: the attendance stays the one list of who came.

    Called by ``emeetings.services`` inside the check-in's transaction, after it
    checked who may check in. An absence recorded earlier becomes present (the
    reason is cleared); a stand-in already recorded is kept. The secretariat can
    still correct the row on the attendance page; each change has an audit record.
    """
    att = Attendance.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if att is not None and att.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN):
        return att
    att = att or Attendance(meeting=meeting, member=member, order=member.order)
    before = audit.snapshot(att, ["status", "absence_reason"]) if att.pk else {}
    att.status, att.absence_reason = AttendanceStatus.PRESENT, ""
    att.person_name = att.person_position = ""
    att.full_clean()
    att.save()
    audit.record(
        actor=actor,
        action="attendance.record",
        target=att,
        province=_province(meeting),
        changes=audit.diff(before, audit.snapshot(att, ["status", "absence_reason"])),
        reason=CHECKED_IN_REASON,
    )
    return att


class AttendanceErrors(ValidationError):
    """Per-member errors of an attendance batch: ``error_dict`` maps member id to field errors."""

    def __init__(self, errors: dict[str, Any]):
        super().__init__("บันทึกการเข้าประชุมไม่ได้ กรุณาแก้ไขรายการที่มีข้อผิดพลาด")
        self.by_member = errors


def set_stand_in(*, actor, meeting: Meeting, member: Member, name: str, position: str = "") -> Attendance:
    """Record that ``name`` attends in place of ``member``; refused when the member is recorded present."""
    current = Attendance.objects.filter(meeting=meeting, member=member).first()
    if current and current.status == AttendanceStatus.PRESENT:
        raise ValidationError({"person_name": f"{member.full_name} มาประชุมด้วยตนเองแล้ว จะบันทึกผู้มาประชุมแทนไม่ได้"})
    return record_attendance(
        actor=actor,
        meeting=meeting,
        rows=[
            {"member": member, "status": AttendanceStatus.STAND_IN, "person_name": name, "person_position": position}
        ],
    )[0]


def add_guest(*, actor, meeting: Meeting, name: str, position: str = "", agency: str = "") -> Attendance:
    """Record a non-member present (ผู้เข้าร่วมประชุม)."""
    _require(perms.can_record_attendance(actor, meeting))
    if not str(name).strip():
        raise ValidationError({"person_name": _("กรุณาระบุชื่อผู้เข้าร่วมประชุม")})
    with transaction.atomic():
        guest = Attendance(
            meeting=meeting,
            status=AttendanceStatus.GUEST,
            person_name=name.strip(),
            person_position=position.strip(),
            person_agency=agency.strip(),
            order=1000,
        )
        guest.full_clean()
        guest.save()
        audit.record(
            actor=actor,
            action="attendance.guest",
            target=guest,
            province=_province(meeting),
            changes={"person_name": [None, guest.person_name]},
        )
    return guest
