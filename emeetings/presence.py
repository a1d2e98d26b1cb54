"""What the meetings app asks of e-meetings (kept free of imports back into meetings' selectors)."""

from __future__ import annotations

from django.db.models import QuerySet

from emeetings.choices import Location, Mode
from emeetings.models import CheckIn, Recording, Setup


def checked_in_member_ids(meeting) -> QuerySet:
    """Members whose identity was verified and who are in the meeting now (in the room or online).

    ``meetings.selectors.present_member_ids`` unions this with the attendance, so
    the live quorum and the right to vote count verified remote members as present.
    """
    # unordered: SQLite refuses ORDER BY inside a UNION
    return CheckIn.objects.filter(meeting=meeting, present=True).values_list("member_id", flat=True).order_by()


def minutes_extra(meeting, minutes) -> dict:
    """What form-11 minutes add for an electronic meeting, and the adopted version's ledger hash."""
    from ledger.verify import record_entries

    extra: dict = {}
    setup = Setup.objects.filter(meeting=meeting).first()
    if setup and setup.is_electronic:
        rows = list(CheckIn.objects.filter(meeting=meeting).values_list("location", flat=True))
        room, remote = rows.count(Location.ROOM), rows.count(Location.REMOTE)
        how = "ผ่านสื่ออิเล็กทรอนิกส์" if setup.mode == Mode.ONLINE else "ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์"
        extra["electronic"] = (
            f"การประชุมครั้งนี้เป็นการประชุม{how} ตามพระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563 "
            f"อนุกรรมการที่ยืนยันตัวตนแล้วเข้าประชุม ณ ห้องประชุม {room} คน และผ่านสื่ออิเล็กทรอนิกส์ {remote} คน"
        )
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
