"""Seats, reviews and ballots: a member's seat, a proposal's or an agenda item's ballots, and what the item page shows about deciding."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from committees.models import Member
from fundproposals.choices import BallotState
from fundproposals.models import Ballot, Proposal, Review, Vote


def member_seat(user, province_id: int) -> Member | None:
    """The user's current seat on the province's subcommittee, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    seat_id = user.access.seat_ids.get(province_id)
    if seat_id is None:
        return None
    # known from the access query already run for this request: no query. Other fields load
    # on first use (deferred), so the instance is never wrong, only lazy.
    return Member.from_db("default", ["id", "user_id"], [seat_id, user.pk])


def seat_in(province_id: int, member_id) -> Member | None:
    """A current seat of the province's subcommittee by id (the secretariat entering a vote for it)."""
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        return None
    return Member.objects.current().filter(pk=member_id, subcommittee__province_id=province_id).first()


def review_of(proposal: Proposal, seat: Member | None) -> Review | None:
    if seat is None:
        return None
    return next((r for r in proposal.reviews.all() if r.member_id == seat.pk), None)


def ballots_of(proposal: Proposal, *, votes: bool = True) -> list[Ballot]:
    """The proposal's ballots, newest first, with their agenda items (and, with ``votes``, every vote
    and its member: shown to the subcommittee only, so not read for anyone else)."""
    qs = (
        Ballot.objects.filter(proposal_id=proposal.pk)
        .select_related("agenda_item__meeting", "agenda_item__parent")
        .only(*_CARD_FIELDS)
        .order_by("-created_at", "-id")
    )
    if votes:
        shown = Vote.objects.select_related("member").only("ballot_id", "choice", "member__full_name")
        qs = qs.prefetch_related(Prefetch("votes", queryset=shown))
    return list(qs)


# What a ballot card shows (fundproposals/partials/ballot_card.html): the columns the page reads, no more.
_CARD_FIELDS = (
    "proposal_id",
    "province_id",
    "mode",
    "method",
    "state",
    "deadline",
    "tally",
    "result",
    "result_text",
    "created_at",
    "agenda_item__order",
    "agenda_item__withdrawn_at",
    "agenda_item__parent__order",
    "agenda_item__meeting__number",
    "agenda_item__meeting__number_year",
    "agenda_item__meeting__numbering_basis",
)


def open_ballot(proposal: Proposal) -> Ballot | None:
    return proposal.ballots.filter(state=BallotState.OPEN).first()


def ballot_for(user, pk: int) -> Ballot:
    """One ballot whose proposal the user may see; otherwise 404."""
    try:
        ballot = Ballot.objects.select_related(
            "proposal__province", "agenda_item__meeting__subcommittee", "agenda_item__parent"
        ).get(pk=pk)
    except (Ballot.DoesNotExist, ValueError):
        raise Http404("ไม่พบการลงมติ") from None
    from fundproposals.permissions import can_view_proposal

    if ballot.proposal_id is None:  # an agenda item's decision: whoever may read the province's meetings
        if not user.access.can_read_province(ballot.province_id):
            raise Http404("ไม่พบการลงมติ")
    elif not can_view_proposal(user, ballot.proposal):
        raise Http404("ไม่พบการลงมติ")
    return ballot


def item_ballots(item) -> list[Ballot]:
    """The decisions taken on an agenda item without a proposal, oldest first (one query)."""
    return list(Ballot.objects.filter(agenda_item=item, proposal__isnull=True).order_by("created_at", "pk"))


@dataclass
class ItemDecision:
    """What the item page shows about deciding an agenda item without a proposal, and who may do what."""

    ballots: list[Ballot]
    open: Ballot | None
    can_open: bool
    open_problem: str
    can_record: bool
    can_close: bool
    can_vote: bool
    see_votes: bool


def item_decision(user, item, *, hangers: tuple[list, list] | None = None) -> ItemDecision | None:
    """The decision of an agenda item that the room decides (a sub-item of section 5 or 6) and that
    carries no proposal (a proposal is voted on from its own page); ``None`` for any other item. Two queries,
    none when the item page passes ``hangers``: its proposals and every ballot on it (``item_hangers``)."""
    from fundproposals.choices import DEVICE_METHODS
    from fundproposals.permissions import (
        DECIDED_SECTIONS,
        can_close_ballot,
        can_open_item_ballot,
        can_record_votes,
        can_see_votes,
    )

    if item.parent_id is None or item.section_type not in DECIDED_SECTIONS:
        return None
    if hangers is not None:
        proposals, every_ballot = hangers
        if proposals:
            return None
        ballots = [b for b in every_ballot if b.proposal_id is None]
    else:
        if Proposal.objects.filter(agenda_item=item).exists():
            return None
        ballots = item_ballots(item)
    current = next((b for b in ballots if b.is_open), None)
    verdict = can_open_item_ballot(user, item, ballots=ballots, has_proposal=False)
    province_id = item.meeting.subcommittee.province_id
    return ItemDecision(
        ballots=ballots,
        open=current,
        can_open=bool(verdict),
        open_problem="" if verdict else verdict.reason,
        can_record=bool(current and can_record_votes(user, current)),
        can_close=bool(current and can_close_ballot(user, current)),
        can_vote=bool(current and current.method in DEVICE_METHODS and user.access.seat_ids.get(province_id)),
        see_votes=bool(can_see_votes(user, item.meeting.subcommittee)),
    )
