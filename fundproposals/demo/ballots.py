"""A demo proposal's ballot and votes, and what its state implies after the vote (fund decision, contract, report)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from fundproposals import services
from fundproposals.choices import (
    BallotMode,
    BallotState,
)
from fundproposals.demo.data import S
from fundproposals.models import Ballot, Vote


def _ballot(p, *, mode, agenda_item, opened_by, members, choices, closed: bool, deadline=None):
    ballot = Ballot.objects.create(
        proposal=p,
        mode=mode,
        agenda_item=agenda_item,
        opened_by=opened_by,
        deadline=deadline,
    )
    for member, choice in zip(members, choices, strict=False):
        Vote.objects.create(ballot=ballot, member=member, choice=choice, cast_by=opened_by)
    if not closed:
        return ballot
    ballot = Ballot.objects.select_related("proposal__province").prefetch_related("votes").get(pk=ballot.pk)
    tally, q, electorate = services.preview(ballot)
    ballot.state = BallotState.CLOSED
    ballot.closed_at = timezone.now()
    ballot.closed_by = opened_by if mode == BallotMode.MEETING else None  # a circulated vote closes at its deadline
    ballot.eligible_count = len(electorate.eligible)
    ballot.present_count = q.present
    ballot.quorum_required = q.required
    ballot.quorum_met = q.met
    ballot.tally = tally.as_json()
    ballot.result = tally.result if q.met else ""
    amount = p.requested_amount if ballot.result in ("approve", "in_principle") else None
    ballot.result_text = services.result_text(p, ballot, tally, q, amount)
    ballot.save()
    p.decision = ballot.result
    p.recommended_amount = amount
    return ballot


def _votes_for(p, extra) -> list[str]:
    if extra.get("decision") == "more_info":
        return ["more_info"] * 9 + ["approve"] * 3 + ["abstain"]
    return ["approve"] * 10 + ["in_principle"] * 2 + ["abstain"]


def _after_vote(p, state):
    if state in (S.FUND_DECIDED, S.CONTRACTED, S.REPORTED):
        p.fund_decision = "approved"
        # On a database that already holds other members of the subcommittee (a benchmark's, say)
        # the demo's votes may miss the quorum and recommend no amount: the fund still approves
        # the amount asked for, so the later steps have figures to work with.
        p.fund_approved_amount = p.recommended_amount or p.requested_amount
        p.fund_decided_on = p.start_date - dt.timedelta(days=10)
    if state in (S.CONTRACTED, S.REPORTED):
        p.contract_number = f"กปค. {p.pk}/{p.fiscal_year}"
        p.contract_date = p.start_date - dt.timedelta(days=5)
        p.contract_amount = p.fund_approved_amount
        p.contract_months = 4
    if state == S.FORWARDED or p.fund_decision:
        p.forwarded_on = p.start_date - dt.timedelta(days=20)
    if state == S.REPORTED:
        spent = (p.contract_amount * Decimal("0.97")).quantize(Decimal("0.01"))
        p.report_activities = "จัดอบรมเชิงปฏิบัติการ 2 รุ่น และจัดตั้งเครือข่ายเฝ้าระวังในชุมชน"
        p.report_people_reached = 112
        p.report_budget_received = p.contract_amount
        p.report_budget_spent = spent
        p.report_budget_returned = p.contract_amount - spent
        p.report_problems = "ผู้เข้าร่วมบางส่วนไม่สะดวกเดินทาง"
        p.report_suggestions = "ควรจัดกิจกรรมในพื้นที่ชุมชนโดยตรง"
        p.reported_on = p.end_date
    p.save()
