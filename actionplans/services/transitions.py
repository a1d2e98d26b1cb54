"""Transitions of plans and situation reports (they share the table), and what a meeting's resolution or withdrawal does to them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from actionplans.choices import DocState
from actionplans.models import (
    ActionPlan,
    SituationReport,
)
from actionplans.workflow import DOCUMENT_WORKFLOW
from core import workflow as core_workflow


def transition(
    *,
    actor,
    doc: ActionPlan | SituationReport,
    name: str,
    meeting=None,
    resolution=None,
    reason: str = "",
) -> ActionPlan | SituationReport:
    """Fire a transition of the document table: propose (at ``meeting``), approve (by ``resolution``), withdraw."""
    if name == "supersede":
        raise core_workflow.TransitionRefused(_("ขั้นตอนนี้ระบบดำเนินการเอง"))
    return core_workflow.fire(
        workflow=DOCUMENT_WORKFLOW,
        model=type(doc),
        pk=doc.pk,
        name=name,
        actor=actor,
        roles_for=lambda obj: actor.access.roles_in(obj.subcommittee.province_id),
        province_for=lambda obj: obj.subcommittee.province,
        context={"meeting": meeting, "resolution": resolution, "reason": reason},
    )


def approve_by_meeting(*, actor, resolution) -> list[ActionPlan | SituationReport]:
    """The meeting decided the item where a plan or report was proposed: an approving result records its approval.

    Called when a vote on the item closes (``fundproposals.services.agenda_items``), in its
    transaction. The table's own ``approve`` step (its guard, effect and audit record),
    fired by the system on the meeting's behalf; any other result leaves the revision proposed.
    """
    from actionplans.workflow import APPROVING_OUTCOMES, SYSTEM

    if resolution.outcome not in APPROVING_OUTCOMES:
        return []
    docs = [
        *ActionPlan.objects.filter(agenda_item_id=resolution.agenda_item_id, state=DocState.PROPOSED),
        *SituationReport.objects.filter(agenda_item_id=resolution.agenda_item_id, state=DocState.PROPOSED),
    ]
    return [
        core_workflow.fire(
            workflow=DOCUMENT_WORKFLOW,
            model=type(doc),
            pk=doc.pk,
            name="approve",
            actor=actor,
            roles_for=lambda _obj: {SYSTEM},
            province_for=lambda obj: obj.subcommittee.province,
            context={"resolution": resolution, "reason": resolution.text},
        )
        for doc in docs
    ]


def withdraw_from_agenda(*, actor, agenda_item, reason: str) -> list[ActionPlan | SituationReport]:
    """A plan or report proposed under ``agenda_item``, just withdrawn from the agenda, goes back to draft.

    Called by ``meetings.services.withdraw_agenda_item`` in its transaction: the table's own
    ``withdraw`` step (audited), so the revision can be proposed at another meeting.
    """
    docs = [
        *ActionPlan.objects.filter(agenda_item=agenda_item, state=DocState.PROPOSED),
        *SituationReport.objects.filter(agenda_item=agenda_item, state=DocState.PROPOSED),
    ]
    return [transition(actor=actor, doc=doc, name="withdraw", reason=reason) for doc in docs]
