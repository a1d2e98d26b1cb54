"""Writes to provinces' risk groups and subcommittees. Each one: actor, transaction, full_clean, audit."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

import ledger.services  # ledger hook (issue 15)
from committees.choices import RiskGroup
from committees.models import Member, Province, RiskGroupAssignment, Subcommittee
from committees.permissions import can_manage_subcommittee, can_set_risk_groups
from core import audit
from core.forms import check_fiscal_year

MEMBER_FIELDS = [
    "full_name",
    "position",
    "agency",
    "role",
    "chair_capacity",
    "term_start",
    "term_end",
    "order",
    "email",
    "user",
]


def set_risk_groups(*, actor, fiscal_year: int, groups: Mapping[str, str | None], source_document: str = "") -> int:
    """Set the group of each province (by code) for a fiscal year; returns how many changed.

    A blank group leaves the province as it is (nothing decided is removed).
    The whole sheet is refused if any code or group is unknown.
    """
    if not can_set_risk_groups(actor):
        raise PermissionDenied
    check_fiscal_year(fiscal_year)
    provinces = {p.code: p for p in Province.objects.filter(code__in=list(groups))}
    unknown = sorted(set(groups) - set(provinces))
    if unknown:
        raise ValidationError(f"ไม่พบรหัสจังหวัด: {', '.join(unknown)}")
    bad = sorted(code for code, g in groups.items() if g and g not in RiskGroup.values)
    if bad:
        raise ValidationError(f"กลุ่มต้องเป็น A, B, C หรือ D (จังหวัดรหัส {', '.join(bad)})")
    changed = 0
    with transaction.atomic():
        existing = {
            a.province_id: a
            for a in RiskGroupAssignment.objects.select_for_update().filter(
                fiscal_year=fiscal_year, province__code__in=list(groups)
            )
        }
        for code, group in groups.items():
            if not group:
                continue
            province = provinces[code]
            current = existing.get(province.pk)
            if (
                current
                and current.group == group
                and (current.source_document == source_document or not source_document)
            ):
                continue
            before = {"group": current.group, "source_document": current.source_document} if current else {}
            row = current or RiskGroupAssignment(province=province, fiscal_year=fiscal_year)
            row.group = group
            if source_document or not current:
                row.source_document = source_document
            row.set_by = actor
            row.full_clean()
            row.save()
            ledger.services.append(kind="risk_group", record=row, actor=actor)  # ledger hook (issue 15)
            audit.record(
                actor=actor,
                action="risk_group.set",
                target=row,
                province=province,
                changes=audit.diff(before, {"group": row.group, "source_document": row.source_document}),
            )
            changed += 1
    return changed


def add_risk_group(
    *, actor, province_code: str, fiscal_year: int, group: str, source_document: str = ""
) -> RiskGroupAssignment:
    """Record a group for a province and year that has none yet (a second one is refused)."""
    if not can_set_risk_groups(actor):
        raise PermissionDenied
    check_fiscal_year(fiscal_year)
    try:
        province = Province.objects.get(code=province_code)
    except Province.DoesNotExist:
        raise ValidationError({"province_code": f"ไม่พบจังหวัดรหัส {province_code}"}) from None
    if RiskGroupAssignment.objects.filter(province=province, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            {"fiscal_year": f"{province} มีกลุ่มของปีงบประมาณ {fiscal_year} อยู่แล้ว แก้ไขได้ที่หน้ากำหนดกลุ่มจังหวัด"}
        )
    with transaction.atomic():
        row = RiskGroupAssignment(
            province=province, fiscal_year=fiscal_year, group=group, source_document=source_document, set_by=actor
        )
        row.full_clean()
        row.save()
        ledger.services.append(kind="risk_group", record=row, actor=actor)  # ledger hook (issue 15)
        audit.record(
            actor=actor,
            action="risk_group.set",
            target=row,
            province=province,
            changes=audit.diff({}, {"group": group, "source_document": source_document}),
        )
    return row


def update_subcommittee(*, actor, subcommittee: Subcommittee, **fields) -> Subcommittee:
    if not can_manage_subcommittee(actor, subcommittee):
        raise PermissionDenied
    names = list(fields)
    with transaction.atomic():
        sc = Subcommittee.objects.select_for_update().get(pk=subcommittee.pk)
        before = audit.snapshot(sc, names)
        for k, v in fields.items():
            setattr(sc, k, v)
        sc.full_clean()
        sc.save()
        audit.record(
            actor=actor,
            action="subcommittee.update",
            target=sc,
            province=sc.province,
            changes=audit.diff(before, audit.snapshot(sc, names)),
        )
    return sc


def add_member(*, actor, subcommittee: Subcommittee, **fields) -> Member:
    """Seat a new member on the subcommittee."""
    if not can_manage_subcommittee(actor, subcommittee):
        raise PermissionDenied
    with transaction.atomic():
        member = Member(subcommittee=subcommittee, **fields)
        member.full_clean()
        member.save()
        audit.record(
            actor=actor,
            action="member.add",
            target=member,
            province=subcommittee.province,
            changes=audit.diff({}, audit.snapshot(member, MEMBER_FIELDS)),
        )
    return member


def update_member(*, actor, member: Member, **fields) -> Member:
    """Change a member's details or term. Members are never deleted: a term is ended instead."""
    if not can_manage_subcommittee(actor, member.subcommittee):
        raise PermissionDenied
    with transaction.atomic():
        locked = Member.objects.select_for_update().select_related("subcommittee__province").get(pk=member.pk)
        before = audit.snapshot(locked, MEMBER_FIELDS)
        for k, v in fields.items():
            setattr(locked, k, v)
        locked.full_clean()
        locked.save()
        audit.record(
            actor=actor,
            action="member.update",
            target=locked,
            province=locked.subcommittee.province,
            changes=audit.diff(before, audit.snapshot(locked, MEMBER_FIELDS)),
        )
    return locked
