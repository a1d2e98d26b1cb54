"""Writes to meetings, agendas, attendance, resolutions and minutes.

Every function: keyword-only arguments with the acting user first, one
transaction, ``full_clean`` before saving, an audit record, Celery work queued
on commit with ids only. A refusal raises ``PermissionDenied`` (not allowed) or
``ValidationError`` with a Thai message (bad input); nothing is stored half-way.

Stable entry points other apps call: ``add_agenda_item``, ``record_resolution``,
``declare_conflict`` (see their docstrings).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

import ledger.services  # ledger hook (issue 15)
from committees.choices import ChairCapacity, NumberingBasis
from committees.models import Member, Subcommittee
from core import audit, thaidate
from core.uploads import fill_stored_file, validate_upload
from core.workflow import TransitionRefused, fire
from meetings import permissions as perms
from meetings.choices import AdoptionMethod, AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    ConflictOfInterest,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
    Resolution,
)
from meetings.workflow import MEETING_WORKFLOW

MEETING_FIELDS = ["starts_at", "place", "online_link", "chair_member", "chair_name", "chair_position", "chair_capacity"]

DEFAULT_SECTIONS = [
    SectionType.CHAIR_INFORMS,
    SectionType.ADOPT_MINUTES,
    SectionType.FOLLOW_UP,
    SectionType.FOR_INFORMATION,
    SectionType.FOR_CONSIDERATION,
    SectionType.OTHER,
]


def _require(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def _province(meeting: Meeting):
    return meeting.subcommittee.province


def numbering_year(basis: str, starts_at: dt.datetime) -> int:
    """The BE year a meeting is counted in: calendar year, or fiscal year when the subcommittee says so."""
    if basis == NumberingBasis.FISCAL:
        return thaidate.fiscal_year_of(starts_at)
    return thaidate.be_year(timezone.localtime(starts_at).year if timezone.is_aware(starts_at) else starts_at.year)


def _label(basis: str, number: int, year: int) -> str:
    if basis == NumberingBasis.FISCAL:
        return f"ครั้งที่ {number} ประจำปีงบประมาณ {year}"
    return f"ครั้งที่ {number}/{year}"


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The subcommittee's last meeting before this one that was not cancelled."""
    return (
        Meeting.objects.filter(subcommittee_id=meeting.subcommittee_id, starts_at__lt=meeting.starts_at)
        .exclude(state=MeetingState.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )


def _chair_fields(chair_member: Member | None, chair_capacity: str, subcommittee: Subcommittee) -> dict[str, Any]:
    if chair_member is None:
        if chair_capacity:
            raise ValidationError({"chair_member": "กรุณาเลือกประธานในที่ประชุม"})
        return {"chair_member": None, "chair_name": "", "chair_position": "", "chair_capacity": ""}
    if chair_member.subcommittee_id != subcommittee.pk:
        raise ValidationError({"chair_member": "ประธานในที่ประชุมต้องเป็นอนุกรรมการของคณะนี้"})
    if chair_capacity and chair_capacity not in ChairCapacity.values:
        raise ValidationError({"chair_capacity": "ฐานะของประธานไม่ถูกต้อง"})
    return {
        "chair_member": chair_member,
        "chair_name": chair_member.full_name,
        "chair_position": chair_member.position,
        "chair_capacity": chair_capacity or chair_member.chair_capacity or ChairCapacity.OTHER,
    }


def schedule_meeting(
    *,
    actor,
    subcommittee: Subcommittee,
    starts_at: dt.datetime,
    place: str,
    online_link: str = "",
    chair_member: Member | None = None,
    chair_capacity: str = "",
    number: int | None = None,
    swap_follow_up: bool = False,
) -> Meeting:
    """Schedule (or record, for a past date) a meeting with the usual six agenda sections.

    The number is the next one in the subcommittee's numbering year unless
    ``number`` is given (bringing earlier meetings in); a number already used,
    cancelled meetings included, is refused. Item 2 links the previous meeting.
    """
    _require(perms.can_schedule_meeting(actor, subcommittee))
    if not str(place).strip():
        raise ValidationError({"place": "กรุณาระบุสถานที่ประชุม"})
    basis = subcommittee.numbering_basis
    year = numbering_year(basis, starts_at)
    with transaction.atomic():
        Subcommittee.objects.select_for_update().filter(pk=subcommittee.pk).first()
        taken = Meeting.objects.filter(subcommittee=subcommittee, numbering_basis=basis, number_year=year)
        if number is None:
            number = (taken.aggregate(n=Max("number"))["n"] or 0) + 1
        elif number < 1:
            raise ValidationError({"number": "ครั้งที่ต้องเป็นจำนวนเต็มบวก"})
        elif taken.filter(number=number).exists():
            raise ValidationError({"number": f"มีการประชุม{_label(basis, number, year)} อยู่แล้ว"})
        meeting = Meeting(
            subcommittee=subcommittee,
            number=number,
            number_year=year,
            numbering_basis=basis,
            fiscal_year=thaidate.fiscal_year_of(starts_at),
            starts_at=starts_at,
            place=place.strip(),
            online_link=online_link,
            created_by=actor,
            **_chair_fields(chair_member, chair_capacity, subcommittee),
        )
        meeting.full_clean()
        meeting.save()
        _create_sections(meeting, swap_follow_up=swap_follow_up)
        audit.record(
            actor=actor,
            action="meeting.schedule",
            target=meeting,
            province=subcommittee.province,
            changes=audit.diff({}, {"label": meeting.label, **audit.snapshot(meeting, MEETING_FIELDS)}),
        )
    return meeting


def _create_sections(meeting: Meeting, *, swap_follow_up: bool) -> None:
    order = list(DEFAULT_SECTIONS)
    if swap_follow_up:
        order[2], order[3] = order[3], order[2]
    previous = previous_meeting(meeting)
    for i, section in enumerate(order, start=1):
        title = section.label
        if section == SectionType.ADOPT_MINUTES and previous:
            title = f"เรื่องรับรองรายงานการประชุม{previous.label}"
        item = AgendaItem(
            meeting=meeting,
            section_type=section,
            order=i,
            title=title,
            minutes_to_adopt=previous if section == SectionType.ADOPT_MINUTES else None,
        )
        item.full_clean()
        item.save()


def update_meeting(
    *,
    actor,
    meeting: Meeting,
    starts_at: dt.datetime,
    place: str,
    online_link: str = "",
    chair_member: Member | None = None,
    chair_capacity: str = "",
) -> Meeting:
    """Change date, place, link or chair before the meeting. The number stays; a move into another year is refused."""
    _require(perms.can_edit_meeting(actor, meeting))
    with transaction.atomic():
        m = Meeting.objects.select_for_update().select_related("subcommittee__province").get(pk=meeting.pk)
        if numbering_year(m.numbering_basis, starts_at) != m.number_year:
            raise ValidationError({"starts_at": "วันประชุมใหม่อยู่คนละปีกับลำดับครั้งที่ กรุณายกเลิกการประชุมนี้แล้วนัดประชุมใหม่"})
        before = audit.snapshot(m, MEETING_FIELDS)
        m.starts_at = starts_at
        m.fiscal_year = thaidate.fiscal_year_of(starts_at)
        m.place = place.strip()
        m.online_link = online_link
        for k, v in _chair_fields(chair_member, chair_capacity, m.subcommittee).items():
            setattr(m, k, v)
        m.full_clean()
        m.save()
        audit.record(
            actor=actor,
            action="meeting.update",
            target=m,
            province=_province(m),
            changes=audit.diff(before, audit.snapshot(m, MEETING_FIELDS)),
        )
    return m


def fire_transition(*, actor, meeting: Meeting, name: str, reason: str = "") -> Meeting:
    """Fire one transition of ``meetings.workflow.MEETING_WORKFLOW`` (raises TransitionRefused with the reason)."""
    result = fire(
        workflow=MEETING_WORKFLOW,
        model=Meeting,
        pk=meeting.pk,
        name=name,
        actor=actor,
        roles_for=lambda m: perms.roles_on(actor, m),
        province_for=_province,
        context={"reason": reason},
    )
    if name == "circulate":
        _after_circulate(result)
    if name == "cancel" and result.invitations_sent_at:
        from meetings import tasks

        # members who were invited get the cancellation (and a CANCEL calendar entry)
        transaction.on_commit(lambda: tasks.send_invitations.delay(result.pk))
    return result


def _after_circulate(meeting: Meeting) -> None:
    from meetings import tasks

    Minutes.objects.filter(meeting=meeting).update(circulated_at=timezone.now())
    transaction.on_commit(lambda: tasks.notify_minutes_circulated.delay(meeting.pk))


def send_invitations(*, actor, meeting: Meeting) -> Meeting:
    """Queue the invitation e-mails (with an .ics) to every current member with an address.

    Refused for a meeting whose date has passed (record it as held instead).
    """
    with transaction.atomic():
        m = Meeting.objects.select_for_update().select_related("subcommittee__province").get(pk=meeting.pk)
        verdict = perms.can_send_invitations(actor, m)
        if not verdict:
            if perms.can_manage_meeting(actor, m):
                raise ValidationError(verdict.reason)
            raise PermissionDenied(verdict.reason)
        m.invitations_sent_at = timezone.now()
        m.save(update_fields=["invitations_sent_at", "updated_at"])
        audit.record(actor=actor, action="meeting.invite", target=m, province=_province(m))
        from meetings import tasks

        transaction.on_commit(lambda: tasks.send_invitations.delay(m.pk))
    return m


# --- Agenda -------------------------------------------------------------------


def _section(meeting: Meeting, section_type: str) -> AgendaItem:
    section = (
        AgendaItem.objects.select_for_update()
        .filter(meeting=meeting, parent__isnull=True, section_type=section_type)
        .order_by("order")
        .first()
    )
    if section:
        return section
    last = AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).aggregate(n=Max("order"))["n"] or 0
    section = AgendaItem(
        meeting=meeting, section_type=section_type, order=last + 1, title=SectionType(section_type).label
    )
    section.full_clean()
    section.save()
    return section


