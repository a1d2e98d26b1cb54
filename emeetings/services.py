"""Writes of electronic meetings: mode, check-in, vouching, leaving, faults, recordings.

A check-in (or a vouch) also records the member present in the meeting's
attendance (``meetings.services.present_on_check_in``), so the minutes' list of
who came has one source; the check-in keeps how they joined (room or online).

Every function: keyword-only, an explicit actor, one transaction, ``full_clean``,
an audit record. Times are the server's clock (stored in UTC, shown in
Asia/Bangkok). A refusal raises before anything is written.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import audit
from core.uploads import clean_display_name
from emeetings import permissions as perms
from emeetings.choices import Event, Location, Method, Mode, RecordingKind
from emeetings.models import CheckIn, EvidenceBundle, FaultReport, Recording, Setup, TrafficEvent
from meetings.models import Meeting
from meetings.services.attendance import present_on_check_in

ALREADY_IN = gettext_noop("ท่านอยู่ในที่ประชุมแล้ว")
NEEDS_SECOND_FACTOR = gettext_noop(
    "การเข้าประชุมผ่านสื่ออิเล็กทรอนิกส์ต้องยืนยันตัวตนด้วยการเข้าสู่ระบบและรหัสยืนยันชั้นที่สอง "
    "กรุณาตั้งค่าแอปยืนยันตัวตนแล้วเข้าสู่ระบบใหม่ หรือขอให้ประธานหรือฝ่ายเลขานุการรับรองตัวตน"
)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _require(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def max_recording_bytes() -> int:
    return int(getattr(settings, "RECORDING_MAX_BYTES", 2 * 1024**3))


def setup_of(meeting: Meeting) -> Setup:
    """The meeting's setup (an unsaved in-the-room one when none was set)."""
    return Setup.objects.filter(meeting=meeting).first() or Setup(meeting=meeting, mode=Mode.IN_ROOM)


def remote_needs_second_factor() -> bool:
    """Whether a member checking in online must have passed a second factor (``EMEETING_REMOTE_SECOND_FACTOR``)."""
    return bool(getattr(settings, "EMEETING_REMOTE_SECOND_FACTOR", False))


def _check_location(meeting: Meeting, location: str) -> None:
    mode = setup_of(meeting).mode
    if location not in Location.values:
        raise ValidationError({"location": _("กรุณาเลือกว่าเข้าร่วมในห้องประชุมหรือผ่านสื่ออิเล็กทรอนิกส์")})
    if location == Location.REMOTE and mode == Mode.IN_ROOM:
        raise ValidationError({"location": _("การประชุมนี้ประชุม ณ ห้องประชุมเท่านั้น เข้าร่วมผ่านสื่ออิเล็กทรอนิกส์ไม่ได้")})
    if location == Location.ROOM and mode == Mode.ONLINE:
        raise ValidationError({"location": _("การประชุมนี้ประชุมผ่านสื่ออิเล็กทรอนิกส์เท่านั้น")})


def _log(*, meeting, member, event, location, ip, user_agent, actor) -> TrafficEvent:
    row = TrafficEvent(
        meeting=meeting,
        member=member,
        event=event,
        location=location,
        at=timezone.now(),
        ip=ip or None,
        user_agent=(user_agent or "")[:500],
        recorded_by=actor,
    )
    row.full_clean()
    row.save()
    return row


def set_mode(*, actor, meeting: Meeting, mode: str, join_instructions: str = "") -> Setup:
    """In the room, online or hybrid, and how to join (printed on the invitation)."""
    _require(perms.can_manage_emeeting(actor, meeting))
    if meeting.state not in perms.OPEN_STATES:
        raise ValidationError(_("กำหนดรูปแบบการประชุมได้เฉพาะก่อนหรือระหว่างการประชุม"))
    if mode not in Mode.values:
        raise ValidationError({"mode": _("กรุณาเลือกรูปแบบการประชุม")})
    join_instructions = (join_instructions or "").strip()
    if mode != Mode.IN_ROOM and not (join_instructions or meeting.online_link):
        raise ValidationError({"join_instructions": _("กรุณาระบุวิธีเข้าร่วมประชุมผ่านสื่ออิเล็กทรอนิกส์ หรือลิงก์ประชุมออนไลน์")})
    with transaction.atomic():
        setup = Setup.objects.select_for_update().filter(meeting=meeting).first()
        before = audit.snapshot(setup, ["mode", "join_instructions"]) if setup else {}
        setup = setup or Setup(meeting=meeting)
        setup.mode, setup.join_instructions, setup.updated_by = mode, join_instructions, actor
        setup.full_clean()
        setup.save()
        audit.record(
            actor=actor,
            action="emeeting.mode",
            target=meeting,
            province=meeting.subcommittee.province,
            changes=audit.diff(before, audit.snapshot(setup, ["mode", "join_instructions"])),
        )
    return setup


