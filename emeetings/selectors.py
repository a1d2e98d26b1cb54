"""Reads of an electronic meeting, starting from the meeting the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from emeetings.models import CheckIn, FaultReport, Recording, TrafficEvent
from meetings.selectors import meeting_for


def emeeting_for(user, pk: int):
    """The meeting, scoped like the meetings pages (another province's gives the same 404)."""
    return meeting_for(user, pk)


def checkins(meeting) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(meeting=meeting)
        .select_related("member", "user", "vouched_by")
        .order_by("verified_at", "id")
    )


def traffic(meeting) -> list[TrafficEvent]:
    return list(
        TrafficEvent.objects.filter(meeting=meeting).select_related("member", "recorded_by").order_by("at", "id")
    )


def faults(meeting) -> list[FaultReport]:
    return list(FaultReport.objects.filter(meeting=meeting).select_related("reported_by").order_by("at", "id"))


def recordings(meeting) -> list[Recording]:
    return list(Recording.objects.filter(meeting=meeting).select_related("uploaded_by").order_by("created_at", "id"))


def recording_for(user, pk: int) -> Recording:
    from django.http import Http404

    rec = Recording.objects.select_related("meeting").filter(pk=pk).first()
    if rec is None:
        raise Http404("ไม่พบไฟล์")
    emeeting_for(user, rec.meeting_id)
    return rec


@dataclass(frozen=True)
class Counts:
    room: int
    remote: int
    present_now: int


def counts(rows: list[CheckIn]) -> Counts:
    return Counts(
        room=sum(1 for c in rows if c.location == "room"),
        remote=sum(1 for c in rows if c.location == "remote"),
        present_now=sum(1 for c in rows if c.present),
    )


def open_ballots(meeting):
    """The meeting's open ballots, each flagged ``is_secret`` (one query)."""
    from django.db.models import Exists, OuterRef

    from emeetings.models import SecretBallot
    from fundproposals.models import Ballot

    return (
        Ballot.objects.filter(agenda_item__meeting=meeting, state="open")
        .select_related("proposal__province", "agenda_item")
        .annotate(is_secret=Exists(SecretBallot.objects.filter(ballot=OuterRef("pk"))))
        .order_by("id")
    )