def add_agenda_item(
    *,
    actor,
    meeting: Meeting,
    section_type: str,
    title: str,
    description: str = "",
    presenter: str = "",
    parent: AgendaItem | None = None,
) -> AgendaItem:
    """Add a sub-item (5.1, 5.2 …) under the meeting's section of ``section_type`` and return it.

    Other apps rely on: the section is created if the agenda lacks it; the new
    item is numbered after the section's last sub-item; ``parent`` (a section of
    this meeting) overrides the section lookup. Refused once the minutes are
    adopted or the meeting is cancelled.
    """
    _require(perms.can_edit_agenda(actor, meeting))
    if section_type not in SectionType.values:
        raise ValidationError({"section_type": "ประเภทวาระไม่ถูกต้อง"})
    if not str(title).strip():
        raise ValidationError({"title": "กรุณาระบุเรื่อง"})
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if parent is not None:
            if parent.meeting_id != meeting.pk or parent.parent_id is not None:
                raise ValidationError({"parent": "ระเบียบวาระหลักต้องเป็นวาระของการประชุมนี้"})
            section = parent
        else:
            section = _section(meeting, section_type)
        last = section.children.aggregate(n=Max("order"))["n"] or 0
        item = AgendaItem(
            meeting=meeting,
            parent=section,
            section_type=section.section_type,
            order=last + 1,
            title=title.strip(),
            description=description,
            presenter=presenter,
        )
        item.full_clean()
        item.save()
        audit.record(
            actor=actor,
            action="agenda.add",
            target=item,
            province=_province(meeting),
            changes=audit.diff({}, {"number": item.number, "title": item.title}),
        )
    return item


