"""The meetings, agenda items and resolutions the demo plans and reports are tabled and approved under."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone

from actionplans.choices import DocState
from meetings.choices import MeetingState, ResolutionOutcome, SectionType
from meetings.models import AgendaItem, Meeting, Resolution


def _aware(d: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime(d.year, d.month, d.day, hour, minute))


def _fixture_meeting(sc, *, starts_at: dt.datetime, number: int, place: str) -> Meeting:
    """A past meeting of a province that has no meetings demo (fixture rows, held)."""
    from core.thaidate import be_year, fiscal_year_of

    fy = fiscal_year_of(starts_at)
    year = fy if sc.numbering_basis == "fiscal" else be_year(starts_at.year)
    existing = Meeting.objects.filter(subcommittee=sc, starts_at__date=timezone.localtime(starts_at).date()).first()
    if existing:
        return existing
    m = Meeting(
        subcommittee=sc,
        number=number,
        number_year=year,
        numbering_basis=sc.numbering_basis,
        fiscal_year=fy,
        starts_at=starts_at,
        place=place,
        state=MeetingState.HELD,
    )
    m.full_clean()
    m.save()
    return m


def _section(meeting: Meeting) -> AgendaItem:
    section = AgendaItem.objects.filter(
        meeting=meeting, parent__isnull=True, section_type=SectionType.FOR_CONSIDERATION
    ).first()
    if section:
        return section
    # section 5 of the usual six when the agenda has no sections yet
    order = (
        max(AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).aggregate(n=Max("order"))["n"] or 0, 4) + 1
    )
    return AgendaItem.objects.create(
        meeting=meeting,
        section_type=SectionType.FOR_CONSIDERATION,
        order=order,
        title=SectionType.FOR_CONSIDERATION.label,
    )


def _agenda_item(meeting: Meeting, *, find: str, title: str, actor) -> AgendaItem:
    """The meeting's item about ``find`` (the meetings demo's when it has one), else a new one."""
    item = (
        AgendaItem.objects.filter(meeting=meeting, parent__isnull=False, title__icontains=find)
        .order_by("order")
        .first()
    )
    if item:
        return item
    if actor is not None:
        from meetings import services as meeting_services

        try:
            return meeting_services.add_agenda_item(
                actor=actor,
                meeting=meeting,
                section_type=SectionType.FOR_CONSIDERATION,
                title=title,
                presenter="ฝ่ายเลขานุการ",
            )
        except (ValidationError, PermissionDenied):
            pass
    section = _section(meeting)
    order = (section.children.aggregate(n=Max("order"))["n"] or 0) + 1
    return AgendaItem.objects.create(
        meeting=meeting,
        parent=section,
        section_type=section.section_type,
        order=order,
        title=title,
        presenter="ฝ่ายเลขานุการ",
    )


def _resolution(item: AgendaItem, *, text: str, actor) -> Resolution:
    existing = Resolution.objects.filter(agenda_item=item).first()
    if existing:
        return existing
    if actor is not None:
        from meetings import services as meeting_services

        try:
            return meeting_services.record_resolution(
                actor=actor, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=text
            )
        except (ValidationError, PermissionDenied):
            pass
    return Resolution.objects.create(agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=text)


def _approve(doc, *, item: AgendaItem, resolution: Resolution, at: dt.datetime) -> None:
    type(doc).objects.filter(pk=doc.pk).update(
        state=DocState.APPROVED, agenda_item=item, resolution=resolution, approved_at=at
    )
