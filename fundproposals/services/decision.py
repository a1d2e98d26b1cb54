"""How a decision is entered, whichever way the room decides (one model: a ballot and its entries).

- ``devices``: each member votes on their own device (``cast_vote``);
- ``mixed``: as ``devices``, and the secretariat enters the vote of members
  without a device (``record_vote``); a member's own vote locks the secretariat
  out for that member and replaces an earlier entry made for them;
- ``roll_call``: the secretariat enters each present member's vote (``record_vote``);
- ``show_of_hands``: the secretariat enters the counts (``record_hand_count``);
- ``consensus``: nothing is counted; the decision is named when the vote closes.

Who may enter is ``permissions.can_cast_vote`` / ``can_record_votes``; quorum is
``meetings.quorum``; the count is ``fundproposals.tally``. Every entry locks the
ballot row first, so entries for one member, and entries and the close, are
ordered: exactly one vote per member, none lost.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

import ledger.services  # ledger hook (issue 15)
from committees.models import Member
from core import audit
from emeetings import secret  # secret-vote hook (issue 15)
from fundproposals import selectors
from fundproposals.choices import BallotState, VoteChannel, VoteChoice, VoteMethod
from fundproposals.models import Ballot, HandCount, Vote
from fundproposals.permissions import can_cast_vote, can_record_votes
from fundproposals.tally import CastingVoteInvalid, Tally, count

VOTE_CLOSED = gettext_noop("การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้")
VOTE_PAST_DEADLINE = gettext_noop("พ้นกำหนดเวลาลงมติแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้")
OWN_VOTE_LOCKS = gettext_noop("{name} ลงมติด้วยตนเองแล้ว ฝ่ายเลขานุการบันทึกแทนไม่ได้")


def counted_votes(ballot: Ballot, electorate) -> list[Vote]:
    """Per-member entries that count: those of eligible members (present, current, not recused)."""
    if ballot.method in (VoteMethod.CONSENSUS, VoteMethod.SHOW_OF_HANDS):
        return []
    return [v for v in ballot.votes.all() if v.member_id in electorate.eligible]


def latest_hand_count(ballot: Ballot) -> HandCount | None:
    """The count the secretariat entered last (uses the prefetch when there is one)."""
    rows = list(ballot.hand_counts.all())
    return max(rows, key=lambda h: (h.entered_at, h.pk)) if rows else None


def choices(ballot: Ballot, votes: list[Vote]) -> list[str]:
    """The choices the tally counts, however they were entered (the one place a secret mode would change)."""
    if ballot.method == VoteMethod.SHOW_OF_HANDS:
        hands = latest_hand_count(ballot)
        if hands is None:
            return []
        return [choice for choice, n in hands.counts.items() for _ in range(n)]
    return [v.choice for v in votes]


def tally_of(ballot: Ballot, electorate, votes: list[Vote], *, casting_vote: str = "", consensus: str = "") -> Tally:
    """Count the ballot. A consensus has no counts: its result is the decision the room reached."""
    if ballot.method == VoteMethod.CONSENSUS:
        empty = count(())
        return Tally(counts=empty.counts, abstain=0, leading=(consensus,) if consensus else (), result=consensus)
    try:
        return count(choices(ballot, votes), casting_vote=casting_vote)
    except CastingVoteInvalid as exc:
        raise ValidationError(str(exc)) from None


def _lock_open(ballot_id: int, seat_ids=()) -> Ballot:
    """Lock the ballot row (only it) and read, in the same query, what does not change under its lock: its
    proposal and province, its agenda item, and (``seat_ids``: the seats whose entry this is) that seat's
    name in the ballot's province.

    What other entries change under the same lock (votes, receipts, whether the vote is secret) is read
    by a later statement (``_fresh_electorate``): a statement that waited for the lock still sees, in its
    subqueries, the data from before the other transaction committed.
    """
    from django.db.models import OuterRef, Subquery

    qs = Ballot.objects.select_for_update(of=("self",)).select_related("proposal__province", "agenda_item")
    if seat_ids:
        seat = Member.objects.filter(pk__in=list(seat_ids), subcommittee__province_id=OuterRef("province_id"))
        qs = qs.annotate(
            seat_id=Subquery(seat.values("pk")[:1]),
            seat_name=Subquery(seat.values("full_name")[:1]),
            seat_user_id=Subquery(seat.values("user_id")[:1]),
        )
    ballot = qs.get(pk=ballot_id)
    if ballot.state != BallotState.OPEN:
        raise ValidationError(_(VOTE_CLOSED))
    if ballot.deadline and timezone.now() >= ballot.deadline:
        raise ValidationError(_(VOTE_PAST_DEADLINE))
    if ballot.agenda_item_id and ballot.agenda_item.withdrawn_at:
        raise ValidationError(_("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้"))
    return ballot


def _subject(ballot: Ballot):
    """What an entry is about, for its audit record: the proposal (read with the ballot's lock), or the
    agenda item (``.province`` set on both)."""
    if ballot.proposal_id:
        return ballot.proposal
    from meetings.models import AgendaItem

    item = AgendaItem.objects.select_related("meeting__subcommittee__province", "parent").get(pk=ballot.agenda_item_id)
    item.province = item.meeting.subcommittee.province
    return item


def _audit_vote(*, actor, proposal, member, before: str | None, choice: str, channel: str) -> None:
    if before != choice:
        audit.record(
            actor=actor,
            action="ballot.vote",
            target=proposal,
            province=proposal.province,
            changes={"vote": [before, choice], "member": [None, member.full_name], "channel": [None, channel]},
        )


def _fresh_electorate(ballot: Ballot, seat_ids=()):
    """After the lock: the electorate, and in the same query whether the vote is secret and which of
    ``seat_ids`` already hold a secret receipt (the secret-vote hook, issue 15)."""
    ballot.electorate = selectors.electorate(ballot, also=secret.fresh_parts(ballot.pk, seat_ids))
    return ballot.electorate


def _seat(ballot: Ballot) -> Member | None:
    """The seat ``_lock_open(…, seat_ids)`` read with the ballot (its id, name and user)."""
    if getattr(ballot, "seat_id", None) is None:
        return None
    return Member.from_db(
        "default", ["id", "full_name", "user_id"], [ballot.seat_id, ballot.seat_name, ballot.seat_user_id]
    )


def _keep_votes(ballot: Ballot, votes: list[Vote]) -> None:
    """Hand the ballot's votes, as just read and written under its lock, to the page that answers the entry."""
    cached = Vote.objects.filter(ballot_id=ballot.pk)  # a further filter on it still asks the database
    cached._result_cache, cached._prefetch_done = votes, True
    ballot._prefetched_objects_cache = {**getattr(ballot, "_prefetched_objects_cache", {}), "votes": cached}


def _write_vote(*, ballot: Ballot, seat, existing: Vote | None, choice: str, actor, channel: str) -> Vote:
    """One row per (ballot, member): update the member's row or add it (one query; the ballot's lock orders
    every entry for the ballot, and the unique constraint stays the last word)."""
    vote = existing or Vote(ballot=ballot, member=seat)
    vote.ballot, vote.member = ballot, seat  # the locked ballot (and what it carries) goes back to the view
    vote.choice, vote.cast_by, vote.channel = choice, actor, channel
    if existing:
        vote.save(update_fields=["choice", "cast_by", "channel", "updated_at"])
    else:
        vote.save(force_insert=True)
    return vote


def cast_vote(*, actor, ballot_id: int, choice: str) -> Vote:
    """Cast or change the actor's own vote (devices and mixed); refused once the ballot is closed.

    The unique (ballot, member) constraint makes a double submission change the
    one row instead of adding another; a vote entered for the member by the
    secretariat is replaced by the member's own.
    """
    if choice not in VoteChoice.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    with transaction.atomic():
        # the actor's seats come from the access query the permission check runs anyway
        seat_ids = list(actor.access.seat_ids.values()) if getattr(actor, "is_authenticated", False) else []
        ballot = _lock_open(ballot_id, seat_ids)
        proposal = _subject(ballot)
        seat = selectors.member_seat(actor, ballot.province_id)
        _fresh_electorate(ballot, seat_ids)  # kept on the ballot for the page that answers the vote
        verdict = can_cast_vote(actor, ballot, seat=seat, electorate=ballot.electorate)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if secret.is_secret(ballot):  # secret-vote hook (issue 15)
            return secret.cast(actor=actor, ballot=ballot, seat=seat, choice=choice, proposal=proposal)
        seat = _seat(ballot)
        votes = list(Vote.objects.filter(ballot_id=ballot.pk))  # every vote, read after the lock
        existing = next((v for v in votes if v.member_id == seat.pk), None)
        before = existing.choice if existing else None
        vote = _write_vote(
            ballot=ballot, seat=seat, existing=existing, choice=choice, actor=actor, channel=VoteChannel.DEVICE
        )
        _keep_votes(ballot, [v for v in votes if v.pk != vote.pk] + [vote])
        ledger.services.append(kind="vote", record=vote, actor=actor)  # ledger hook (issue 15)
        _audit_vote(actor=actor, proposal=proposal, member=seat, before=before, choice=choice, channel="device")
    return vote


def record_vote(*, actor, ballot_id: int, member_id: int, choice: str) -> Vote:
    """The secretariat enters a present member's vote (roll call, or mixed for a member without a device)."""
    if choice not in VoteChoice.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        member_id = None
    with transaction.atomic():
        ballot = _lock_open(ballot_id, [member_id] if member_id is not None else ())
        proposal = _subject(ballot)
        verdict = can_record_votes(actor, ballot)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if ballot.method not in (VoteMethod.ROLL_CALL, VoteMethod.MIXED):
            raise ValidationError(_("วิธีลงมตินี้ไม่บันทึกการลงมติรายบุคคล"))
        electorate = _fresh_electorate(ballot)  # kept on the ballot for the sheet that answers the entry
        if secret.is_secret(ballot):  # secret-vote hook (issue 15)
            raise ValidationError(_("การลงมติลับ อนุกรรมการต้องลงมติด้วยตนเอง ฝ่ายเลขานุการบันทึกแทนไม่ได้"))
        # the electorate holds the province's current seats: a seat outside it is refused
        member = _seat(ballot) if member_id in electorate.members else None
        if member is None:
            raise ValidationError(_("ไม่พบอนุกรรมการท่านนี้ในคณะอนุกรรมการชุดปัจจุบัน"))
        if member.pk in electorate.conflicted:
            raise ValidationError(_("%(name)s มีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ") % {"name": member.full_name})
        if member.pk not in electorate.present:
            raise ValidationError(_("%(name)s ไม่ได้อยู่ในที่ประชุม จึงบันทึกการลงมติแทนไม่ได้") % {"name": member.full_name})
        # every vote and the seats the sheet lists, read after the lock (and kept for the sheet)
        ballot.seats = selectors.votes_with_seats(
            ballot, electorate.eligible | (electorate.conflicted & electorate.members)
        )
        votes = list(ballot.votes.all())
        existing = next((v for v in votes if v.member_id == member.pk), None)
        if existing and existing.channel == VoteChannel.DEVICE:
            raise ValidationError(_(OWN_VOTE_LOCKS).format(name=member.full_name))
        before = existing.choice if existing else None
        vote = _write_vote(
            ballot=ballot, seat=member, existing=existing, choice=choice, actor=actor, channel=VoteChannel.SECRETARIAT
        )
        vote.member = ballot.seats.get(member.pk, member)
        kept = [v for v in votes if v.pk != vote.pk] + [vote]
        _keep_votes(ballot, sorted(kept, key=lambda v: (v.member.order, v.pk)))
        ledger.services.append(kind="vote", record=vote, actor=actor)  # ledger hook (issue 15)
        _audit_vote(actor=actor, proposal=proposal, member=member, before=before, choice=choice, channel="secretariat")
    return vote


def record_hand_count(*, actor, ballot_id: int, counts: dict[str, int]) -> HandCount:
    """The secretariat enters a show of hands: refused when negative or above the present, non-recused members."""
    clean: dict[str, int] = {}
    for choice in VoteChoice.values:
        raw = counts.get(choice, 0)
        try:
            n = int(raw or 0)
        except (TypeError, ValueError):
            raise ValidationError(
                _("จำนวนเสียง “%(choice)s” ต้องเป็นตัวเลข") % {"choice": VoteChoice(choice).label}
            ) from None
        if n < 0:
            raise ValidationError(_("จำนวนเสียง “%(choice)s” ต้องไม่ติดลบ") % {"choice": VoteChoice(choice).label})
        clean[choice] = n
    with transaction.atomic():
        ballot = _lock_open(ballot_id)
        proposal = _subject(ballot)
        verdict = can_record_votes(actor, ballot)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if ballot.method != VoteMethod.SHOW_OF_HANDS:
            raise ValidationError(_("วิธีลงมตินี้ไม่ใช่การยกมือ จึงบันทึกจำนวนเสียงไม่ได้"))
        eligible = len(_fresh_electorate(ballot).eligible)  # kept on the ballot for the sheet
        total = sum(clean.values())
        if total > eligible:
            raise ValidationError(
                _("จำนวนเสียงรวม %(total)s เสียง เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (%(eligible)s คน)")
                % {"total": total, "eligible": eligible}
            )
        hands = HandCount(ballot=ballot, counts=clean, entered_by=actor)
        hands.full_clean(exclude=["ballot", "entered_by"])  # the locked ballot and the actor: no lookups
        hands.save()
        audit.record(
            actor=actor,
            action="ballot.hands",
            target=proposal,
            province=proposal.province,
            changes={"counts": [None, clean]},
        )
    return hands
