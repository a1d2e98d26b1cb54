"""Writes to situation reports: check the figures, create, update and revise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from actionplans.choices import OPEN_STATES, Nationality
from actionplans.models import (
    SituationReport,
    VictimsByNationality,
)
from actionplans.permissions import (
    can_edit_document,
    can_prepare_documents,
    can_revise_document,
)
from actionplans.services.plans import _check
from committees.models import Subcommittee
from core import audit
from core.forms import check_fiscal_year


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
