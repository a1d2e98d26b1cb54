"""After the resolution: forwarding to the fund, its decision, the contract and the results report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import ledger.services  # ledger hook (issue 15)
from fundproposals.choices import (
    FUNDED_DECISIONS,
    FundDecision,
)
from fundproposals.models import (
    Proposal,
)
from fundproposals.services.common import _fire
from fundproposals.validation import money


def forward(*, actor, proposal: Proposal, note: str = "") -> Proposal:
    return _fire(actor=actor, proposal_pk=proposal.pk, name="forward", context={"reason": note})


def record_fund_decision(
    *, actor, proposal: Proposal, decision: str, approved_amount: Decimal | None, decided_on: dt.date, note: str = ""
) -> Proposal:
    if decision in FUNDED_DECISIONS:
        if approved_amount is None:
            raise ValidationError({"approved_amount": _("กรุณาระบุวงเงินที่กองทุนอนุมัติ")})
        if proposal.requested_amount is not None and approved_amount > proposal.requested_amount:
            raise ValidationError(
                {"approved_amount": f"วงเงินที่อนุมัติต้องไม่เกินเงินที่ขอรับการสนับสนุน {money(proposal.requested_amount)}"}
            )
    else:
        approved_amount = None
    fields = {
        "fund_decision": decision,
        "fund_approved_amount": approved_amount,
        "fund_decided_on": decided_on,
        "fund_note": note,
    }
    with transaction.atomic():
        proposal = _fire(
            actor=actor,
            proposal_pk=proposal.pk,
            name="fund_decision",
            context={"fields": fields, "reason": f"{FundDecision(decision).label} {note}".strip()},
        )
        ledger.services.append(kind="fund_decision", record=proposal, actor=actor)  # ledger hook (issue 15)
    return proposal


def record_contract(
    *, actor, proposal: Proposal, number: str, signed_on: dt.date, amount: Decimal, months: int
) -> Proposal:
    if proposal.fund_approved_amount is not None and amount > proposal.fund_approved_amount:
        raise ValidationError({"amount": f"วงเงินตามสัญญาต้องไม่เกินวงเงินที่กองทุนอนุมัติ {money(proposal.fund_approved_amount)}"})
    fields = {
        "contract_number": number,
        "contract_date": signed_on,
        "contract_amount": amount,
        "contract_months": months,
    }
    return _fire(
        actor=actor,
        proposal_pk=proposal.pk,
        name="contract",
        context={"fields": fields, "reason": f"สัญญาเลขที่ {number}"},
    )


def record_report(
    *,
    actor,
    proposal: Proposal,
    activities: str,
    people_reached: int,
    received: Decimal,
    spent: Decimal,
    returned: Decimal,
    problems: str = "",
    suggestions: str = "",
) -> Proposal:
    if spent > received:
        raise ValidationError({"spent": _("งบประมาณที่ใช้จริงต้องไม่เกินงบประมาณที่ได้รับ")})
    if received - spent != returned:
        raise ValidationError({"returned": f"งบประมาณคงเหลือส่งคืนต้องเท่ากับงบที่ได้รับหักงบที่ใช้จริง คือ {money(received - spent)}"})
    fields = {
        "report_activities": activities,
        "report_people_reached": people_reached,
        "report_budget_received": received,
        "report_budget_spent": spent,
        "report_budget_returned": returned,
        "report_problems": problems,
        "report_suggestions": suggestions,
        "reported_on": timezone.localdate(),
    }
    return _fire(actor=actor, proposal_pk=proposal.pk, name="report", context={"fields": fields})
