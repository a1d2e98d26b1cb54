"""Tabling, opening and closing a vote; the result becomes the resolution.

The ballot services lock rows in one order (proposal, then ballot) so entering
votes and closing can run at the same time without deadlocks or lost votes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import ledger.services  # ledger hook (issue 15)
from core import audit, thaidate
from emeetings import secret  # secret-vote hook (issue 15)
from fundproposals import selectors
from fundproposals.choices import (
    PASSING_DECISIONS,
    BallotMode,
    BallotState,
    Decision,
    VoteMethod,
)
from fundproposals.models import (
    Ballot,
    Proposal,
    Vote,
)
from fundproposals.permissions import (
    can_close_ballot,
)
from fundproposals.services import decision
from fundproposals.services.common import _fire, project_name
from fundproposals.services.decision import VOTE_CLOSED, VOTE_PAST_DEADLINE  # noqa: F401 (re-exported)
from fundproposals.services.resolutions import (  # noqa: F401 (RESOLUTION_OUTCOME, METHOD_WORDS re-exported)
    METHOD_WORDS,
    RESOLUTION_OUTCOME,
    record_resolution,
    result_text,
)
from fundproposals.tally import Tally
from fundproposals.validation import money
from fundproposals.workflow import PROPOSAL_WORKFLOW, roles_on
from notifications.services import notify_on_commit  # people (issue #10)


class CastingVoteNeeded(ValidationError):
    """The leading decisions are tied: the chair must give the casting vote to close."""

    def __init__(self, tally: Tally):
        self.tally = tally
        labels = " และ ".join(str(Decision(d).label) for d in tally.leading)
        super().__init__(f"คะแนนเสียงเท่ากัน ({labels}) ประธานต้องออกเสียงชี้ขาด")


def table(*, actor, proposal: Proposal, meeting) -> Proposal:
    """Put the proposal on the meeting's agenda as a sub-item of section 5 (เรื่องเพื่อพิจารณา).

    ``add_agenda_item`` adds the section when the agenda lacks it and numbers the item 5.n.
    """
    from meetings.choices import SectionType
    from meetings.services import add_agenda_item

    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        verdict = PROPOSAL_WORKFLOW.check(locked, "table", roles_on(actor, locked), {"meeting": meeting})
        if not verdict:
            raise ValidationError(verdict.reason)
        item = add_agenda_item(
            actor=actor,
            meeting=meeting,
            section_type=SectionType.FOR_CONSIDERATION,
            title=f"พิจารณา{project_name(locked)} ({locked.code}) ขอรับการสนับสนุนจากกองทุน"[:500],
            description=(
                f"{locked.organisation} เสนอโครงการตามแบบ {settings.FUND_FORM_CODE} "
                f"ขอรับการสนับสนุนจากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์ {money(locked.requested_amount)}"
            ),
            presenter="ฝ่ายเลขานุการ",
        )
        _carry_conflicts(actor=actor, proposal=locked, agenda_item=item)
        return _fire(
            actor=actor,
            proposal_pk=locked.pk,
            name="table",
            context={
                "meeting": meeting,
                "fields": {"agenda_item": item},
                "reason": f"{meeting} ระเบียบวาระที่ {item.number}",
            },
        )


def _carry_conflicts(*, actor, proposal: Proposal, agenda_item) -> None:
    """Conflicts declared in reviews become the agenda item's conflicts, so the minutes and quorum know them."""
    from meetings.models import ConflictOfInterest
    from meetings.services import declare_conflict

    if agenda_item.meeting.state in ("adopted", "cancelled"):
        return  # the meeting is over; the review's own declaration still keeps the member from voting
    known = set(ConflictOfInterest.objects.filter(agenda_item=agenda_item).values_list("member_id", flat=True))
    for review in proposal.reviews.filter(has_conflict=True).select_related("member"):
        if review.member_id not in known:
            declare_conflict(actor=actor, agenda_item=agenda_item, member=review.member, reason=review.conflict_reason)


