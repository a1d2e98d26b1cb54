"""What the meetings app asks of e-meetings (kept free of imports back into meetings' selectors)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from emeetings.choices import Location, Mode
from emeetings.models import CheckIn, Recording, Setup


def checked_in_member_ids(meeting) -> QuerySet:
    """Members whose identity was verified and who are in the meeting now (in the room or online).

    ``meetings.selectors.present_member_ids`` unions this with the attendance, so
    the live quorum and the right to vote count verified remote members as present.
    """
    # unordered: SQLite refuses ORDER BY inside a UNION
    return CheckIn.objects.filter(meeting=meeting, present=True).values_list("member_id", flat=True).order_by()


def checkin_labels(meeting) -> dict[int, str]:
    """For the attendance sheet: each checked-in member's "ลงชื่อเข้าประชุมผ่านระบบ: <where> (<now>)"."""
    out = {}
    for member_id, location, present in CheckIn.objects.filter(meeting=meeting).values_list(
        "member_id", "location", "present"
    ):
        now = _("อยู่ในที่ประชุม") if present else _("ออกแล้ว")
        out[member_id] = _("ลงชื่อเข้าประชุมผ่านระบบ: %(where)s (%(now)s)") % {"where": Location(location).label, "now": now}
    return out


def left_member_ids(meeting) -> QuerySet:
    """Members who checked in and have since left: no longer counted present, though the attendance lists them."""
    return CheckIn.objects.filter(meeting=meeting, present=False).values_list("member_id", flat=True).order_by()


REMOTE_NOTE = "(ประชุมผ่านสื่ออิเล็กทรอนิกส์)"


def report_querysets(meeting_id: int) -> tuple[QuerySet, ...]:
    """What the printed minutes read from e-meetings (for the report fingerprint): a join, a leave or a recording
    adds a row, a change of mode touches ``updated_at``."""
    from emeetings.models import TrafficEvent

    return (
        Setup.objects.filter(meeting_id=meeting_id),
        TrafficEvent.objects.filter(meeting_id=meeting_id),
        Recording.objects.filter(meeting_id=meeting_id),
    )


def minutes_extra(meeting, minutes, *, present_ids: set[int] | None = None) -> dict:
    """What form-11 minutes add for an electronic meeting, and the adopted version's ledger hash.

    ``present_ids`` are the members the attendance lists as having come (themselves
    or by a stand-in); those who checked in online are counted online, the rest in
    the room, so a member both marked present and checked in counts once.
    ``remote_ids`` (electronic meetings only) are the members to mark REMOTE_NOTE.
    """
    from ledger.verify import record_entries

    extra: dict = {}
    setup = Setup.objects.filter(meeting=meeting).first()
    if setup and setup.is_electronic:
        if present_ids is None:
            from meetings.models import Attendance

            present_ids = set(
                Attendance.objects.filter(
                    meeting=meeting, member__isnull=False, status__in=["present", "stand_in"]
                ).values_list("member_id", flat=True)
            )
        # the latest check-in's place: members who joined online are marked so in the list of who came
        remote_ids = set(
            CheckIn.objects.filter(meeting=meeting, location=Location.REMOTE).values_list("member_id", flat=True)
        )
        extra["remote_ids"] = remote_ids
        remote = len(present_ids & remote_ids)
        room = len(present_ids) - remote
        how = "ผ่านสื่ออิเล็กทรอนิกส์" if setup.mode == Mode.ONLINE else "ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์"
        extra["electronic"] = (
            f"การประชุมครั้งนี้เป็นการประชุม{how} ตามพระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563 "
            f"มีอนุกรรมการเข้าประชุม ณ ห้องประชุม {room} คน และผ่านสื่ออิเล็กทรอนิกส์ {remote} คน "
            "ผู้เข้าประชุมผ่านสื่ออิเล็กทรอนิกส์ทุกคนได้ยืนยันตัวตนก่อนเข้าประชุมแล้ว"
        )
        extra["room_count"], extra["remote_count"] = room, remote
        extra["recordings"] = [
            {"name": r.display_name or r.location, "sha256": r.sha256}
            for r in Recording.objects.filter(meeting=meeting).order_by("created_at", "id")
        ]
    if minutes is not None and minutes.is_adopted:
        version_id = minutes.versions.filter(number=minutes.adopted_version).values_list("pk", flat=True).first()
        entry = record_entries("minutes", [version_id]).get(version_id) if version_id else None
        if entry is not None:
            extra["ledger_seq"] = entry.seq
            extra["ledger_hash"] = entry.hash
    return extra


def invitation_lines(meeting) -> list[str]:
    """What the invitation says about an online or hybrid meeting: the mode, the decree, how to join, check-in."""
    setup = Setup.objects.filter(meeting=meeting).first()
    if setup is None or not setup.is_electronic:
        return []
    lines = [
        f"รูปแบบการประชุม: {setup.get_mode_display()} ตามพระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563",
    ]
    if setup.join_instructions:
        lines.append(f"วิธีเข้าร่วมประชุม: {setup.join_instructions}")
    lines.append("ก่อนเข้าประชุม กรุณาเข้าสู่ระบบและลงชื่อเข้าประชุมที่หน้าการประชุม (ประชุมผ่านสื่ออิเล็กทรอนิกส์) เพื่อยืนยันตัวตน")
    return lines
