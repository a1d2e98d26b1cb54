"""Writes to action plans, their activities and progress, and situation reports.

Each one: keyword-only arguments, an explicit actor, one transaction,
``full_clean`` before saving and an audit record. State changes go through the
one transition table (``actionplans.workflow``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actionplans.choices import OPEN_STATES, DocState, Nationality
from actionplans.models import (
    ActionPlan,
    Activity,
    Progress,
    ProgressAttachment,
    SituationReport,
    VictimsByNationality,
)
from actionplans.permissions import (
    can_edit_document,
    can_prepare_documents,
    can_record_progress,
    can_revise_document,
)
from actionplans.workflow import DOCUMENT_WORKFLOW
from committees.models import Subcommittee
from core import audit, uploads
from core import workflow as core_workflow
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


# --- Action plans --------------------------------------------------------------------------------


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


# --- Transitions (plans and situation reports share the table) ----------------------------------


def transition(
    *,
    actor,
    doc: ActionPlan | SituationReport,
    name: str,
    meeting=None,
    resolution=None,
    reason: str = "",
) -> ActionPlan | SituationReport:
    """Fire a transition of the document table: propose (at ``meeting``), approve (by ``resolution``), withdraw."""
    if name == "supersede":
        raise core_workflow.TransitionRefused(_("ขั้นตอนนี้ระบบดำเนินการเอง"))
    return core_workflow.fire(
        workflow=DOCUMENT_WORKFLOW,
        model=type(doc),
        pk=doc.pk,
        name=name,
        actor=actor,
        roles_for=lambda obj: actor.access.roles_in(obj.subcommittee.province_id),
        province_for=lambda obj: obj.subcommittee.province,
        context={"meeting": meeting, "resolution": resolution, "reason": reason},
    )


def approve_by_meeting(*, actor, resolution) -> list[ActionPlan | SituationReport]:
    """The meeting decided the item where a plan or report was proposed: an approving result records its approval.

    Called when a vote on the item closes (``fundproposals.services.agenda_items``), in its
    transaction. The table's own ``approve`` step (its guard, effect and audit record),
    fired by the system on the meeting's behalf; any other result leaves the revision proposed.
    """
    from actionplans.workflow import APPROVING_OUTCOMES, SYSTEM

    if resolution.outcome not in APPROVING_OUTCOMES:
        return []
    docs = [
        *ActionPlan.objects.filter(agenda_item_id=resolution.agenda_item_id, state=DocState.PROPOSED),
        *SituationReport.objects.filter(agenda_item_id=resolution.agenda_item_id, state=DocState.PROPOSED),
    ]
    return [
        core_workflow.fire(
            workflow=DOCUMENT_WORKFLOW,
            model=type(doc),
            pk=doc.pk,
            name="approve",
            actor=actor,
            roles_for=lambda _obj: {SYSTEM},
            province_for=lambda obj: obj.subcommittee.province,
            context={"resolution": resolution, "reason": resolution.text},
        )
        for doc in docs
    ]


def withdraw_from_agenda(*, actor, agenda_item, reason: str) -> list[ActionPlan | SituationReport]:
    """A plan or report proposed under ``agenda_item``, just withdrawn from the agenda, goes back to draft.

    Called by ``meetings.services.withdraw_agenda_item`` in its transaction: the table's own
    ``withdraw`` step (audited), so the revision can be proposed at another meeting.
    """
    docs = [
        *ActionPlan.objects.filter(agenda_item=agenda_item, state=DocState.PROPOSED),
        *SituationReport.objects.filter(agenda_item=agenda_item, state=DocState.PROPOSED),
    ]
    return [transition(actor=actor, doc=doc, name="withdraw", reason=reason) for doc in docs]


# --- Situation reports ---------------------------------------------------------------------------


def check_situation_figures(figures: Mapping[str, int], nationalities: Mapping[str, int]) -> list[str]:
    """Thai messages for figures that are negative or breakdowns that do not add up to their totals."""
    errors = []
    labels = {f: SituationReport._meta.get_field(f).verbose_name for f in SituationReport.FIGURES}
    for f in SituationReport.FIGURES:
        value = figures.get(f, 0)
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{labels[f]} ต้องเป็นจำนวนเต็ม (ได้รับ “{value}”)")
        elif value < 0:
            errors.append(f"{labels[f]} ต้องไม่ติดลบ (ได้รับ {value})")
    for code, value in nationalities.items():
        if code not in Nationality.values:
            errors.append(f"ไม่รู้จักสัญชาติ “{code}”")
        elif not isinstance(value, int) or value < 0:
            errors.append(f"ผู้เสียหายสัญชาติ{Nationality(code).label} ต้องเป็นจำนวนเต็มไม่ติดลบ (ได้รับ “{value}”)")
    if errors:
        return errors
    total = figures.get("victims_total", 0)
    male, female = figures.get("victims_male", 0), figures.get("victims_female", 0)
    if male + female != total:
        errors.append(
            f"ผู้เสียหายจำแนกตามเพศ (ชาย {male:,} + หญิง {female:,} = {male + female:,} คน) "
            f"ไม่เท่ากับผู้เสียหายทั้งหมด {total:,} คน"
        )
    child, adult = figures.get("victims_child", 0), figures.get("victims_adult", 0)
    if child + adult != total:
        errors.append(
            f"ผู้เสียหายจำแนกตามช่วงอายุ (เด็ก {child:,} + ผู้ใหญ่ {adult:,} = {child + adult:,} คน) "
            f"ไม่เท่ากับผู้เสียหายทั้งหมด {total:,} คน"
        )
    by_nat = sum(nationalities.values())
    if by_nat != total:
        parts = " + ".join(f"{Nationality(c).label} {v:,}" for c, v in nationalities.items())
        errors.append(f"ผู้เสียหายจำแนกตามสัญชาติ ({parts} = {by_nat:,} คน) ไม่เท่ากับผู้เสียหายทั้งหมด {total:,} คน")
    assisted = figures.get("victims_assisted", 0)
    if assisted > total:
        errors.append(f"ผู้เสียหายที่ได้รับการช่วยเหลือ {assisted:,} คน มากกว่าผู้เสียหายทั้งหมด {total:,} คน")
    return errors


def _apply_report_content(
    report: SituationReport, figures: Mapping[str, Any], nationalities: Mapping[str, int], narrative: Mapping[str, str]
) -> None:
    errors = check_situation_figures(figures, nationalities)
    if errors:
        raise ValidationError(errors)
    for f in SituationReport.FIGURES:
        setattr(report, f, figures.get(f, 0))
    for f in SituationReport.NARRATIVE:
        if f in narrative:
            setattr(report, f, narrative[f].strip())


def _save_nationalities(report: SituationReport, nationalities: Mapping[str, int]) -> None:
    existing = {row.nationality: row for row in report.nationalities.select_for_update()}
    for code in Nationality.values:
        value = nationalities.get(code, 0)
        row = existing.get(code) or VictimsByNationality(report=report, nationality=code)
        if row.pk and row.victims == value:
            continue
        row.victims = value
        row.full_clean()
        row.save()


def _report_snapshot(report: SituationReport) -> dict:
    snap = audit.snapshot(report, [*SituationReport.FIGURES, *SituationReport.NARRATIVE])
    snap["nationalities"] = {r.nationality: r.victims for r in report.nationalities.all()}
    return snap


def create_situation_report(
    *,
    actor,
    subcommittee: Subcommittee,
    year: int,
    figures: Mapping[str, Any],
    nationalities: Mapping[str, int],
    narrative: Mapping[str, str],
) -> SituationReport:
    """Draft the situation report of a year: aggregate figures only, breakdowns adding up to their totals."""
    _check(can_prepare_documents(actor, subcommittee))
    check_fiscal_year(year)
    with transaction.atomic():
        Subcommittee.objects.select_for_update().get(pk=subcommittee.pk)
        if SituationReport.objects.filter(subcommittee=subcommittee, year=year).exists():
            raise ValidationError(f"มีรายงานสถานการณ์ปี {year} อยู่แล้ว ให้แก้ไขฉบับร่าง หรือจัดทำฉบับปรับปรุง")
        report = SituationReport(subcommittee=subcommittee, year=year, created_by=actor)
        _apply_report_content(report, figures, nationalities, narrative)
        report.full_clean()
        report.save()
        _save_nationalities(report, nationalities)
        audit.record(
            actor=actor,
            action="sitrep.create",
            target=report,
            province=subcommittee.province,
            changes=audit.diff({}, _report_snapshot(report)),
        )
    return report


def update_situation_report(
    *,
    actor,
    report: SituationReport,
    figures: Mapping[str, Any],
    nationalities: Mapping[str, int],
    narrative: Mapping[str, str],
) -> SituationReport:
    """Change a draft report; nothing is saved when any figure is refused."""
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().select_related("subcommittee__province").get(pk=report.pk)
        _check(can_edit_document(actor, report))
        before = _report_snapshot(report)
        _apply_report_content(report, figures, nationalities, narrative)
        report.full_clean()
        report.save()
        _save_nationalities(report, nationalities)
        audit.record(
            actor=actor,
            action="sitrep.update",
            target=report,
            province=report.subcommittee.province,
            changes=audit.diff(before, _report_snapshot(report)),
        )
    return report


def revise_situation_report(*, actor, report: SituationReport) -> SituationReport:
    """A new draft revision of an approved report, with the same figures; the approved one kept."""
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().select_related("subcommittee__province").get(pk=report.pk)
        has_open = SituationReport.objects.filter(
            subcommittee_id=report.subcommittee_id, year=report.year, state__in=OPEN_STATES
        ).exists()
        _check(can_revise_document(actor, report, has_open_revision=has_open))
        latest = SituationReport.objects.filter(subcommittee_id=report.subcommittee_id, year=report.year).aggregate(
            n=Max("revision")
        )["n"]
        new = SituationReport(
            subcommittee=report.subcommittee, year=report.year, revision=latest + 1, previous=report, created_by=actor
        )
        for f in (*SituationReport.FIGURES, *SituationReport.NARRATIVE):
            setattr(new, f, getattr(report, f))
        new.full_clean()
        new.save()
        _save_nationalities(new, {r.nationality: r.victims for r in report.nationalities.all()})
        audit.record(
            actor=actor,
            action="sitrep.revise",
            target=new,
            province=report.subcommittee.province,
            changes={"revision": [report.revision, new.revision]},
        )
    return new
