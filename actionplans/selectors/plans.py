"""Plans the user may see, one plan, its activities with their progress, and an activity or a progress file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
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

from actionplans.choices import DocState
from actionplans.models import ActionPlan, Activity, Progress, ProgressAttachment
from actionplans.permissions import can_view_document
from actionplans.selectors.common import MONEY, _activity_sum, _risk_group, _visible, ended_quarters
from committees.models import Province


def plan_rows(user, *, fiscal_year: int | None = None, province: Province | None = None) -> QuerySet[ActionPlan]:
    """The rows of ``plan_list`` without its figures: what the list's version and count read."""
    qs = _visible(ActionPlan.objects.exclude(state=DocState.SUPERSEDED), user).order_by(
        "-fiscal_year", "subcommittee__province__code", "-revision"
    )
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if province is not None:
        qs = qs.filter(subcommittee__province=province)
    return qs


def plan_list(user, *, fiscal_year: int | None = None, province: Province | None = None) -> QuerySet[ActionPlan]:
    """Live revisions (not superseded) the user may read, with their activity count, budget and risk group."""
    activities = Activity.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return (
        plan_rows(user, fiscal_year=fiscal_year, province=province)
        .select_related("subcommittee__province")
        .annotate(
            activity_count=Coalesce(Subquery(activities.annotate(n=Count("pk")).values("n")[:1]), Value(0)),
            total_budget=Coalesce(
                Subquery(activities.annotate(s=Sum("budget")).values("s")[:1]), Value(Decimal(0)), output_field=MONEY
            ),
            risk_group=_risk_group("subcommittee__province", OuterRef("fiscal_year")),
        )
    )


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


def plan_heading_for_user(user, pk: int) -> ActionPlan:
    """``plan_for_user`` without the relations only the page's heading draws (its province is kept:
    the permission checks read it): the plan page when its heading is already drawn."""
    plan = _visible(ActionPlan.objects.all(), user).select_related("subcommittee__province").filter(pk=pk).first()
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
    # whether a quarter has files is all the page shows of them: an EXISTS, not a third query
    files = ProgressAttachment.objects.filter(progress=OuterRef("pk"))
    activities = list(
        plan.activities.prefetch_related(
            Prefetch("progress", queryset=Progress.objects.order_by("quarter").annotate(has_files=Exists(files)))
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