def check_in(
    *, actor, meeting: Meeting, location: str, ip: str | None, user_agent: str, second_factor: bool = False
) -> CheckIn:
    """The actor joins: identity verified by their login (and second factor when they passed one); a join logged.

    ``second_factor`` is true when the session passed a second factor (django-otp's
    ``user.is_verified()``); the method recorded says which. Online, a login alone is
    refused when ``EMEETING_REMOTE_SECOND_FACTOR`` is on (production): the member sets
    up the second factor, or the chair or the secretariat vouches for them.
    """
    seat = perms.seat_of(actor, meeting)
    _require(perms.can_check_in(actor, meeting, seat))
    _check_location(meeting, location)
    if location == Location.REMOTE and not second_factor and remote_needs_second_factor():
        # the decree's standard: online, identity is a login plus a second factor, or a vouch
        raise ValidationError({"location": _(NEEDS_SECOND_FACTOR)})
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one check-in at a time per meeting
        checkin = CheckIn.objects.filter(meeting=meeting, member=seat).first()
        if checkin and checkin.present:
            raise ValidationError(_(ALREADY_IN))
        if checkin is None:
            checkin = CheckIn(
                meeting=meeting,
                member=seat,
                user=actor,
                method=Method.LOGIN_2FA if second_factor else Method.LOGIN,
                verified_at=timezone.now(),
            )
        checkin.location, checkin.present = location, True
        checkin.full_clean()
        checkin.save()
        present_on_check_in(actor=actor, meeting=meeting, member=seat)
        _log(
            meeting=meeting, member=seat, event=Event.JOIN, location=location, ip=ip, user_agent=user_agent, actor=actor
        )
        audit.record(
            actor=actor,
            action="emeeting.check_in",
            target=meeting,
            province=meeting.subcommittee.province,
            changes={"member": [None, seat.full_name], "location": [None, location], "method": [None, checkin.method]},
        )
    return checkin


def vouch(
    *, actor, meeting: Meeting, member, location: str, note: str = "", ip: str | None = None, user_agent: str = ""
) -> CheckIn:
    """The chair or the secretariat vouches for a member's identity (who, when) and logs them in as joined."""
    _require(perms.can_vouch(actor, meeting))
    if member is None or member.subcommittee_id != meeting.subcommittee_id:
        raise ValidationError({"member": _("กรุณาเลือกอนุกรรมการของคณะนี้")})
    _check_location(meeting, location)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        checkin = CheckIn.objects.filter(meeting=meeting, member=member).first()
        if checkin and checkin.present:
            raise ValidationError({"member": f"{member.full_name} อยู่ในที่ประชุมแล้ว"})
        if checkin is None:
            checkin = CheckIn(
                meeting=meeting,
                member=member,
                method=Method.VOUCHED,
                vouched_by=actor,
                vouch_note=(note or "").strip()[:300],
                verified_at=timezone.now(),
            )
        checkin.location, checkin.present = location, True
        checkin.full_clean()
        checkin.save()
        present_on_check_in(actor=actor, meeting=meeting, member=member)
        _log(
            meeting=meeting,
            member=member,
            event=Event.JOIN,
            location=location,
            ip=ip,
            user_agent=user_agent,
            actor=actor,
        )
        audit.record(
            actor=actor,
            action="emeeting.vouch",
            target=meeting,
            province=meeting.subcommittee.province,
            changes={"member": [None, member.full_name], "location": [None, location]},
            reason=checkin.vouch_note,
        )
    return checkin


