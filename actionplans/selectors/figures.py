"""A plan's figures: totals by pillar, the plan's totals and its budget by source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    Sum,
    Value,
    When,
)

from actionplans.models import ActionPlan, Activity
from actionplans.selectors.plans import activities_with_progress
from core.pillars import Pillar


@dataclass(frozen=True)
class PillarRow:
    code: str
    label: str
    activities: int
    percent: int
    budget: Decimal
    spent: Decimal
    late: int


def pillar_summary(plan: ActionPlan, today: dt.date | None = None) -> list[PillarRow]:
    """Per pillar: activities, average % of target reached (capped at 100 each), budget, spent, late (one query)."""
    rows = {
        r["pillar"]: r
        for r in activities_with_progress(plan, today)
        .order_by()
        .values("pillar")
        .annotate(
            n=Count("pk"),
            avg_percent=Avg("percent"),
            budget_total=Sum("budget"),
            spent_total=Sum("spent"),
            late_count=Sum(Case(When(is_late=True, then=Value(1)), default=Value(0), output_field=IntegerField())),
        )
    }
    out = []
    for pillar in Pillar:
        r = rows.get(pillar.value)
        out.append(
            PillarRow(
                code=pillar.value,
                label=pillar.label,
                activities=r["n"] if r else 0,
                percent=round(r["avg_percent"] or 0) if r else 0,
                budget=r["budget_total"] if r else Decimal(0),
                spent=r["spent_total"] if r else Decimal(0),
                late=r["late_count"] if r else 0,
            )
        )
    return out


def plan_totals(plan: ActionPlan, today: dt.date | None = None) -> dict:
    """Whole-plan totals by the database: activities, budget, spent, average %, late."""
    qs = activities_with_progress(plan, today).order_by()
    totals = qs.aggregate(
        n=Count("pk"),
        budget_total=Sum("budget"),
        spent_total=Sum("spent"),
        avg_percent=Avg("percent"),
        late_count=Sum(Case(When(is_late=True, then=Value(1)), default=Value(0), output_field=IntegerField())),
    )
    return {
        "activities": totals["n"] or 0,
        "budget": totals["budget_total"] or Decimal(0),
        "spent": totals["spent_total"] or Decimal(0),
        "percent": round(totals["avg_percent"] or 0),
        "late": totals["late_count"] or 0,
    }


def plan_figures(activities: list[Activity]) -> tuple[list[PillarRow], dict, list[dict]]:
    """``pillar_summary``, ``plan_totals`` and ``budget_by_source`` from the activities already loaded
    by ``activities_with_progress`` (a plan's page needs all three and has the rows: no more queries).
    """

    def summary(rows: list[Activity]) -> dict:
        return {
            "activities": len(rows),
            "budget": sum((a.budget or Decimal(0) for a in rows), Decimal(0)),
            "spent": sum((a.spent or Decimal(0) for a in rows), Decimal(0)),
            "percent": round(sum(a.percent or 0 for a in rows) / len(rows)) if rows else 0,
            "late": sum(1 for a in rows if a.is_late),
        }

    pillars = []
    for pillar in Pillar:
        f = summary([a for a in activities if a.pillar == pillar.value])
        pillars.append(
            PillarRow(
                code=pillar.value,
                label=pillar.label,
                activities=f["activities"],
                percent=f["percent"],
                budget=f["budget"],
                spent=f["spent"],
                late=f["late"],
            )
        )
    by_source: dict[str, Decimal] = {}
    for a in sorted(activities, key=lambda a: a.budget_source):
        by_source[a.budget_source] = by_source.get(a.budget_source, Decimal(0)) + (a.budget or Decimal(0))
    return pillars, summary(activities), [{"budget_source": k, "total": v} for k, v in by_source.items()]


def budget_by_source(plan: ActionPlan) -> list[dict]:
    return list(plan.activities.order_by("budget_source").values("budget_source").annotate(total=Sum("budget")))
