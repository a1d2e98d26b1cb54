"""Writes to action plans: create, copy last year's, revise, activities and quarterly progress."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actionplans.choices import OPEN_STATES, DocState
from actionplans.models import (
    ActionPlan,
    Activity,
    Progress,
    ProgressAttachment,
)
from actionplans.permissions import (
    can_edit_document,
    can_prepare_documents,
    can_record_progress,
    can_revise_document,
)
from committees.models import Subcommittee
from core import audit, uploads
from core.forms import check_fiscal_year

ACTIVITY_FIELDS = [
    "order",
    "pillar",
    "strategy",
    "name",
    "target_quantity",
    "target_unit",
    "q1",
    "q2",
    "q3",
    "q4",
    "budget",
    "budget_source",
    "responsible_agency",
]
PROGRESS_FIELDS = ["done", "quantity_achieved", "budget_spent", "note"]


def _check(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def _plan_title(subcommittee: Subcommittee, fiscal_year: int) -> str:
    return f"แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{subcommittee.province} ประจำปีงบประมาณ {fiscal_year}"


def _copy_activity(source: Activity, plan: ActionPlan, *, keep_lineage: bool = True) -> Activity:
    act = Activity(plan=plan, source_activity=source if keep_lineage else None)
    for f in ACTIVITY_FIELDS:
        setattr(act, f, getattr(source, f))
    act.full_clean()
    act.save()
    return act


def create_plan(
    *, actor, subcommittee: Subcommittee, fiscal_year: int, title: str = "", copy_from: ActionPlan | None = None
) -> ActionPlan:
    """Start revision 1 of a fiscal year's plan, empty or as a copy of another plan's activities.

    A year that already has a plan is refused: a change after approval is a new revision
    (``revise_plan``), and a draft is edited, not started again.
    """
    _check(can_prepare_documents(actor, subcommittee))
    check_fiscal_year(fiscal_year)
    if copy_from is not None and copy_from.subcommittee_id != subcommittee.pk:
        raise ValidationError(_("คัดลอกได้เฉพาะแผนของจังหวัดเดียวกัน"))
    with transaction.atomic():
        Subcommittee.objects.select_for_update().get(pk=subcommittee.pk)
        if ActionPlan.objects.filter(subcommittee=subcommittee, fiscal_year=fiscal_year).exists():
            raise ValidationError(
                f"มีแผนปฏิบัติการปีงบประมาณ {fiscal_year} อยู่แล้ว ให้แก้ไขฉบับร่าง หรือจัดทำฉบับปรับปรุงจากฉบับที่เห็นชอบ"
            )
        plan = ActionPlan(
            subcommittee=subcommittee,
            fiscal_year=fiscal_year,
            title=title.strip() or _plan_title(subcommittee, fiscal_year),
            copied_from=copy_from,
            created_by=actor,
        )
        plan.full_clean()
        plan.save()
        copied = 0
        if copy_from is not None:
            for source in copy_from.activities.order_by("order", "id"):
                _copy_activity(source, plan, keep_lineage=False)
                copied += 1
        audit.record(
            actor=actor,
            action="actionplan.create",
            target=plan,
            province=subcommittee.province,
            changes={"fiscal_year": [None, fiscal_year], "copied_from": [None, copy_from], "activities": [0, copied]},
        )
    return plan


def last_years_plan(subcommittee: Subcommittee, fiscal_year: int) -> ActionPlan | None:
    """The plan to start from: last year's approved revision, else its latest revision."""
    previous = ActionPlan.objects.filter(subcommittee=subcommittee, fiscal_year=fiscal_year - 1)
    return (
        previous.filter(state=DocState.APPROVED).first()
        or previous.exclude(state=DocState.SUPERSEDED).order_by("-revision").first()
    )


def copy_last_years_plan(*, actor, subcommittee: Subcommittee, fiscal_year: int) -> ActionPlan:
    """Start this year's plan from last year's (activities copied, progress not): edit it, then propose it."""
    source = last_years_plan(subcommittee, fiscal_year)
    if source is None:
        raise ValidationError(f"ไม่พบแผนปฏิบัติการปีงบประมาณ {fiscal_year - 1} ที่จะคัดลอก")
    return create_plan(actor=actor, subcommittee=subcommittee, fiscal_year=fiscal_year, copy_from=source)


