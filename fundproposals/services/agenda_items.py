"""Decisions on agenda items that carry no proposal, and what happens to a proposal when its item leaves.

A plan, a situation report or any item of section 5 or 6 is decided with the
same ``Ballot`` as a proposal (its ``proposal`` empty): the same methods, entries
(``decision``), count (``ballots.count_and_close``: quorum, recusal, majority of
votes cast, the chair's casting vote) and ledger entries. The result becomes the
item's one resolution in the meeting's words; an approving result on the item
where a plan or report was proposed records its approval (``actionplans``).

``untable_withdrawn`` is called by ``meetings.services.withdraw_agenda_item``
inside its transaction: a proposal tabled under the withdrawn item goes back
to the state it had before tabling, so it can be tabled at another meeting.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

import ledger.services  # ledger hook (issue 15)
from core import audit
from core.workflow import fire
from fundproposals.choices import BallotMode, BallotState, Decision, ProposalState, VoteMethod
from fundproposals.models import Ballot, Proposal
from fundproposals.permissions import can_close_ballot, can_open_item_ballot, can_open_meeting_ballots
from fundproposals.services.resolutions import RESOLUTION_OUTCOME, record_resolution, result_text
from fundproposals.workflow import PROPOSAL_WORKFLOW, SYSTEM
from notifications.services import notify_on_commit  # people (issue #10)

__all__ = ["close_item_ballot", "item_subject", "open_item_ballot", "untable_withdrawn"]

WITHDRAWN_ITEM = gettext_noop("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้")


def _locked_item(pk: int):
    from meetings.models import AgendaItem

    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__subcommittee__province", "parent")
        .get(pk=pk)
    )


def item_subject(item) -> str:
    """What the meeting considered, as its resolution names it (the item's title without a leading พิจารณา)."""
    title = item.title.strip()
    return title.removeprefix("พิจารณา").strip() or title


def open_item_ballot(*, actor, agenda_item, method: str) -> Ballot:
    """The chair or the secretariat opens the decision on an agenda item without a proposal, choosing the method."""
    if method not in VoteMethod.values:
        raise ValidationError(_("กรุณาเลือกวิธีลงมติ"))
    with transaction.atomic():
        item = _locked_item(agenda_item.pk)
        province = item.meeting.subcommittee.province
        who = can_open_meeting_ballots(actor, item.meeting)
        if not who:
            raise PermissionDenied(who.reason)
        verdict = can_open_item_ballot(
            actor,
            item,
            ballots=list(Ballot.objects.filter(agenda_item=item)),
            has_proposal=Proposal.objects.filter(agenda_item=item).exists(),
        )
        if not verdict:
            raise ValidationError(verdict.reason)
        ballot = Ballot(
            proposal=None, province=province, agenda_item=item, mode=BallotMode.MEETING, method=method, opened_by=actor
        )
        ballot.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                ballot.save()
        except IntegrityError:
            raise ValidationError(_("ระเบียบวาระนี้มีการลงมติที่เปิดอยู่แล้ว")) from None
        audit.record(
            actor=actor,
            action="ballot.open",
            target=item,
            province=province,
            changes={"ballot": [None, ballot.get_mode_display()], "method": [None, ballot.get_method_display()]},
        )
        notify_on_commit("vote_opened", ballot.pk)
    return ballot


def close_item_ballot(*, actor, ballot_id: int, casting_vote: str = "", consensus: str = "") -> Ballot:
    """Close an agenda item's decision: count it, and make the result the item's resolution.

    Called through ``ballots.close_ballot`` (one entry point for every ballot). A tie
    raises ``CastingVoteNeeded`` until the chair gives ``casting_vote``; a consensus
    names its decision in ``consensus``. An approving result records the approval of
    the plan or situation report proposed under the item.
    """
    from actionplans.services import approve_by_meeting
    from fundproposals.services.ballots import count_and_close

    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
        if ballot.state != BallotState.OPEN:
            raise ValidationError(_("การลงมตินี้ปิดไปแล้ว"))
        verdict = can_close_ballot(actor, ballot) if actor is not None else None
        if not verdict:
            raise PermissionDenied(getattr(verdict, "reason", _("ปิดการลงมตินี้ไม่ได้")))
        item = _locked_item(ballot.agenda_item_id)
        ballot.agenda_item = item
        if item.withdrawn_at:
            raise ValidationError(_(WITHDRAWN_ITEM))
        if ballot.method == VoteMethod.CONSENSUS and consensus not in Decision.values:
            raise ValidationError(_("กรุณาเลือกมติของที่ประชุม"))
        tally, q = count_and_close(actor=actor, ballot=ballot, casting_vote=casting_vote, consensus=consensus)
        ballot.result_text = result_text(None, ballot, tally, q, None, head=f"ที่ประชุมพิจารณา{item_subject(item)}")
        # its province, item and openers are the rows just locked or read, the closer is the actor: no lookups
        ballot.full_clean(exclude=["province", "agenda_item", "opened_by", "closed_by"], validate_constraints=False)
        # the ledger entries go in one INSERT, the audit events in another (issue #12's write budgets)
        with ledger.services.batch(), audit.batch():
            ballot.save()
            ledger.services.append(kind="ballot", record=ballot, actor=actor)  # ledger hook (issue 15)
            outcome = RESOLUTION_OUTCOME.get(ballot.result, "deferred")
            resolution = record_resolution(actor=actor, agenda_item=item, outcome=outcome, text=ballot.result_text)
            approve_by_meeting(actor=actor, resolution=resolution)
        notify_on_commit("vote_closed", ballot.pk)
    return ballot


def untable_withdrawn(*, actor, agenda_item, reason: str) -> Proposal | None:
    """Take the proposal tabled under ``agenda_item`` (just withdrawn) off the agenda; audited as ``untable``."""
    pk = (
        Proposal.objects.filter(agenda_item=agenda_item, state=ProposalState.TABLED)
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return None
    return fire(
        workflow=PROPOSAL_WORKFLOW,
        model=Proposal,
        pk=pk,
        name="untable",
        actor=actor,  # the secretariat who withdrew the item; the step itself is the system's
        roles_for=lambda _p: {SYSTEM},
        province_for=lambda p: p.province,
        context={"reason": reason},
    )