def update_agenda_item(
    *,
    actor,
    item: AgendaItem,
    title: str,
    description: str = "",
    presenter: str = "",
    minutes_to_adopt: Meeting | None = None,
) -> AgendaItem:
    """Edit a section's or sub-item's title, description, presenter (and, for item 2, which minutes it adopts)."""
    meeting = item.meeting
    _require(perms.can_edit_agenda(actor, meeting))
    if not str(title).strip():
        raise ValidationError({"title": "กรุณาระบุเรื่อง"})
    fields = ["title", "description", "presenter", "minutes_to_adopt"]
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("parent").get(pk=item.pk)
        before = audit.snapshot(locked, fields)
        locked.title, locked.description, locked.presenter = title.strip(), description, presenter
        if locked.section_type == SectionType.ADOPT_MINUTES and locked.parent_id is None:
            if minutes_to_adopt is not None and (
                minutes_to_adopt.subcommittee_id != meeting.subcommittee_id
                or minutes_to_adopt.starts_at >= meeting.starts_at
            ):
                raise ValidationError({"minutes_to_adopt": "เลือกได้เฉพาะการประชุมครั้งก่อนของคณะนี้"})
            locked.minutes_to_adopt = minutes_to_adopt
        locked.full_clean()
        locked.save()
        audit.record(
            actor=actor,
            action="agenda.update",
            target=locked,
            province=_province(meeting),
            changes=audit.diff(before, audit.snapshot(locked, fields)),
        )
    return locked