def leave(*, actor, meeting: Meeting, member=None, ip: str | None, user_agent: str) -> TrafficEvent:
    """The actor (or, for the chair/secretariat, a vouched member) leaves; the leave is logged."""
    if member is None:
        member = perms.seat_of(actor, meeting)
        if member is None:
            raise PermissionDenied(_("เฉพาะอนุกรรมการของคณะนี้เท่านั้น"))
    else:
        _require(perms.can_vouch(actor, meeting))
    with transaction.atomic():
        checkin = CheckIn.objects.select_for_update().filter(meeting=meeting, member=member, present=True).first()
        if checkin is None:
            raise ValidationError(_("ยังไม่ได้ลงชื่อเข้าประชุม"))
        checkin.present = False
        checkin.save(update_fields=["present"])
        row = _log(
            meeting=meeting,
            member=member,
            event=Event.LEAVE,
            location=checkin.location,
            ip=ip,
            user_agent=user_agent,
            actor=actor,
        )
        audit.record(
            actor=actor,
            action="emeeting.leave",
            target=meeting,
            province=meeting.subcommittee.province,
            changes={"member": [member.full_name, None]},
        )
    return row


def report_fault(*, actor, meeting: Meeting, text: str, ip: str | None, user_agent: str) -> FaultReport:
    _require(perms.can_report_fault(actor, meeting))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("กรุณาระบุปัญหาที่พบ")})
    with transaction.atomic():
        fault = FaultReport(
            meeting=meeting,
            reported_by=actor,
            at=timezone.now(),
            text=text[:2000],
            ip=ip or None,
            user_agent=(user_agent or "")[:500],
        )
        fault.full_clean()
        fault.save()
        audit.record(
            actor=actor,
            action="emeeting.fault",
            target=meeting,
            province=meeting.subcommittee.province,
            reason=text[:200],
        )
    return fault


def _sha256_of(f) -> str:
    digest = hashlib.sha256()
    f.seek(0)
    for chunk in f.chunks():
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def add_recording(*, actor, meeting: Meeting, upload) -> Recording:
    """Keep an uploaded recording (already streamed to a temporary file) with its SHA-256."""
    _require(perms.can_manage_emeeting(actor, meeting))
    if upload is None or not upload.size:
        raise ValidationError({"file": _("กรุณาเลือกไฟล์บันทึกภาพและเสียง")})
    if upload.size > max_recording_bytes():
        raise ValidationError({"file": _("ไฟล์ใหญ่เกินกำหนด")})
    rec = Recording(
        meeting=meeting,
        kind=RecordingKind.FILE,
        display_name=clean_display_name(upload.name)[:255],
        size=upload.size,
        sha256=_sha256_of(upload),
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            rec.file.save(upload.name, upload, save=False)
            rec.full_clean()
            rec.save()
            audit.record(
                actor=actor,
                action="emeeting.recording",
                target=meeting,
                province=meeting.subcommittee.province,
                changes={"recording": [None, rec.display_name], "sha256": [None, rec.sha256]},
            )
    except Exception:
        if rec.file.name:
            rec.file.storage.delete(rec.file.name)
        raise
    return rec


def register_recording(*, actor, meeting: Meeting, location: str, sha256: str) -> Recording:
    """A recording kept elsewhere (the meeting platform's cloud, a disc at the office): where, and its SHA-256."""
    _require(perms.can_manage_emeeting(actor, meeting))
    location, sha256 = (location or "").strip(), (sha256 or "").strip().lower()
    if not location:
        raise ValidationError({"location": _("กรุณาระบุสถานที่จัดเก็บไฟล์บันทึกภาพและเสียง")})
    if not _HEX64.match(sha256):
        raise ValidationError({"sha256": _("ค่าแฮช SHA-256 ต้องเป็นเลขฐานสิบหก 64 หลัก")})
    with transaction.atomic():
        rec = Recording(
            meeting=meeting, kind=RecordingKind.LOCATION, location=location[:500], sha256=sha256, uploaded_by=actor
        )
        rec.full_clean()
        rec.save()
        audit.record(
            actor=actor,
            action="emeeting.recording",
            target=meeting,
            province=meeting.subcommittee.province,
            changes={"recording": [None, location], "sha256": [None, sha256]},
        )
    return rec


def request_evidence(*, actor, meeting: Meeting) -> EvidenceBundle:
    """Ask the worker for the meeting's evidence bundle (chair, secretariat, national officer)."""
    _require(perms.can_download_evidence(actor, meeting))
    with transaction.atomic():
        bundle = EvidenceBundle(meeting=meeting, requested_by=actor)
        bundle.full_clean()
        bundle.save()
        audit.record(actor=actor, action="emeeting.evidence", target=meeting, province=meeting.subcommittee.province)

        def enqueue(bundle_id=bundle.pk):
            from emeetings.tasks import build_evidence_bundle

            build_evidence_bundle.delay(bundle_id)

        transaction.on_commit(enqueue)
    return bundle
