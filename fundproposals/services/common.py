"""Shared pieces of the fund proposal services: the workflow runner and the project's name."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core import audit
from core.workflow import fire
from fundproposals.models import (
    Proposal,
)
from fundproposals.workflow import PROPOSAL_WORKFLOW, roles_on
from notifications.services import notify_on_commit  # people (issue #10)

# Fields of the form (กปค.01) a proposer edits; the rest belong to the workflow.
FORM_FIELDS = [
    "title",
    "organisation",
    "organisation_type",
    "responsible_name",
    "responsible_position",
    "responsible_phone",
    "fiscal_year",
    "kind",
    "previous_project",
    "rationale",
    "objectives",
    "targets",
    "target_group",
    "target_count",
    "district_code",
    "district_name",
    "subdistrict_code",
    "subdistrict_name",
    "start_date",
    "end_date",
    "total_budget",
    "requested_amount",
    "cofunding_amount",
    "cofunding_source",
    "fund_need",
    "staffing",
    "indicators",
    "evaluation",
    "expected_results",
]


def snapshot(proposal: Proposal) -> dict[str, Any]:
    """The whole form as JSON: what a revision keeps and what the comparison shows."""
    data = audit.snapshot(proposal, [f for f in FORM_FIELDS if f != "previous_project"])
    data["previous_project"] = str(proposal.previous_project) if proposal.previous_project_id else None
    data["pillars"] = sorted(proposal.pillar_rows.values_list("pillar", flat=True))
    data["activities"] = [
        {"name": a.name, "period": a.period, "cost": str(a.cost)} for a in proposal.activities.order_by("order", "id")
    ]
    data["budget_lines"] = [
        {"item": b.item, "amount": str(b.amount)} for b in proposal.budget_lines.order_by("order", "id")
    ]
    data["attachments"] = list(proposal.attachments.order_by("id").values_list("display_name", flat=True))
    return data


def project_name(proposal: Proposal) -> str:
    """``โครงการ…`` once, whether or not the title already starts with the word."""
    return proposal.title if proposal.title.startswith("โครงการ") else f"โครงการ{proposal.title}"


# people (issue #10): the steps that people are told of, by notification kind
NOTIFY_ON_STEP = {
    "submit": "proposal_submitted",
    "resubmit": "proposal_submitted",
    "return": "proposal_returned",
    "close_vote": "proposal_decided",
    "fund_decision": "proposal_funded",
}


def _fire(
    *, actor, proposal_pk: int, name: str, context: dict[str, Any] | None = None, locked: Proposal | None = None
) -> Proposal:
    """Run the proposal's step ``name``; ``locked``: the proposal row the caller already holds ``FOR UPDATE``."""
    result = fire(
        workflow=PROPOSAL_WORKFLOW,
        model=Proposal,
        pk=proposal_pk,
        name=name,
        actor=actor,
        roles_for=lambda p: roles_on(actor, p),
        province_for=lambda p: p.province,
        context=context,
        locked=locked,
    )
    if name in NOTIFY_ON_STEP:
        notify_on_commit(NOTIFY_ON_STEP[name], result.pk, f"{name}:{timezone.now():%Y%m%d%H%M%S%f}")
    return result