def swap_sections(*, actor, meeting: Meeting) -> None:
    """Swap sections 3 and 4 (เรื่องสืบเนื่อง and เรื่องเพื่อทราบ), as some bodies order them; sub-items follow."""
    _require(perms.can_edit_agenda(actor, meeting))
    with transaction.atomic():
        sections = {
            s.section_type: s
            for s in AgendaItem.objects.select_for_update().filter(
                meeting=meeting,
                parent__isnull=True,
                section_type__in=[SectionType.FOLLOW_UP, SectionType.FOR_INFORMATION],
            )
        }
        a, b = sections.get(SectionType.FOLLOW_UP), sections.get(SectionType.FOR_INFORMATION)
        if not a or not b:
            raise ValidationError("ระเบียบวาระนี้ไม่มีทั้งเรื่องสืบเนื่องและเรื่องเพื่อทราบ")
        first, second = a.order, b.order
        temp = (AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0) + 100
        AgendaItem.objects.filter(pk=a.pk).update(order=temp)
        AgendaItem.objects.filter(pk=b.pk).update(order=first)
        AgendaItem.objects.filter(pk=a.pk).update(order=second)
        audit.record(
            actor=actor,
            action="agenda.swap",
            target=meeting,
            province=_province(meeting),
            changes={"follow_up": [first, second], "for_information": [second, first]},
        )


def add_paper(*, actor, agenda_item: AgendaItem, file) -> AgendaPaper:
    """Attach a paper to an item; the file is checked by content (``core.uploads``)."""
    meeting = agenda_item.meeting
    _require(perms.can_edit_agenda(actor, meeting))
    info = getattr(file, "upload_info", None) or validate_upload(file)
    with transaction.atomic():
        paper = AgendaPaper(agenda_item=agenda_item, uploaded_by=actor)
        fill_stored_file(paper, file, info)
        paper.full_clean()
        paper.save()
        audit.record(
            actor=actor,
            action="agenda.paper",
            target=paper,
            province=_province(meeting),
            changes={"item": [None, agenda_item.number], "file": [None, info.display_name]},
        )
    return paper


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
        raise ValidationError({"person_name": "กรุณาระบุชื่อผู้เข้าร่วมประชุม"})
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


# --- Resolutions and conflicts ---------------------------------------------------


def _minutes_adopted(meeting: Meeting) -> bool:
    return (
        meeting.state == MeetingState.ADOPTED
        or Minutes.objects.filter(meeting=meeting, adopted_on__isnull=False).exists()
    )


def record_resolution(*, actor, agenda_item: AgendaItem, outcome: str, text: str, discussion: str = "") -> Resolution:
    """Create or update the resolution (มติที่ประชุม) on an item and return it.

    Other apps rely on: one resolution per item (updated in place while the
    minutes are not adopted); an empty ``text`` or an unknown ``outcome`` is a
    ``ValidationError``; after adoption any change is refused; each change is audited.
    """
    meeting = agenda_item.meeting
    if _minutes_adopted(meeting):
        raise ValidationError("รายงานการประชุมนี้รับรองแล้ว แก้ไขมติที่ประชุมไม่ได้")
    _require(perms.can_record_resolution(actor, meeting))
    if not str(text or "").strip():
        raise ValidationError({"text": "กรุณาระบุมติที่ประชุม"})
    if outcome not in ResolutionOutcome.values:
        raise ValidationError({"outcome": "กรุณาเลือกผลการพิจารณา"})
    fields = ["outcome", "text", "discussion"]
    with transaction.atomic():
        res = Resolution.objects.select_for_update().filter(agenda_item=agenda_item).first()
        before = audit.snapshot(res, fields) if res else {}
        res = res or Resolution(agenda_item=agenda_item)
        res.outcome, res.text, res.discussion, res.recorded_by = outcome, text.strip(), discussion.strip(), actor
        res.full_clean()
        res.save()
        ledger.services.append(kind="resolution", record=res, actor=actor)  # ledger hook (issue 15)
        audit.record(
            actor=actor,
            action="resolution.record",
            target=res,
            province=_province(meeting),
            changes=audit.diff(before, audit.snapshot(res, fields)),
        )
    return res


