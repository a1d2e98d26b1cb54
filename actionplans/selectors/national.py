"""The national status: every province's plan and situation report for a fiscal year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.utils import timezone

from actionplans.choices import DocState
from actionplans.models import ActionPlan, SituationReport
from actionplans.selectors.common import _risk_group, due_date
from committees.models import Province


@dataclass(frozen=True)
class StatusRow:
    province: Province
    risk_group: str | None
    plan_id: int | None
    plan_state: str | None
    plan_approved: bool
    report_id: int | None
    report_state: str | None
    report_approved: bool
    plan_late: bool
    report_late: bool


def national_status(fiscal_year: int, today: dt.date | None = None) -> tuple[list[StatusRow], dict]:
    """Every province for a fiscal year: approved plan? approved report (of the year before)? late?

    Two queries: each province annotated with its latest live plan and report by subqueries, and the
    counts aggregated by the database.
    """
    today = today or timezone.localdate()
    report_year = fiscal_year - 1
    plans = ActionPlan.objects.filter(subcommittee__province=OuterRef("pk"), fiscal_year=fiscal_year).exclude(
        state=DocState.SUPERSEDED
    )
    reports = SituationReport.objects.filter(subcommittee__province=OuterRef("pk"), year=report_year).exclude(
        state=DocState.SUPERSEDED
    )
    # approved first, then the latest open revision
    plans_ordered = plans.order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
    reports_ordered = reports.order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
    qs = Province.objects.annotate(
        risk_group=_risk_group("pk", fiscal_year),
        plan_id=Subquery(plans_ordered.values("pk")[:1]),
        plan_state=Subquery(plans_ordered.values("state")[:1]),
        plan_approved=Exists(plans.filter(state=DocState.APPROVED)),
        report_id=Subquery(reports_ordered.values("pk")[:1]),
        report_state=Subquery(reports_ordered.values("state")[:1]),
        report_approved=Exists(reports.filter(state=DocState.APPROVED)),
    ).order_by("code")
    plan_due = due_date(fiscal_year, settings.PLAN_DUE_MONTH_DAY)
    report_due = due_date(fiscal_year, settings.SITUATION_REPORT_DUE_MONTH_DAY)
    rows = [
        StatusRow(
            province=p,
            risk_group=p.risk_group,
            plan_id=p.plan_id,
            plan_state=p.plan_state,
            plan_approved=p.plan_approved,
            report_id=p.report_id,
            report_state=p.report_state,
            report_approved=p.report_approved,
            plan_late=not p.plan_approved and today > plan_due,
            report_late=not p.report_approved and today > report_due,
        )
        for p in qs
    ]
    plans_late_possible = today > plan_due
    reports_late_possible = today > report_due
    counts = qs.order_by().aggregate(
        provinces=Count("pk"),
        plans_approved=Count("pk", filter=Q(plan_approved=True)),
        plans_missing=Count("pk", filter=Q(plan_id__isnull=True)),
        reports_approved=Count("pk", filter=Q(report_approved=True)),
        reports_missing=Count("pk", filter=Q(report_id__isnull=True)),
    )
    summary = {
        **counts,
        "plans_late": counts["provinces"] - counts["plans_approved"] if plans_late_possible else 0,
        "reports_late": counts["provinces"] - counts["reports_approved"] if reports_late_possible else 0,
        "plan_due": plan_due,
        "report_due": report_due,
        "report_year": report_year,
    }
    return rows, summary
