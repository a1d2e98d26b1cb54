"""Reads for the reports app."""

from __future__ import annotations

from django.db.models import (
    Case,
    QuerySet,
    When,
)
from django.http import Http404

from actionplans.choices import DocState
from actionplans.models import ActionPlan, Activity, Progress, SituationReport, VictimsByNationality
from committees.models import Province


def fiscal_year_querysets_for_report(province: Province) -> list[QuerySet]:
    """Fiscal years with a plan, or approving a situation report (the report of year Y is approved in FY Y+1)."""
    from django.db.models import F

    plans = ActionPlan.objects.filter(subcommittee__province=province).order_by().values_list("fiscal_year", flat=True)
    reports = (
        SituationReport.objects.filter(subcommittee__province=province)
        .order_by()
        .annotate(approved_in=F("year") + 1)
        .values_list("approved_in", flat=True)
    )
    return [plans, reports]


def fiscal_years_for_report(province: Province) -> set[int]:
    plans, reports = fiscal_year_querysets_for_report(province)
    return set(plans.union(reports))


def plan_for_report(province: Province, fiscal_year: int) -> ActionPlan | None:
    """The year's plan for the reports: the approved revision, else the latest live one (None when none)."""
    return (
        ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year)
        .exclude(state=DocState.SUPERSEDED)
        .select_related("subcommittee__province", "resolution__agenda_item__meeting", "resolution__agenda_item__parent")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )


def plan_by_id_for_report(pk: int) -> ActionPlan:
    """One plan with what its PDF prints around it; 404 when missing (scope is checked by the reports app)."""
    try:
        return ActionPlan.objects.select_related(
            "subcommittee__province", "resolution__agenda_item__meeting", "resolution__agenda_item__parent"
        ).get(pk=pk)
    except ActionPlan.DoesNotExist:
        raise Http404("ไม่พบแผนปฏิบัติการ") from None


def plan_report_querysets(*, province=None, fiscal_year=None, plan_id=None) -> tuple:
    """What a plan section reads (one plan, or every plan of a province-year), for the report fingerprint."""
    plans = (
        ActionPlan.objects.filter(pk=plan_id)
        if plan_id
        else ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year)
    )
    return (plans, Activity.objects.filter(plan__in=plans), Progress.objects.filter(activity__plan__in=plans))


def situation_for_report(province: Province, fiscal_year: int) -> SituationReport | None:
    """The situation report a fiscal year approves (the year before's), approved revision first."""
    return (
        SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1)
        .exclude(state=DocState.SUPERSEDED)
        .prefetch_related("nationalities")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )


def situation_report_querysets(province: Province, fiscal_year: int) -> tuple:
    reports = SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1)
    return (reports, VictimsByNationality.objects.filter(report__in=reports))


def national_plan_querysets(fiscal_year: int) -> tuple:
    return (ActionPlan.objects.filter(fiscal_year=fiscal_year), SituationReport.objects.filter(year=fiscal_year - 1))