def declare_conflict(*, actor, agenda_item: AgendaItem, member: Member, reason: str) -> ConflictOfInterest:
    """Record a member's conflict of interest in one item and return it.

    Other apps rely on: from then on the member is excluded from the item's
    quorum (``selectors.item_quorum``) and must not vote on it; a second
    declaration for the same item and member is refused; the reason is required.
    """
    meeting = agenda_item.meeting
    _require(perms.can_declare_conflict(actor, meeting, member))
    if member.subcommittee_id != meeting.subcommittee_id:
        raise ValidationError({"member": "ไม่ใช่อนุกรรมการของคณะนี้"})
    if not str(reason or "").strip():
        raise ValidationError({"reason": "กรุณาระบุเหตุแห่งการมีส่วนได้เสีย"})
    with transaction.atomic():
        if ConflictOfInterest.objects.filter(agenda_item=agenda_item, member=member).exists():
            raise ValidationError({"member": f"{member.full_name} แจ้งการมีส่วนได้เสียในวาระนี้ไว้แล้ว"})
        coi = ConflictOfInterest(agenda_item=agenda_item, member=member, reason=reason.strip(), declared_by=actor)
        coi.full_clean()
        coi.save()
        audit.record(
            actor=actor,
            action="conflict.declare",
            target=coi,
            province=_province(meeting),
            changes={"member": [None, member.full_name], "reason": [None, coi.reason]},
        )
    return coi


# --- Minutes -------------------------------------------------------------------------


class MinutesConflict(ValidationError):
    """A save based on an old version: someone saved in between. Carries what they changed."""

    def __init__(self, *, current: Minutes, base_version: int, changes_html: str, saved_by: str):
        super().__init__(
            f"มีผู้อื่น ({saved_by}) บันทึกรายงานการประชุมเป็นฉบับที่ {current.version} "
            f"หลังจากที่ท่านเริ่มแก้ไขจากฉบับที่ {base_version} ข้อความของท่านยังอยู่ในแบบฟอร์ม "
            "โปรดตรวจสิ่งที่เปลี่ยนไปด้านล่าง รวมกับข้อความของท่าน แล้วบันทึกอีกครั้ง"
        )
        self.current = current
        self.base_version = base_version
        self.changes_html = changes_html


def diff_html(before: str, after: str, *, before_label: str, after_label: str) -> str:
    """A side-by-side HTML table of two texts (``difflib``; Thai kept, lines wrapped)."""
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        before.splitlines(), after.splitlines(), before_label, after_label, context=True, numlines=2
    )


def save_minutes(*, actor, meeting: Meeting, content: Mapping[str, Any], base_version: int) -> Minutes:
    """Save the minutes draft as a new version, if nobody saved since ``base_version``.

    A stale save raises ``MinutesConflict`` (nothing stored; the caller keeps the
    text). The first save of a held meeting moves it to ``minutes_drafted``.
    Adopted minutes are refused.
    """
    from meetings.selectors import minutes_text

    if _minutes_adopted(meeting):
        raise ValidationError("รายงานการประชุมนี้รับรองแล้ว แก้ไขไม่ได้")
    _require(perms.can_edit_minutes(actor, meeting))
    with transaction.atomic():
        locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        minutes, _ = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
        minutes = Minutes.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=minutes.pk)
        if minutes.adopted_on:
            raise ValidationError("รายงานการประชุมนี้รับรองแล้ว แก้ไขไม่ได้")
        if minutes.version != base_version:
            theirs = minutes.versions.filter(number=minutes.version).first()
            base = minutes.versions.filter(number=base_version).first()
            raise MinutesConflict(
                current=minutes,
                base_version=base_version,
                changes_html=diff_html(
                    base.text if base else "",
                    theirs.text if theirs else "",
                    before_label=f"ฉบับที่ {base_version} (ที่ท่านเริ่มแก้ไข)",
                    after_label=f"ฉบับที่ {minutes.version} (ล่าสุด)",
                ),
                saved_by=str(minutes.updated_by or "ผู้อื่น"),
            )
        clean = _clean_content(meeting, content)
        minutes.version += 1
        minutes.content = clean
        minutes.updated_by = actor
        minutes.full_clean()
        minutes.save()
        version = MinutesVersion(
            minutes=minutes,
            number=minutes.version,
            content=clean,
            text=minutes_text(meeting, clean),
            saved_by=actor,
        )
        version.full_clean()
        version.save()
        audit.record(
            actor=actor,
            action="minutes.save",
            target=minutes,
            province=_province(meeting),
            changes={"version": [base_version, minutes.version]},
        )
        if locked_meeting.state == MeetingState.HELD:
            fire_transition(actor=actor, meeting=locked_meeting, name="draft_minutes")
    meeting.refresh_from_db()
    return minutes


