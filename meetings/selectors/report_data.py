"""Reads for the reports app (the PDF and Word documents); reports/ reads meetings only through these."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from committees.choices import MemberRole
from committees.models import Member
from core import thaidate
from emeetings.presence import (  # e-meeting hook (issue 15)
    REMOTE_NOTE,
    report_querysets,
)
from meetings.choices import AttendanceStatus, MeetingState
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    Meeting,
    Minutes,
    Resolution,
)
from meetings.selectors.agenda_docs import agenda_document
from meetings.selectors.agenda_items import agenda
from meetings.selectors.attendance import attendance_rows
from meetings.selectors.minutes_docs import Person, minutes_document, minutes_of


def _office_position(position: str, agency: str, province_name: str) -> str:
    """A position with its office when the position alone does not say where ("หัวหน้ากลุ่ม… สนง.พมจ.สมุทรปราการ")."""
    position, agency = (position or "").strip(), (agency or "").strip()
    if agency and agency not in position and province_name not in position and province_name in agency:
        return f"{position} {agency}"
    return position


def minutes_for_report(meeting: Meeting) -> dict[str, Any]:
    """The minutes as printed (form 11): ``doc`` (``minutes_document``) plus what the printed form adds.

    ``present``/``absent``/``guests`` rows carry ``name``, ``position`` (with its office),
    ``role`` (the seat's role in the subcommittee: ประธานอนุกรรมการ …) and ``note``;
    ``items`` flag sections with nothing under them (printed "- ไม่มี -"); ``adoption_note``
    reads "รับรองในการประชุมครั้งที่ 2/2564 เมื่อวันที่ … (ระเบียบวาระที่ 2)".
    """
    doc = minutes_document(meeting)
    province_name = meeting.subcommittee.province.name_th
    present, absent, guests = [], [], []
    by_name: dict[str, str] = {}
    for att in attendance_rows(meeting):
        member = att.member
        if member is not None:
            role = member.get_role_display()
            if meeting.chair_member_id == member.pk and member.role != MemberRole.CHAIR:
                role = f"ประธานในที่ประชุม ({role})"
            position = _office_position(member.position, member.agency, province_name)
            by_name[member.full_name] = position
        if att.status == AttendanceStatus.PRESENT:
            note = REMOTE_NOTE if att.member_id in doc.extra.get("remote_ids", ()) else ""
            present.append({"name": member.full_name, "position": position, "role": role, "note": note})
        elif att.status == AttendanceStatus.STAND_IN:
            present.append(
                {
                    "name": att.person_name,
                    "position": att.person_position,
                    "role": role,
                    "note": f"มาประชุมแทน {position}",
                }
            )
        elif att.status == AttendanceStatus.ABSENT:
            absent.append({"name": member.full_name, "position": position, "role": role, "note": att.absence_reason})
        else:
            guests.append(
                {
                    "name": att.person_name,
                    "position": " ".join(p for p in (att.person_position, att.person_agency) if p),
                    "role": "",
                    "note": "",
                }
            )
    items = []
    entries = list(doc.items)
    for i, it in enumerate(entries):
        has_children = it.is_section and i + 1 < len(entries) and not entries[i + 1].is_section
        empty = not (has_children or it.discussion.strip() or it.resolution.strip())
        items.append({"item": it, "empty": empty})
    minutes = minutes_of(meeting)
    adoption_note = ""
    if minutes and minutes.is_adopted:
        from meetings.choices import AdoptionMethod

        on = thaidate.format_date(minutes.adopted_on) if minutes.adopted_on else ""
        under = minutes.adopted_under_item
        if under is not None:
            number = under.parent.order if under.parent_id else under.order
            adoption_note = f"รับรองในการประชุม{under.meeting.label} เมื่อวันที่ {on} (ระเบียบวาระที่ {number})"
        elif minutes.adoption_method == AdoptionMethod.CIRCULATION:
            adoption_note = f"รับรองโดยการเวียนเมื่อวันที่ {on}"
        else:
            adoption_note = f"รับรองในการประชุม{meeting.label} เมื่อวันที่ {on}"

    def signer(person: Person) -> dict[str, str]:
        position = by_name.get(person.name) or person.position
        if person.position and person.position not in position:
            position = person.position
        return {"name": person.name, "position": position}

    return {
        "doc": doc,
        "present": present,
        "absent": absent,
        "guests": guests,
        "items": items,
        "recorder": signer(doc.recorder),
        "checker": signer(doc.checker),
        "adoption_note": adoption_note,
    }


def agenda_for_report(meeting: Meeting) -> dict[str, Any]:
    """The agenda as printed: ``doc`` (``agenda_document``) plus each entry's papers as stored files."""
    doc = agenda_document(meeting)
    return {"doc": doc}


def meeting_report_querysets(meeting_id: int) -> tuple[QuerySet, ...]:
    """What the minutes, the agenda and the packet read (for the report fingerprint)."""
    return (
        Meeting.objects.filter(pk=meeting_id),
        AgendaItem.objects.filter(meeting_id=meeting_id),
        Attendance.objects.filter(meeting_id=meeting_id),
        Resolution.objects.filter(agenda_item__meeting_id=meeting_id),
        Minutes.objects.filter(meeting_id=meeting_id),
        Minutes.objects.filter(adopted_under_item__meeting_id=meeting_id),
        AgendaPaper.objects.filter(agenda_item__meeting_id=meeting_id),
        Member.objects.filter(attendance__meeting_id=meeting_id),
        *report_querysets(meeting_id),  # e-meeting hook (issue 15): mode, joins and leaves, recordings
    )


def fiscal_year_querysets_for_report(province) -> list[QuerySet]:
    """Fiscal years in which the province's subcommittee has a meeting that was not cancelled (to union)."""
    return [
        Meeting.objects.filter(subcommittee__province=province)
        .exclude(state=MeetingState.CANCELLED)
        .order_by()
        .values_list("fiscal_year", flat=True)
    ]


def fiscal_years_for_report(province) -> set[int]:
    """Fiscal years in which the province's subcommittee has a meeting that was not cancelled (one query)."""
    return set(fiscal_year_querysets_for_report(province)[0].distinct())


def packet_for_report(meeting: Meeting) -> dict[str, Any]:
    """What the meeting packet binds, in agenda order: the agenda, each item's papers (stored files),
    and the meetings whose minutes this meeting adopts (under item 2)."""
    entries = []
    to_adopt = []
    for s in agenda(meeting):
        if s.minutes_to_adopt_id:
            to_adopt.append((s, s.minutes_to_adopt))
        for it in [s, *s.subitems]:
            entries.append({"item": it, "number": it.number, "title": it.title, "papers": list(it.papers.all())})
    return {"agenda": agenda_for_report(meeting), "entries": entries, "minutes_to_adopt": to_adopt}


def packet_report_meeting_ids(meeting_id: int) -> list[int]:
    """The meetings whose minutes this meeting adopts (their minutes go into its packet)."""
    return list(
        AgendaItem.objects.filter(meeting_id=meeting_id, minutes_to_adopt__isnull=False).values_list(
            "minutes_to_adopt_id", flat=True
        )
    )


def meetings_for_report(subcommittee, fiscal_year: int, *, members: int) -> list[Meeting]:
    """The year's meetings (not cancelled) with attendance counts, quorum (``members`` seated) and their
    resolutions in agenda order (three queries)."""
    if subcommittee is None:
        return []
    items = AgendaItem.objects.filter(resolution__isnull=False).select_related("resolution", "parent").order_by("id")
    meetings = list(
        Meeting.objects.filter(subcommittee=subcommittee, fiscal_year=fiscal_year)
        .exclude(state=MeetingState.CANCELLED)
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT)),
            n_stand_in=Count("attendance", filter=Q(attendance__status=AttendanceStatus.STAND_IN)),
            n_absent=Count("attendance", filter=Q(attendance__status=AttendanceStatus.ABSENT)),
            n_guest=Count("attendance", filter=Q(attendance__status=AttendanceStatus.GUEST)),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=items, to_attr="resolved_items"))
        .order_by("starts_at")
    )
    for m in meetings:
        m.n_attending = m.n_present + m.n_stand_in
        m.has_quorum = bool(members) and m.n_attending * 2 >= members
        m.resolved_items.sort(key=lambda i: (i.parent.order if i.parent_id else i.order, i.order if i.parent_id else 0))
    return meetings