def _new_ballot(
    *, actor, proposal: Proposal, mode: str, agenda_item=None, deadline=None, method: str = VoteMethod.DEVICES
) -> Ballot:
    ballot = Ballot(
        proposal=proposal,
        province_id=proposal.province_id,
        mode=mode,
        method=method,
        agenda_item=agenda_item,
        deadline=deadline,
        opened_by=actor,
    )
    ballot.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:
        raise ValidationError(_("โครงการนี้มีการลงมติที่เปิดอยู่แล้ว")) from None
    audit.record(
        actor=actor,
        action="ballot.open",
        target=proposal,
        province=proposal.province,
        changes={"ballot": [None, ballot.get_mode_display()], "method": [None, ballot.get_method_display()]},
    )
    notify_on_commit("vote_opened", ballot.pk)
    return ballot


def circulate(*, actor, proposal: Proposal, deadline: dt.datetime) -> Ballot:
    """Open a vote by circulation (เวียนมติ) among all current members until ``deadline``."""
    with transaction.atomic():
        locked = _fire(
            actor=actor,
            proposal_pk=proposal.pk,
            name="circulate",
            context={"deadline": deadline, "reason": f"ลงมติได้ถึง {thaidate.format_datetime(deadline)}"},
        )
        return _new_ballot(actor=actor, proposal=locked, mode=BallotMode.CIRCULATION, deadline=deadline)


def open_meeting_ballot(*, actor, proposal: Proposal, method: str = VoteMethod.DEVICES) -> Ballot:
    """The chair or the secretariat opens the vote on the proposal's agenda item, choosing how the room decides."""
    if method not in VoteMethod.values:
        raise ValidationError(_("กรุณาเลือกวิธีลงมติ"))
    with transaction.atomic():
        locked = _fire(actor=actor, proposal_pk=proposal.pk, name="open_vote")
        if locked.agenda_item and locked.agenda_item.withdrawn_at:
            raise ValidationError(_("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้"))
        return _new_ballot(
            actor=actor, proposal=locked, mode=BallotMode.MEETING, agenda_item=locked.agenda_item, method=method
        )


def preview(ballot: Ballot, electorate=None) -> tuple[Tally, Any, Any]:
    """The tally and quorum as they would be if the ballot closed now (for the chair's page).

    ``electorate``: one already read in this request (an entry's service keeps it), not read again."""
    electorate = electorate or selectors.electorate(ballot)
    counted = decision.counted_votes(ballot, electorate)
    counted = secret.counted(ballot) if secret.is_secret(ballot) else counted  # secret-vote hook (issue 15)
    tally = decision.tally_of(ballot, electorate, counted)
    return tally, _quorum(ballot, electorate, counted), electorate


def _quorum(ballot: Ballot, electorate, counted: list[Vote]):
    from meetings.quorum import quorum

    members = electorate.members
    conflicted = electorate.conflicted & members
    if ballot.mode == BallotMode.MEETING:
        present = electorate.present & members
        return quorum(
            current_members=len(members),
            present=len(present),
            recused_present=len(conflicted & present),
            recused_absent=len(conflicted - present),
        )
    # circulation: the members who answered by the deadline count as present
    answered = {v.member_id for v in counted}
    return quorum(current_members=len(members), present=len(answered), recused_absent=len(conflicted))


