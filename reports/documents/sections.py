"""Sections of the annual report and the national summary that read other apps' data.

Each returns an empty section when the app's data is not there, so a report for
a year with nothing recorded says so instead of failing.
"""

from __future__ import annotations

from reports import charts


def _plans(province, fiscal_year):
    from actionplans.choices import DocState
    from actionplans.models import ActionPlan

    return ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year).exclude(
        state=DocState.SUPERSEDED
    )


def the_plan(province, fiscal_year):
    """The year's plan: the approved revision, else the latest live one (None when there is none)."""
    from django.db.models import Case, When

    from actionplans.choices import DocState

    return (
        _plans(province, fiscal_year)
        .select_related("subcommittee__province", "resolution__agenda_item__meeting")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )


def plan_querysets(province, fiscal_year) -> tuple:
    from actionplans.models import ActionPlan, Activity, Progress

    plans = ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year)
    return (
        plans,
        Activity.objects.filter(plan__in=plans),
        Progress.objects.filter(activity__plan__in=plans),
    )


def plan_body(plan) -> dict:
    """A plan with its activities grouped by pillar, progress against targets, and the two charts."""
    from actionplans import selectors as ap

    activities = list(ap.activities_with_progress(plan))
    summary = ap.pillar_summary(plan)
    by_pillar: dict[str, list] = {}
    for a in activities:
        by_pillar.setdefault(a.pillar, []).append(a)
    pillars = [
        {
            "code": row.code,
            "label": row.label,
            "percent": row.percent,
            "budget": row.budget,
            "spent": row.spent,
            "late": row.late,
            "activities": by_pillar.get(row.code, []),
        }
        for row in summary
        if row.activities
    ]
    return {
        "plan": plan,
        "state_label": plan.get_state_display(),
        "pillars": pillars,
        "totals": ap.plan_totals(plan),
        "chart_progress": charts.percent_bars([(row.label, float(row.percent)) for row in summary]),
        "chart_budget": charts.hbar([(row.label, row.budget) for row in summary], unit="บาท"),
    }


def plan_section(province, fiscal_year) -> dict:
    plan = the_plan(province, fiscal_year)
    return plan_body(plan) if plan else {"plan": None}


def proposal_querysets(province, fiscal_year) -> tuple:
    return ()


def _reports(province, fiscal_year):
    from actionplans.choices import DocState
    from actionplans.models import SituationReport

    # The report a fiscal year approves is the one of the year before (FY 2564 approved the 2563 report).
    return SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1).exclude(
        state=DocState.SUPERSEDED
    )


def situation_querysets(province, fiscal_year) -> tuple:
    from actionplans.models import SituationReport, VictimsByNationality

    reports = SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1)
    return (reports, VictimsByNationality.objects.filter(report__in=reports))


def proposal_section(province, fiscal_year) -> dict:
    return {"rows": []}


def situation_section(province, fiscal_year) -> dict:
    from django.db.models import Case, When

    from actionplans.choices import DocState

    report = (
        _reports(province, fiscal_year)
        .prefetch_related("nationalities")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )
    if report is None:
        return {"report": None}
    figures = [
        (f.verbose_name, getattr(report, f.name))
        for f in type(report)._meta.concrete_fields
        if f.name.startswith(("cases_", "victims_"))
    ]
    figures += [(f"ผู้เสียหายสัญชาติ{n.get_nationality_display()}", n.victims) for n in report.nationalities.all()]
    texts = [
        (type(report)._meta.get_field(name).verbose_name, getattr(report, name))
        for name in ("situation", "risk_areas", "problems", "recommendations")
        if getattr(report, name, "")
    ]
    return {"report": report, "state_label": report.get_state_display(), "figures": figures, "texts": texts}


def national_querysets(fiscal_year) -> tuple:
    return ()


def national_section(fiscal_year) -> dict:
    """Per-province plan/report approval and proposal money (empty until those apps exist)."""
    return {"by_province": {}, "has_data": False, "pillar_rows": []}