def meetings_year_querysets(*, province=None, fiscal_year: int) -> tuple[QuerySet, ...]:
    """What the annual report (a province) or the national summary (all) read of meetings."""
    meetings = Meeting.objects.filter(fiscal_year=fiscal_year)
    if province is not None:
        meetings = meetings.filter(subcommittee__province=province)
        return (
            meetings,
            AgendaItem.objects.filter(meeting__in=meetings),
            Attendance.objects.filter(meeting__in=meetings),
            Resolution.objects.filter(agenda_item__meeting__in=meetings),
        )
    return (meetings,)


HELD_STATES = (MeetingState.HELD, MeetingState.MINUTES_DRAFTED, MeetingState.CIRCULATED, MeetingState.ADOPTED)


def meetings_held_by_province(fiscal_year: int) -> dict[int, int]:
    """``{province id: meetings held}`` in a fiscal year (one grouped query)."""
    return dict(
        Meeting.objects.filter(fiscal_year=fiscal_year, state__in=HELD_STATES)
        .values_list("subcommittee__province")
        .annotate(n=Count("pk"))
        .order_by()
    )


def meeting_by_id_for_report(pk: int) -> Meeting:
    """One meeting for its documents; 404 when missing (scope is checked by the reports app)."""
    try:
        return Meeting.objects.select_related("subcommittee__province").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("ไม่พบการประชุม") from None
