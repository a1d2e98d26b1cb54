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

import ledger.services  # ledger hook (issue 15)
from core import audit
from emeetings import secret  # secret-vote hook (issue 15)
from fundproposals import selectors
from fundproposals.choices import BallotState, VoteChannel, VoteChoice, VoteMethod
from fundproposals.models import Ballot, HandCount, Proposal, Vote
from fundproposals.permissions import can_cast_vote, can_record_votes
from fundproposals.tally import CastingVoteInvalid, Tally, count

VOTE_CLOSED = "การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"
VOTE_PAST_DEADLINE = "พ้นกำหนดเวลาลงมติแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"
OWN_VOTE_LOCKS = "{name} ลงมติด้วยตนเองแล้ว ฝ่ายเลขานุการบันทึกแทนไม่ได้"


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


def _lock_open(ballot_id: int) -> Ballot:
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if ballot.state != BallotState.OPEN:
        raise ValidationError(VOTE_CLOSED)
    if ballot.deadline and timezone.now() >= ballot.deadline:
        raise ValidationError(VOTE_PAST_DEADLINE)
    if ballot.agenda_item_id:
        from meetings.models import AgendaItem

        if AgendaItem.objects.filter(pk=ballot.agenda_item_id, withdrawn_at__isnull=False).exists():
            raise ValidationError(_("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้"))
    return ballot


def _subject(ballot: Ballot):
    """What an entry is about, for its audit record: the proposal, or the agenda item (``.province`` set on both)."""
    if ballot.proposal_id:
        return Proposal.objects.select_related("province").get(pk=ballot.proposal_id)
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


def cast_vote(*, actor, ballot_id: int, choice: str) -> Vote:
    """Cast or change the actor's own vote (devices and mixed); refused once the ballot is closed.

    The unique (ballot, member) constraint makes a double submission change the
    one row instead of adding another; a vote entered for the member by the
    secretariat is replaced by the member's own.
    """
    if choice not in VoteChoice.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    with transaction.atomic():
        ballot = _lock_open(ballot_id)
        proposal = _subject(ballot)
        seat = selectors.member_seat(actor, ballot.province_id)
        verdict = can_cast_vote(actor, ballot, seat=seat, electorate=selectors.electorate(ballot))
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if secret.is_secret(ballot):  # secret-vote hook (issue 15)
            return secret.cast(actor=actor, ballot=ballot, seat=seat, choice=choice, proposal=proposal)
        before = Vote.objects.filter(ballot=ballot, member=seat).values_list("choice", flat=True).first()
        vote, _created = Vote.objects.update_or_create(
            ballot=ballot,
            member=seat,
            defaults={"choice": choice, "cast_by": actor, "channel": VoteChannel.DEVICE},
        )
        ledger.services.append(kind="vote", record=vote, actor=actor)  # ledger hook (issue 15)
        _audit_vote(actor=actor, proposal=proposal, member=seat, before=before, choice=choice, channel="device")
    return vote


def record_vote(*, actor, ballot_id: int, member_id: int, choice: str) -> Vote:
    """The secretariat enters a present member's vote (roll call, or mixed for a member without a device)."""
    if choice not in VoteChoice.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    with transaction.atomic():
        ballot = _lock_open(ballot_id)
        proposal = _subject(ballot)
        verdict = can_record_votes(actor, ballot)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if ballot.method not in (VoteMethod.ROLL_CALL, VoteMethod.MIXED):
            raise ValidationError(_("วิธีลงมตินี้ไม่บันทึกการลงมติรายบุคคล"))
        if secret.is_secret(ballot):  # secret-vote hook (issue 15)
            raise ValidationError(_("การลงมติลับ อนุกรรมการต้องลงมติด้วยตนเอง ฝ่ายเลขานุการบันทึกแทนไม่ได้"))
        electorate = selectors.electorate(ballot)
        member = selectors.seat_in(ballot.province_id, member_id)
        if member is None or member.pk not in electorate.members:
            raise ValidationError(_("ไม่พบอนุกรรมการท่านนี้ในคณะอนุกรรมการชุดปัจจุบัน"))
        if member.pk in electorate.conflicted:
            raise ValidationError(f"{member.full_name} มีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ")
        if member.pk not in electorate.present:
            raise ValidationError(f"{member.full_name} ไม่ได้อยู่ในที่ประชุม จึงบันทึกการลงมติแทนไม่ได้")
        existing = Vote.objects.filter(ballot=ballot, member=member).first()
        if existing and existing.channel == VoteChannel.DEVICE:
            raise ValidationError(OWN_VOTE_LOCKS.format(name=member.full_name))
        before = existing.choice if existing else None
        vote, _created = Vote.objects.update_or_create(
            ballot=ballot,
            member=member,
            defaults={"choice": choice, "cast_by": actor, "channel": VoteChannel.SECRETARIAT},
        )
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
            raise ValidationError(f"จำนวนเสียง “{VoteChoice(choice).label}” ต้องเป็นตัวเลข") from None
        if n < 0:
            raise ValidationError(f"จำนวนเสียง “{VoteChoice(choice).label}” ต้องไม่ติดลบ")
        clean[choice] = n
    with transaction.atomic():
        ballot = _lock_open(ballot_id)
        proposal = _subject(ballot)
        verdict = can_record_votes(actor, ballot)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        if ballot.method != VoteMethod.SHOW_OF_HANDS:
            raise ValidationError(_("วิธีลงมตินี้ไม่ใช่การยกมือ จึงบันทึกจำนวนเสียงไม่ได้"))
        eligible = len(selectors.electorate(ballot).eligible)
        total = sum(clean.values())
        if total > eligible:
            raise ValidationError(f"จำนวนเสียงรวม {total} เสียง เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ ({eligible} คน)")
        hands = HandCount(ballot=ballot, counts=clean, entered_by=actor)
        hands.full_clean()
        hands.save()
        audit.record(
            actor=actor,
            action="ballot.hands",
            target=proposal,
            province=proposal.province,
            changes={"counts": [None, clean]},
        )
    return hands