def revise_plan(*, actor, plan: ActionPlan) -> ActionPlan:
    """A new draft revision of an approved plan: activities and their progress carried over; the approved one kept."""
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("subcommittee__province").get(pk=plan.pk)
        has_open = ActionPlan.objects.filter(
            subcommittee_id=plan.subcommittee_id, fiscal_year=plan.fiscal_year, state__in=OPEN_STATES
        ).exists()
        _check(can_revise_document(actor, plan, has_open_revision=has_open))
        latest = ActionPlan.objects.filter(
            subcommittee_id=plan.subcommittee_id, fiscal_year=plan.fiscal_year
        ).aggregate(n=Max("revision"))["n"]
        new = ActionPlan(
            subcommittee=plan.subcommittee,
            fiscal_year=plan.fiscal_year,
            title=plan.title,
            revision=latest + 1,
            previous=plan,
            copied_from=plan.copied_from,
            created_by=actor,
        )
        new.full_clean()
        new.save()
        for source in plan.activities.prefetch_related("progress").order_by("order", "id"):
            act = _copy_activity(source, new)
            Progress.objects.bulk_create(
                Progress(
                    activity=act,
                    quarter=p.quarter,
                    done=p.done,
                    quantity_achieved=p.quantity_achieved,
                    budget_spent=p.budget_spent,
                    note=p.note,
                    recorded_by=p.recorded_by,
                )
                for p in source.progress.all()
            )
        audit.record(
            actor=actor,
            action="actionplan.revise",
            target=new,
            province=plan.subcommittee.province,
            changes={"revision": [plan.revision, new.revision]},
        )
    return new


def _locked_plan_for_edit(actor, plan_id: int) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().select_related("subcommittee__province").get(pk=plan_id)
    _check(can_edit_document(actor, plan))
    return plan


def add_activity(*, actor, plan: ActionPlan, **fields: Any) -> Activity:
    """Add an activity to a draft plan; ``order`` defaults to the next number."""
    with transaction.atomic():
        plan = _locked_plan_for_edit(actor, plan.pk)
        if not fields.get("order"):
            fields["order"] = (plan.activities.aggregate(n=Max("order"))["n"] or 0) + 1
        act = Activity(plan=plan, **{f: v for f, v in fields.items() if f in ACTIVITY_FIELDS})
        act.full_clean()
        act.save()
        audit.record(
            actor=actor,
            action="actionplan.activity.add",
            target=act,
            province=plan.subcommittee.province,
            changes=audit.diff({}, audit.snapshot(act, ACTIVITY_FIELDS)),
        )
    return act


def update_activity(*, actor, activity: Activity, **fields: Any) -> Activity:
    """Change an activity of a draft plan (an approved plan is frozen: revise it instead)."""
    with transaction.atomic():
        plan = _locked_plan_for_edit(actor, activity.plan_id)
        act = Activity.objects.select_for_update().get(pk=activity.pk, plan=plan)
        before = audit.snapshot(act, ACTIVITY_FIELDS)
        for f, v in fields.items():
            if f in ACTIVITY_FIELDS:
                setattr(act, f, v)
        act.full_clean()
        act.save()
        audit.record(
            actor=actor,
            action="actionplan.activity.update",
            target=act,
            province=plan.subcommittee.province,
            changes=audit.diff(before, audit.snapshot(act, ACTIVITY_FIELDS)),
        )
    return act


def record_progress(
    *,
    actor,
    activity: Activity,
    quarter: int,
    done: str,
    quantity_achieved: int,
    budget_spent: Decimal,
    note: str = "",
    files: Iterable = (),
) -> Progress:
    """Record (or correct) what was done on an activity in a quarter, with photos or files."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("ไตรมาสต้องเป็น 1 ถึง 4"))
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("subcommittee__province").get(pk=activity.plan_id)
        newer = ActionPlan.objects.filter(
            subcommittee_id=plan.subcommittee_id, fiscal_year=plan.fiscal_year, revision__gt=plan.revision
        ).exists()
        _check(can_record_progress(actor, plan, has_newer_revision=newer))
        progress = Progress.objects.select_for_update().filter(activity_id=activity.pk, quarter=quarter).first()
        before = audit.snapshot(progress, PROGRESS_FIELDS) if progress else {}
        progress = progress or Progress(activity_id=activity.pk, quarter=quarter)
        progress.done = done
        progress.quantity_achieved = quantity_achieved
        progress.budget_spent = budget_spent
        progress.note = note
        progress.recorded_by = actor
        progress.full_clean()
        progress.save()
        names = []
        for f in files:
            info = getattr(f, "upload_info", None) or uploads.validate_upload(f)
            att = ProgressAttachment(progress=progress, uploaded_by=actor)
            uploads.fill_stored_file(att, f, info)
            att.full_clean()
            att.save()
            names.append(att.display_name)
        changes = audit.diff(before, audit.snapshot(progress, PROGRESS_FIELDS))
        if names:
            changes["attachments"] = [None, names]
        audit.record(
            actor=actor,
            action="actionplan.progress.record",
            target=progress,
            province=plan.subcommittee.province,
            changes=changes,
        )
    return progress