def close_ballot(
    *,
    actor,
    ballot_id: int,
    casting_vote: str = "",
    recommended_amount: Decimal | None = None,
    consensus: str = "",
) -> Ballot:
    """Close the ballot, count it, and record the result (the resolution of its agenda item).

    ``actor`` None is the deadline sweep (circulated votes only). A tie
    between the leading decisions raises ``CastingVoteNeeded`` until the chair
    gives ``casting_vote``. A consensus names its decision in ``consensus``.
    """
    with transaction.atomic():
        proposal_id = Ballot.objects.values_list("proposal_id", flat=True).get(pk=ballot_id)
        if proposal_id is None:  # an agenda item's decision (a plan, a report, any section 5/6 item)
            from fundproposals.services.agenda_items import close_item_ballot

            return close_item_ballot(actor=actor, ballot_id=ballot_id, casting_vote=casting_vote, consensus=consensus)
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal_id)
        # the ballot row only, read with what closing needs (its item, meeting and province)
        ballot = (
            Ballot.objects.select_for_update(of=("self",))
            .select_related("agenda_item__meeting__subcommittee__province", "agenda_item__parent")
            .get(pk=ballot_id)
        )
        ballot.proposal = proposal
        if ballot.state != BallotState.OPEN:
            raise ValidationError(_("การลงมตินี้ปิดไปแล้ว"))
        if actor is None:
            if ballot.mode != BallotMode.CIRCULATION or timezone.now() < ballot.deadline:
                raise ValidationError(_("ปิดการลงมติอัตโนมัติได้เฉพาะการเวียนมติที่ถึงกำหนดเวลาแล้ว"))
        else:
            verdict = can_close_ballot(actor, ballot)
            if not verdict:
                raise PermissionDenied(verdict.reason)
        if ballot.agenda_item_id and ballot.agenda_item.withdrawn_at:
            raise ValidationError(_("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้"))
        if ballot.method == VoteMethod.CONSENSUS and consensus not in Decision.values:
            raise ValidationError(_("กรุณาเลือกมติของที่ประชุม"))
        tally, q = count_and_close(actor=actor, ballot=ballot, casting_vote=casting_vote, consensus=consensus)
        if tally.result in PASSING_DECISIONS and q.met:
            amount = recommended_amount if recommended_amount is not None else proposal.requested_amount
            if amount is not None and proposal.requested_amount is not None and amount > proposal.requested_amount:
                raise ValidationError(f"วงเงินที่เห็นชอบต้องไม่เกินเงินที่ขอรับการสนับสนุน {money(proposal.requested_amount)}")
        else:
            amount = None
        ballot.result_text = result_text(proposal, ballot, tally, q, amount)
        # its proposal, province, item and openers are the rows just locked or read, the closer is the actor:
        # no lookups
        ballot.full_clean(
            exclude=["proposal", "province", "agenda_item", "opened_by", "closed_by"], validate_constraints=False
        )
        # the ballot's and the resolution's ledger entries go in one INSERT, the two audit events in another
        # (issue #12's write budgets); each is still written, in this transaction
        with ledger.services.batch(), audit.batch():
            ballot.save()
            ledger.services.append(kind="ballot", record=ballot, actor=actor)  # ledger hook (issue 15)
            if ballot.agenda_item_id:
                outcome = RESOLUTION_OUTCOME.get(ballot.result, "deferred")
                record_resolution(actor=actor, agenda_item=ballot.agenda_item, outcome=outcome, text=ballot.result_text)
            name = "close_vote" if ballot.result else "void_vote"
            notify_on_commit("vote_closed", ballot.pk)
            _fire(
                actor=actor,
                proposal_pk=proposal.pk,
                name=name,
                context={"ballot": ballot, "recommended_amount": amount, "reason": ballot.result_text},
                locked=proposal,  # locked above, in this transaction
            )
    return ballot


def count_and_close(*, actor, ballot: Ballot, casting_vote: str = "", consensus: str = "") -> tuple[Tally, Any]:
    """Count a locked, open ballot and mark it closed (not yet saved): the one place every decision is counted.

    Quorum (recusals out), the majority of votes cast and the chair's casting vote on a tie,
    whatever the method and whatever is decided (a proposal or an agenda item).
    """
    electorate = selectors.electorate(ballot)
    counted = decision.counted_votes(ballot, electorate)
    counted = secret.counted(ballot) if secret.is_secret(ballot) else counted  # secret-vote hook (issue 15)
    q = _quorum(ballot, electorate, counted)
    tally = decision.tally_of(
        ballot, electorate, counted, casting_vote=casting_vote if q.met else "", consensus=consensus
    )
    if q.met and tally.needs_casting_vote:
        raise CastingVoteNeeded(tally)
    ballot.state = BallotState.CLOSED
    ballot.closed_at = timezone.now()
    ballot.closed_by = actor
    ballot.eligible_count = len(electorate.eligible)
    ballot.present_count = q.present
    ballot.quorum_required = q.required
    ballot.quorum_met = q.met
    ballot.tally = tally.as_json()
    ballot.result = tally.result if q.met else ""
    ballot.casting_vote = tally.casting_vote if q.met else ""
    return tally, q


def close_due_ballots() -> int:
    """Close every circulated vote whose deadline has passed (a tie waits for the chair)."""
    closed = 0
    due = Ballot.objects.filter(
        state=BallotState.OPEN, mode=BallotMode.CIRCULATION, deadline__lte=timezone.now()
    ).values_list("pk", flat=True)
    for pk in list(due):
        try:
            close_ballot(actor=None, ballot_id=pk)
        except CastingVoteNeeded:
            continue
        except ValidationError:
            continue
        closed += 1
    return closed
