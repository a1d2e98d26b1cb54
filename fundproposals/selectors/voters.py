"""Who may vote on a ballot: current members, who is present, who declared a conflict; live counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from committees.models import Member
from fundproposals.choices import BallotMode, BallotState, VoteMethod
from fundproposals.models import Ballot, Review, Vote


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
