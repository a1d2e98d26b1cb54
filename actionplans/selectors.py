"""Reads of plans, progress and situation reports, starting from what the user may see.

Totals are computed by the database (Subquery/Sum/Avg), so a plan page costs the
same number of queries whatever the number of activities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils import timezone

from actionplans.choices import OPEN_STATES, DocState
from actionplans.models import ActionPlan, Activity, Progress, ProgressAttachment, SituationReport, VictimsByNationality
from actionplans.permissions import can_view_document
from committees.models import Province, RiskGroupAssignment
from core import thaidate
from core.pillars import Pillar

MONEY = DecimalField(max_digits=16, decimal_places=2)

_QUARTER_ENDS = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}


def quarter_end(fiscal_year: int, quarter: int) -> dt.date:
    """Last day of a fiscal quarter: Q1 of FY 2567 ends 31 Dec 2566 BE."""
    month, day = _QUARTER_ENDS[quarter]
    year = thaidate.ce_year(fiscal_year) - (1 if quarter == 1 else 0)
    return dt.date(year, month, day)


def ended_quarters(fiscal_year: int, today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return [q for q in (1, 2, 3, 4) if quarter_end(fiscal_year, q) < today]


def due_date(fiscal_year: int, month_day: str) -> dt.date:
    """The date (``MM-DD`` setting) in the fiscal year's first quarter (Oct-Dec) or after it."""
    month, day = (int(x) for x in month_day.split("-"))
    year = thaidate.ce_year(fiscal_year) - (1 if month >= 10 else 0)
    return dt.date(year, month, day)


def _risk_group(province_ref: str, year_ref):
    return Subquery(
        RiskGroupAssignment.objects.filter(province=OuterRef(province_ref), fiscal_year=year_ref).values("group")[:1]
    )


def _visible(qs: QuerySet, user) -> QuerySet:
    ids = user.access.readable_province_ids()
    return qs if ids is None else qs.filter(subcommittee__province_id__in=ids)


# --- Plans ---------------------------------------------------------------------------------------


def _activity_sum(field: str):
    return Coalesce(
        Subquery(
            Progress.objects.filter(activity=OuterRef("pk"))
            .order_by()
            .values("activity")
            .annotate(s=Sum(field))
            .values("s")[:1]
        ),
        Value(0),
        output_field=MONEY if field == "budget_spent" else IntegerField(),
    )


def plan_list(user, *, fiscal_year: int | None = None, province: Province | None = None) -> QuerySet[ActionPlan]:
    """Live revisions (not superseded) the user may read, with their activity count, budget and risk group."""
    activities = Activity.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    qs = (
        _visible(ActionPlan.objects.exclude(state=DocState.SUPERSEDED), user)
        .select_related("subcommittee__province")
        .annotate(
            activity_count=Coalesce(Subquery(activities.annotate(n=Count("pk")).values("n")[:1]), Value(0)),
            total_budget=Coalesce(
                Subquery(activities.annotate(s=Sum("budget")).values("s")[:1]), Value(Decimal(0)), output_field=MONEY
            ),
            risk_group=_risk_group("subcommittee__province", OuterRef("fiscal_year")),
        )
        .order_by("-fiscal_year", "subcommittee__province__code", "-revision")
    )
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if province is not None:
        qs = qs.filter(subcommittee__province=province)
    return qs


def _plans_for_view(user) -> QuerySet[ActionPlan]:
    return _visible(ActionPlan.objects.all(), user).select_related(
        "subcommittee__province",
        "previous",
        "copied_from",
        "agenda_item__meeting",
        "agenda_item__parent",
        "resolution__agenda_item__meeting",
        "resolution__agenda_item__parent",
        "created_by",
    )


def plan_for_user(user, pk: int) -> ActionPlan:
    """One plan revision the user may read, with its risk group that year; otherwise 404."""
    plan = (
        _plans_for_view(user)
        .annotate(risk_group=_risk_group("subcommittee__province", OuterRef("fiscal_year")))
        .filter(pk=pk)
        .first()
    )
    if plan is None or not can_view_document(user, plan):
        raise Http404("ไม่พบแผนปฏิบัติการ")
    return plan


