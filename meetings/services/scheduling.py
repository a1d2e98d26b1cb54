"""Scheduling a meeting, changing it, its workflow steps and the invitations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committees.models import Member, Subcommittee
from core import audit, thaidate
from core.workflow import fire
from meetings import permissions as perms
from meetings.choices import SectionType
from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
)
from meetings.services.common import (
    DEFAULT_SECTIONS,
    MEETING_FIELDS,
    _chair_fields,
    _label,
    _province,
    _require,
    numbering_year,
    previous_meeting,
)
from meetings.workflow import MEETING_WORKFLOW
from notifications.services import notify_on_commit  # people (issue #10)


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
        raise ValidationError({"place": _("กรุณาระบุสถานที่ประชุม")})
    basis = subcommittee.numbering_basis
    year = numbering_year(basis, starts_at)
    with transaction.atomic():
        Subcommittee.objects.select_for_update().filter(pk=subcommittee.pk).first()
        taken = Meeting.objects.filter(subcommittee=subcommittee, numbering_basis=basis, number_year=year)
        if number is None:
            number = (taken.aggregate(n=Max("number"))["n"] or 0) + 1
        elif number < 1:
            raise ValidationError({"number": _("ครั้งที่ต้องเป็นจำนวนเต็มบวก")})
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
        notify_on_commit("meeting_scheduled", meeting.pk)
    return meeting


def _create_sections(meeting: Meeting, *, swap_follow_up: bool) -> None:
    order = list(DEFAULT_SECTIONS)
    if swap_follow_up:
        order[2], order[3] = order[3], order[2]
    previous = previous_meeting(meeting)
    for i, section in enumerate(order, start=1):
        with translation.override("th"):  # agenda headings are the Thai document's own words
            title = str(section.label)
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
            raise ValidationError({"starts_at": _("วันประชุมใหม่อยู่คนละปีกับลำดับครั้งที่ กรุณายกเลิกการประชุมนี้แล้วนัดประชุมใหม่")})
        before = audit.snapshot(m, MEETING_FIELDS)
        before_time = m.starts_at
        m.starts_at = starts_at
        m.fiscal_year = thaidate.fiscal_year_of(starts_at)
        m.place = place.strip()
        m.online_link = online_link
        for k, v in _chair_fields(chair_member, chair_capacity, m.subcommittee).items():
            setattr(m, k, v)
        moved = m.invitations_sent_at is not None and (
            m.starts_at != before_time or m.place != before["place"] or m.online_link != before["online_link"]
        )
        if moved:
            m.ics_sequence += 1  # same UID, higher SEQUENCE: calendars replace the old entry
        m.full_clean()
        m.save()
        if moved:
            from meetings import tasks

            transaction.on_commit(lambda: tasks.send_invitations.delay(m.pk, update=True))
        audit.record(
            actor=actor,
            action="meeting.update",
            target=m,
            province=_province(m),
            changes=audit.diff(before, audit.snapshot(m, MEETING_FIELDS)),
        )
        notify_on_commit("meeting_moved", m.pk, f"{m.starts_at:%Y%m%d%H%M}:{m.place}"[:80])
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
    if name == "cancel":
        notify_on_commit("meeting_cancelled", result.pk)
    if name == "cancel" and result.invitations_sent_at:
        from meetings import tasks

        Meeting.objects.filter(pk=result.pk).update(ics_sequence=F("ics_sequence") + 1)

        # members who were invited get the cancellation (and a CANCEL calendar entry)
        transaction.on_commit(lambda: tasks.send_invitations.delay(result.pk))
    return result


def _after_circulate(meeting: Meeting) -> None:
    from meetings import tasks

    Minutes.objects.filter(meeting=meeting).update(circulated_at=timezone.now())
    transaction.on_commit(lambda: tasks.notify_minutes_circulated.delay(meeting.pk))
    notify_on_commit("minutes_circulated", meeting.pk, str(getattr(getattr(meeting, "minutes", None), "version", "")))


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