MINUTES_TEXT_KEYS = (
    "start_time",
    "end_time",
    "opening",
    "recorder_name",
    "recorder_position",
    "checker_name",
    "checker_position",
)


def _clean_content(meeting: Meeting, content: Mapping[str, Any]) -> dict[str, Any]:
    item_ids = {str(pk) for pk in AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True)}
    out: dict[str, Any] = {k: str(content.get(k, "") or "").strip() for k in MINUTES_TEXT_KEYS}
    items = {}
    for key, value in (content.get("items") or {}).items():
        if str(key) in item_ids:
            items[str(key)] = {
                "discussion": str(value.get("discussion", "") or "").strip(),
                "resolution": str(value.get("resolution", "") or "").strip(),
            }
    out["items"] = items
    return out


def comment_on_minutes(*, actor, meeting: Meeting, text: str, agenda_item: AgendaItem | None = None) -> MinutesComment:
    """A member's correction to the circulated draft (kept with the version it refers to)."""
    _require(perms.can_comment_minutes(actor, meeting))
    if not str(text or "").strip():
        raise ValidationError({"text": "กรุณาระบุข้อความที่ขอแก้ไข"})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "ระเบียบวาระไม่ถูกต้อง"})
    with transaction.atomic():
        minutes = Minutes.objects.get(meeting=meeting)
        comment = MinutesComment(
            minutes=minutes, version_number=minutes.version, agenda_item=agenda_item, author=actor, text=text.strip()
        )
        comment.full_clean()
        comment.save()
        audit.record(actor=actor, action="minutes.comment", target=comment, province=_province(meeting))
    return comment


def adopt_minutes(
    *,
    actor,
    meeting: Meeting,
    method: str,
    adopted_on: dt.date,
    under_item: AgendaItem | None = None,
) -> Minutes:
    """Record adoption of the current version: under item 2 of a later meeting, at the same meeting, or by circulation.

    The adopted version is frozen from then on (services refuse; on PostgreSQL a trigger too).
    Adopting under a later meeting's item 2 links that item to these minutes.
    """
    if method not in AdoptionMethod.values:
        raise ValidationError({"method": "กรุณาเลือกวิธีการรับรอง"})
    if adopted_on is None:
        raise ValidationError({"adopted_on": "กรุณาระบุวันที่รับรอง"})
    meeting_day = timezone.localtime(meeting.starts_at).date()
    if adopted_on < meeting_day:
        raise ValidationError({"adopted_on": "วันที่รับรองต้องไม่ก่อนวันประชุม"})
    if method == AdoptionMethod.NEXT_MEETING:
        if under_item is None:
            raise ValidationError({"under_item": "กรุณาเลือกระเบียบวาระที่ 2 ของการประชุมครั้งที่รับรอง"})
        later = under_item.meeting
        if (
            later.subcommittee_id != meeting.subcommittee_id
            or later.starts_at <= meeting.starts_at
            or under_item.section_type != SectionType.ADOPT_MINUTES
            or later.state == MeetingState.CANCELLED
        ):
            raise ValidationError({"under_item": "ต้องเป็นวาระรับรองรายงานการประชุมของการประชุมครั้งหลังของคณะเดียวกัน"})
    else:
        under_item = None
    with transaction.atomic():
        try:
            fire_transition(actor=actor, meeting=meeting, name="adopt")
        except TransitionRefused as exc:
            if perms.can_manage_meeting(actor, meeting) or "chair" in perms.roles_on(actor, meeting):
                raise ValidationError(exc.messages[0]) from None
            raise PermissionDenied(exc.messages[0]) from None
        minutes = Minutes.objects.select_for_update().get(meeting=meeting)
        minutes.adopted_on = adopted_on
        minutes.adoption_method = method
        minutes.adopted_version = minutes.version
        minutes.adopted_under_item = under_item
        minutes.adopted_by = actor
        minutes.full_clean()
        minutes.save()
        ledger.services.append(
            kind="minutes", record=minutes.versions.get(number=minutes.version), actor=actor
        )  # ledger hook (issue 15)
        if under_item is not None and under_item.minutes_to_adopt_id != meeting.pk:
            AgendaItem.objects.filter(pk=under_item.pk, minutes_to_adopt__isnull=True).update(minutes_to_adopt=meeting)
        audit.record(
            actor=actor,
            action="minutes.adopt",
            target=minutes,
            province=_province(meeting),
            changes={
                "adopted_version": [None, minutes.version],
                "adoption_method": [None, method],
                "adopted_on": [None, adopted_on],
            },
        )
    return minutes
