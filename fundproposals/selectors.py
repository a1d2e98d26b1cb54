"""Reads of fund proposals, starting from what the user may see.

National officers see every proposal; secretariat, chair, members and viewers
their provinces'; a proposer only the proposals they own. Another province's
proposal gives the same 404 as a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from committees.models import Member
from core.models import AuditEvent
from core.pillars import Pillar
from fundproposals.choices import BallotMode, BallotState, VoteMethod
from fundproposals.models import Ballot, Proposal, ProposalPillar, ProposalRevision, Review, Vote


def visible_proposals(user) -> QuerySet[Proposal]:
    access = user.access
    qs = Proposal.objects.all()
    if access.is_national:
        return qs
    return qs.filter(Q(province_id__in=access.readable_province_ids() or set()) | Q(proposer=user))


def proposal_list(user, *, filters: dict | None = None) -> QuerySet[Proposal]:
    """Visible proposals with what the list shows (constant queries whatever the number of rows)."""
    f = filters or {}
    qs = visible_proposals(user).select_related("province", "proposer").prefetch_related("pillar_rows")
    if f.get("province"):
        qs = qs.filter(province=f["province"])
    if f.get("fiscal_year"):
        qs = qs.filter(fiscal_year=f["fiscal_year"])
    if f.get("state"):
        qs = qs.filter(state=f["state"])
    if f.get("pillar"):
        qs = qs.filter(pillar_rows__pillar=f["pillar"])
    if f.get("organisation_type"):
        qs = qs.filter(organisation_type=f["organisation_type"])
    if f.get("q"):
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(code__icontains=f["q"]) | Q(organisation__icontains=f["q"]))
    return qs.order_by("-fiscal_year", "province__code", "-id")


@dataclass(frozen=True)
class PillarTotal:
    pillar: str
    label: str
    proposals: int
    requested: object
    recommended: object
    approved: object


def totals_by_pillar(proposals: QuerySet[Proposal]) -> list[PillarTotal]:
    """Requested, recommended and approved amounts per pillar, summed in the database (one query).

    A proposal tagged with two pillars counts in both rows, as the fund's reports do.
    """
    rows = (
        ProposalPillar.objects.filter(proposal__in=proposals.order_by().values("pk"))
        .values("pillar")
        .annotate(
            n=Count("pk"),  # one row per (proposal, pillar) by constraint: no DISTINCT (and its sort) needed
            requested=Sum("proposal__requested_amount"),
            recommended=Sum("proposal__recommended_amount"),
            approved=Sum("proposal__fund_approved_amount"),
        )
    )
    by = {r["pillar"]: r for r in rows}
    return [
        PillarTotal(
            p.value,
            p.label,
            by.get(p.value, {}).get("n", 0),
            by.get(p.value, {}).get("requested"),
            by.get(p.value, {}).get("recommended"),
            by.get(p.value, {}).get("approved"),
        )
        for p in Pillar
    ]


def proposal_for(user, pk: int, *, detail: bool = False) -> Proposal:
    """One visible proposal (with everything its page shows when ``detail``); otherwise 404."""
    qs = visible_proposals(user).select_related("province", "proposer", "previous_project")
    if detail:
        qs = qs.select_related("agenda_item__meeting__subcommittee", "agenda_item__parent", "agenda_item__resolution")
        if connection.vendor == "postgresql":
            # the pillars in the proposal's own row (an array), not a query of their own (issue #12)
            pillars = ProposalPillar.objects.filter(proposal=OuterRef("pk")).order_by("pillar").values("pillar")
            qs = qs.annotate(pillar_codes=ArraySubquery(pillars))
        else:  # the embedded SQLite default has no arrays: one query more
            qs = qs.prefetch_related("pillar_rows")
        qs = qs.prefetch_related(
            "activities",
            "budget_lines",
            Prefetch("attachments", queryset=_attachments()),
            Prefetch("reviews", queryset=Review.objects.select_related("member", "author")),
        )
    try:
        return qs.get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("ไม่พบโครงการ") from None


def _attachments():
    from fundproposals.models import Attachment

    return Attachment.objects.select_related("uploaded_by")


def attachment_for(user, proposal_pk: int, pk: int):
    proposal = proposal_for(user, proposal_pk)
    try:
        return proposal.attachments.get(pk=pk)
    except Exception:
        raise Http404("ไม่พบไฟล์") from None


def timeline(proposal: Proposal) -> QuerySet[AuditEvent]:
    """Every recorded change of the proposal but the votes, oldest first: who, when, what and why."""
    ct = ContentType.objects.get_for_model(Proposal)
    return (
        AuditEvent.objects.filter(target_type=ct, target_id=str(proposal.pk))
        # who voted what is shown with the ballot, to the subcommittee only: votes never leave the database
        .exclude(action="ballot.vote")
        .select_related("actor")
        .order_by("at", "id")
    )


def revisions(proposal: Proposal) -> QuerySet[ProposalRevision]:
    return proposal.revisions.select_related("submitted_by").order_by("number")


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


def ballots_of(proposal: Proposal) -> list[Ballot]:
    return list(
        proposal.ballots.select_related("agenda_item__meeting", "agenda_item__parent", "opened_by", "closed_by")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("member")))
        .order_by("-created_at", "-id")
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


# --- who may vote ---------------------------------------------------------


def votes_with_seats(ballot: Ballot, seat_ids: set[int], votes: list[Vote] | None = None) -> dict[int, Member]:
    """The ballot's votes and the seats a page lists (``seat_ids``), in one query.

    Reads every member who is in ``seat_ids`` or has a vote on the ballot, each with that vote;
    fills ``ballot.votes`` (as a prefetch would, in the votes' order) and returns the listed seats
    by id in seating order. Members carry their id, name and seat order only (what the pages show).
    ``votes`` given (a secret ballot has none): no query for them. Show-of-hands counts are loaded
    too when the ballot is taken that way.
    """
    from django.db.models import OuterRef, Subquery, prefetch_related_objects

    if ballot.method == VoteMethod.SHOW_OF_HANDS:
        prefetch_related_objects([ballot], "hand_counts")
    if votes is not None and not seat_ids:
        found: list[Vote] = list(votes)
        seats: dict[int, Member] = {}
    else:
        own = Vote.objects.filter(ballot_id=ballot.pk, member_id=OuterRef("pk"))
        voters = Vote.objects.filter(ballot_id=ballot.pk).values("member_id")
        rows = (
            Member.objects.filter(Q(pk__in=list(seat_ids)) | Q(pk__in=voters))
            .only("id", "full_name", "order")
            .annotate(
                vote_id=Subquery(own.values("pk")[:1]),
                vote_choice=Subquery(own.values("choice")[:1]),
                vote_channel=Subquery(own.values("channel")[:1]),
                vote_cast_by=Subquery(own.values("cast_by_id")[:1]),
            )
            .order_by("order", "id")
        )
        found, seats = [], {}
        for m in rows:
            if m.pk in seat_ids:
                seats[m.pk] = m
            if m.vote_id is not None:
                vote = Vote(
                    pk=m.vote_id,
                    ballot=ballot,
                    member=m,
                    choice=m.vote_choice,
                    channel=m.vote_channel,
                    cast_by_id=m.vote_cast_by,
                )
                vote._state.adding, vote._state.db = False, m._state.db
                found.append(vote)
        found.sort(key=lambda v: (v.member.order, v.pk))
    cached = Vote.objects.filter(ballot_id=ballot.pk)  # a further filter on it still asks the database
    cached._result_cache, cached._prefetch_done = found, True
    ballot._prefetched_objects_cache = {**getattr(ballot, "_prefetched_objects_cache", {}), "votes": cached}
    return seats


def current_member_ids(province_id: int) -> set[int]:
    return set(Member.objects.current().filter(subcommittee__province_id=province_id).values_list("pk", flat=True))


def present_ids(meeting) -> set[int]:
    """Members present at the meeting (present or represented by a stand-in): the meetings app's rule."""
    from meetings.selectors import present_member_ids

    return set(present_member_ids(meeting))


def conflicted_ids(ballot: Ballot) -> set[int]:
    """Members with a declared conflict: in their review of the proposal, or on the agenda item."""
    ids = set()
    if ballot.proposal_id:
        ids = set(
            Review.objects.filter(proposal_id=ballot.proposal_id, has_conflict=True).values_list("member_id", flat=True)
        )
    if ballot.agenda_item_id:
        from meetings.models import ConflictOfInterest

        ids |= set(
            ConflictOfInterest.objects.filter(agenda_item_id=ballot.agenda_item_id).values_list("member_id", flat=True)
        )
    return ids


@dataclass(frozen=True)
class Electorate:
    members: set[int]
    """Current members of the subcommittee."""
    present: set[int]
    """Present at the meeting (meeting ballots) or every current member (circulation)."""
    conflicted: set[int]

    @property
    def eligible(self) -> set[int]:
        return (self.present & self.members) - self.conflicted


def electorate(ballot: Ballot, *, also: dict | None = None) -> Electorate:
    """Who may vote on the ballot, in one query (a tagged UNION ALL of the rules above).

    The rules stay where they are (current members, ``meetings.selectors`` for who is present,
    reviews and declared conflicts); only their round trips are folded into one.
    ``also``: ``{name: (queryset, id field)}`` read in the same query; each set of ids is put on the ballot
    as ``name`` (the secret-vote hook uses it to read its state after an entry's lock).
    """
    from django.db.models import IntegerField, Subquery, Value

    from meetings.models import AgendaItem, ConflictOfInterest
    from meetings.selectors import present_member_querysets

    def tagged(qs, tag: int, field: str = "member_id"):
        return qs.annotate(tag=Value(tag, output_field=IntegerField())).values_list("tag", field).order_by()

    meeting_ballot = ballot.mode == BallotMode.MEETING
    parts = [tagged(Member.objects.current().filter(subcommittee__province_id=ballot.province_id), 0, "pk")]
    if meeting_ballot:
        meeting = Subquery(AgendaItem.objects.filter(pk=ballot.agenda_item_id).values("meeting_id"))
        parts += [tagged(qs, 1) for qs in present_member_querysets(meeting)]
    parts.append(tagged(Review.objects.filter(proposal_id=ballot.proposal_id, has_conflict=True), 2))
    if ballot.agenda_item_id:
        parts.append(tagged(ConflictOfInterest.objects.filter(agenda_item_id=ballot.agenda_item_id), 2))
    extra = list((also or {}).items())
    parts += [tagged(qs, 3 + i, field) for i, (_, (qs, field)) in enumerate(extra)]
    found: list[set[int]] = [set() for _ in range(3 + len(extra))]
    for tag, member_id in parts[0].union(*parts[1:], all=True):
        found[tag].add(member_id)
    for i, (name, _) in enumerate(extra):
        setattr(ballot, name, found[3 + i])
    members, present, conflicted = found[:3]
    return Electorate(members=members, present=present if meeting_ballot else set(members), conflicted=conflicted)


def circulated_to_report(meeting) -> list[Ballot]:
    """Closed circulated votes of the meeting's province not yet reported at a meeting (for เรื่องเพื่อทราบ)."""
    return list(
        Ballot.objects.filter(
            mode=BallotMode.CIRCULATION,
            state=BallotState.CLOSED,
            reported_under_item__isnull=True,
            proposal__province_id=meeting.subcommittee.province_id,
            closed_at__lt=meeting.starts_at,
        )
        .select_related("proposal")
        .order_by("closed_at", "pk")
    )


def members_by_id(ids) -> dict[int, Member]:
    """Seats by id in seating order (one query): the entry sheet and the recused list."""
    return {m.pk: m for m in Member.objects.filter(pk__in=ids).order_by("order", "id")}


def live_counts(ballot: Ballot) -> dict[str, int]:
    """Votes so far per choice (one grouped query)."""
    return dict(ballot.votes.values_list("choice").annotate(n=Count("id")).order_by())


# --- Reads for the reports app (the กปค.01 PDF, the annual report, the national summary). ---


def proposal_for_report(pk: int) -> Proposal:
    """One proposal with everything its กปค.01 prints (pillars, activities, budget lines, attachments,
    the meeting item that decided it); 404 when missing. Scope is checked by the reports app."""
    try:
        return (
            Proposal.objects.select_related(
                "province", "proposer", "previous_project", "agenda_item__meeting", "agenda_item__parent"
            )
            .prefetch_related("pillar_rows", "activities", "budget_lines", "attachments")
            .get(pk=pk)
        )
    except Proposal.DoesNotExist:
        raise Http404("ไม่พบโครงการ") from None


def proposal_report_querysets(pk: int) -> tuple[QuerySet, ...]:
    """What the กปค.01 PDF reads (for the report fingerprint; rows without ``updated_at`` by content)."""
    from fundproposals.models import Activity, Attachment, BudgetLine

    return (
        Proposal.objects.filter(pk=pk),
        ProposalPillar.objects.filter(proposal_id=pk),
        Attachment.objects.filter(proposal_id=pk),
    ), (Activity.objects.filter(proposal_id=pk), BudgetLine.objects.filter(proposal_id=pk))


def fiscal_year_querysets_for_report(province) -> list[QuerySet]:
    """Fiscal years in which the province has a proposal sent to the subcommittee (drafts do not count)."""
    from fundproposals.choices import ProposalState

    return [
        Proposal.objects.filter(province=province)
        .exclude(state=ProposalState.DRAFT)
        .order_by()
        .values_list("fiscal_year", flat=True)
    ]


def fiscal_years_for_report(province) -> set[int]:
    return set(fiscal_year_querysets_for_report(province)[0].distinct())


def proposals_for_report(**filters) -> QuerySet[Proposal]:
    """Proposals a report counts: every one sent to the subcommittee (drafts never were)."""
    from fundproposals.choices import ProposalState

    return Proposal.objects.filter(**filters).exclude(state=ProposalState.DRAFT)


def multi_pillar_count(proposals: QuerySet[Proposal]) -> int:
    """How many of these proposals are tagged with more than one pillar (one query)."""
    return (
        ProposalPillar.objects.filter(proposal__in=proposals.order_by().values("pk"))
        .values("proposal")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )


def proposal_year_querysets(**filters) -> tuple[QuerySet, ...]:
    """What the annual report / national summary read of proposals (for the report fingerprint)."""
    prefixed = {f"proposal__{k}": v for k, v in filters.items()}
    return (Proposal.objects.filter(**filters), ProposalPillar.objects.filter(**prefixed))


def own_proposal_ids(user) -> QuerySet:
    """Ids of the proposals this user proposed (a proposer reads the กปค.01 of their own)."""
    return Proposal.objects.filter(proposer_id=user.pk).values("pk")


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


def item_decision(user, item) -> ItemDecision | None:
    """The decision of an agenda item that the room decides (a sub-item of section 5 or 6) and that
    carries no proposal (a proposal is voted on from its own page); ``None`` for any other item. Two queries."""
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
