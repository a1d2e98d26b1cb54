"""Who sits on the meeting's date, who is counted present, and the quorum of a meeting or an item."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from committees.models import Member
from emeetings.presence import (  # e-meeting hook (issue 15)
    checked_in_member_ids,
    left_member_ids,
)
from meetings.choices import AttendanceStatus
from meetings.models import (
    AgendaItem,
    Attendance,
    ConflictOfInterest,
    Meeting,
)
from meetings.quorum import Quorum, quorum


def current_members(meeting: Meeting) -> list[Member]:
    """Members whose term covers the meeting's date, in seating order."""
    day = timezone.localtime(meeting.starts_at).date()
    return list(Member.objects.current(on=day).filter(subcommittee_id=meeting.subcommittee_id).order_by("order", "id"))


def current_members_present(meeting: Meeting) -> list[Member]:
    """``current_members`` with ``is_present`` on each (counted present as ``present_member_ids`` counts):
    one query instead of two."""
    from django.db.models import Exists, OuterRef, Q

    day = timezone.localtime(meeting.starts_at).date()
    present = Q()
    for qs in present_member_querysets(meeting):
        present |= Exists(qs.filter(member_id=OuterRef("pk")))
    return list(
        Member.objects.current(on=day)
        .filter(subcommittee_id=meeting.subcommittee_id)
        .annotate(is_present=present)
        .order_by("order", "id")
    )


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(Attendance.objects.filter(meeting=meeting).select_related("member").order_by("order", "id"))


def present_member_querysets(meeting) -> list[QuerySet]:
    """The querysets (``member_id`` values) whose union is who is counted present; ``meeting`` may be an id.

    Other apps union them into a bigger query (the electorate of a vote, in one query)."""
    return [
        Attendance.objects.filter(
            meeting=meeting,
            member__isnull=False,
            status__in=[AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN],
        )
        .exclude(member_id__in=left_member_ids(meeting))  # e-meeting hook (issue 15): checked in, then left
        .values_list("member_id", flat=True)
        .order_by(),
        checked_in_member_ids(meeting),  # e-meeting hook (issue 15): verified remote members count as present
    ]


def present_member_ids(meeting: Meeting) -> set[int]:
    """Ids of members counted present (in person or by a stand-in). Other apps use it to know who may vote."""
    first, *rest = present_member_querysets(meeting)
    return set(first.union(*rest))


def quorum_from(member_ids: set[int], present_ids: set[int], recused_ids: set[int] = frozenset()) -> Quorum:
    present = present_ids & member_ids
    recused = recused_ids & member_ids
    return quorum(
        current_members=len(member_ids),
        present=len(present),
        recused_present=len(recused & present),
        recused_absent=len(recused - present),
    )


def meeting_quorum(meeting: Meeting, *, present_ids: set[int] | None = None) -> Quorum:
    """Quorum of the meeting: current members on its date, present incl. stand-ins."""
    member_ids = {m.pk for m in current_members(meeting)}
    return quorum_from(member_ids, present_member_ids(meeting) if present_ids is None else present_ids)


def item_quorum(agenda_item: AgendaItem, *, members: list[Member] | None = None, recused=None) -> Quorum:
    """Quorum for one item: current members less those with a declared conflict in it (they neither count nor vote).

    Other apps rely on it to decide whether a vote on the item may be taken. The item page passes what it
    has read: ``members`` from ``current_members_present`` and ``recused``, the ids of the item's conflicts.
    """
    meeting = agenda_item.meeting
    if recused is None:
        recused = set(ConflictOfInterest.objects.filter(agenda_item=agenda_item).values_list("member_id", flat=True))
    if members is not None:
        return quorum_from({m.pk for m in members}, {m.pk for m in members if m.is_present}, set(recused))
    member_ids = {m.pk for m in current_members(meeting)}
    return quorum_from(member_ids, present_member_ids(meeting), set(recused))