def activities_with_progress(plan: ActionPlan, today: dt.date | None = None) -> QuerySet[Activity]:
    """The plan's activities with achieved quantity, spending, % of target and whether each is late.

    Late: one of its quarters has ended and what was achieved is below the share of the
    target due by then (target x ended scheduled quarters / scheduled quarters).
    """
    ended = set(ended_quarters(plan.fiscal_year, today))

    def flag(q: int, only_ended: bool):
        if only_ended and q not in ended:
            return Value(0)
        return Case(When(**{f"q{q}": True}, then=Value(1)), default=Value(0), output_field=IntegerField())

    scheduled = flag(1, False) + flag(2, False) + flag(3, False) + flag(4, False)
    ended_scheduled = flag(1, True) + flag(2, True) + flag(3, True) + flag(4, True)
    return (
        plan.activities.annotate(
            achieved=_activity_sum("quantity_achieved"),
            spent=_activity_sum("budget_spent"),
            scheduled=scheduled,
            ended_scheduled=ended_scheduled,
        )
        .annotate(
            percent=Least(F("achieved") * 100 / F("target_quantity"), Value(100)),
            achieved_scaled=F("achieved") * F("scheduled"),
            due_scaled=F("target_quantity") * F("ended_scheduled"),
        )
        .annotate(
            due_now=F("due_scaled") / F("scheduled"),
            is_late=Case(
                When(Q(ended_scheduled__gt=0) & Q(achieved_scaled__lt=F("due_scaled")), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "progress",
                queryset=Progress.objects.order_by("quarter").prefetch_related(
                    Prefetch("attachments", queryset=ProgressAttachment.objects.order_by("id"))
                ),
            )
        )
        .order_by("order", "id")
    )


def activities_for_page(plan: ActionPlan, today: dt.date | None = None) -> list[Activity]:
    """``activities_with_progress`` computed in Python from the prefetched progress rows (same
    fields, same rules): a plan's page needs the rows anyway, and compiling the annotated query
    cost more CPU than the page's whole template (issue #12 profile).
    """
    ended = set(ended_quarters(plan.fiscal_year, today))
    activities = list(
        plan.activities.prefetch_related(
            Prefetch(
                "progress",
                queryset=Progress.objects.order_by("quarter").prefetch_related(
                    Prefetch("attachments", queryset=ProgressAttachment.objects.order_by("id"))
                ),
            )
        ).order_by("order", "id")
    )
    for a in activities:
        rows = a.progress.all()
        a.achieved = sum(r.quantity_achieved or 0 for r in rows)
        a.spent = sum((r.budget_spent or Decimal(0) for r in rows), Decimal(0))
        quarters = [q for q in (1, 2, 3, 4) if getattr(a, f"q{q}")]
        a.scheduled = len(quarters)
        a.ended_scheduled = len([q for q in quarters if q in ended])
        a.percent = min(a.achieved * 100 // a.target_quantity, 100) if a.target_quantity else None
        a.achieved_scaled = a.achieved * a.scheduled
        a.due_scaled = a.target_quantity * a.ended_scheduled
        a.due_now = a.due_scaled // a.scheduled if a.scheduled else 0
        a.is_late = a.ended_scheduled > 0 and a.achieved_scaled < a.due_scaled
    return activities


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


def revisions_of(doc) -> QuerySet:
    """Every revision of the same plan or report (earlier ones are kept)."""
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, **doc.period_filter())
        .select_related("resolution__agenda_item__meeting")
        .order_by("-revision")
    )


def has_open_revision(doc) -> bool:
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, state__in=OPEN_STATES, **doc.period_filter())
        .exists()
    )


def has_newer_revision(doc) -> bool:
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, revision__gt=doc.revision, **doc.period_filter())
        .exists()
    )


def activity_for_user(user, pk: int) -> Activity:
    act = Activity.objects.select_related("plan__subcommittee__province").filter(pk=pk).first()
    if act is None or not can_view_document(user, act.plan):
        raise Http404("ไม่พบกิจกรรม")
    return act


def attachment_for_user(user, pk: int) -> ProgressAttachment:
    att = ProgressAttachment.objects.select_related("progress__activity__plan__subcommittee").filter(pk=pk).first()
    if att is None or not can_view_document(user, att.progress.activity.plan):
        raise Http404("ไม่พบไฟล์")
    return att


def meetings_for_proposal(doc) -> QuerySet:
    """Meetings of the document's own subcommittee that can still take an agenda item."""
    from actionplans.workflow import AGENDA_OPEN_STATES
    from meetings.models import Meeting

    return (
        Meeting.objects.filter(subcommittee_id=doc.subcommittee_id, state__in=AGENDA_OPEN_STATES)
        .select_related("subcommittee")
        .order_by("-starts_at")
    )


def approving_resolutions(doc) -> QuerySet:
    """Resolutions of the document's own subcommittee's meetings that approve something."""
    from actionplans.workflow import APPROVING_OUTCOMES
    from meetings.models import Resolution

    return (
        Resolution.objects.filter(
            agenda_item__meeting__subcommittee_id=doc.subcommittee_id, outcome__in=APPROVING_OUTCOMES
        )
        .select_related("agenda_item__meeting__subcommittee", "agenda_item__parent")
        .order_by("-agenda_item__meeting__starts_at", "agenda_item__order")
    )


# --- Situation reports ---------------------------------------------------------------------------


def report_list(user, *, year: int | None = None, province: Province | None = None) -> QuerySet[SituationReport]:
    qs = (
        _visible(SituationReport.objects.exclude(state=DocState.SUPERSEDED), user)
        .select_related("subcommittee__province")
        .order_by("-year", "subcommittee__province__code", "-revision")
    )
    if year:
        qs = qs.filter(year=year)
    if province is not None:
        qs = qs.filter(subcommittee__province=province)
    return qs


def report_for_user(user, pk: int) -> SituationReport:
    report = (
        _visible(SituationReport.objects.all(), user)
        .select_related(
            "subcommittee__province",
            "previous",
            "agenda_item__meeting",
            "agenda_item__parent",
            "resolution__agenda_item__meeting",
            "resolution__agenda_item__parent",
        )
        .prefetch_related(Prefetch("nationalities", queryset=VictimsByNationality.objects.order_by("id")))
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_view_document(user, report):
        raise Http404("ไม่พบรายงานสถานการณ์")
    return report


# --- National status -----------------------------------------------------------------------------


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


# --- Reads for the reports app. ---


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
