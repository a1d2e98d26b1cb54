"""The form (กปค.01): create, edit, attach."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from fundproposals.choices import (
    ProjectKind,
)
from fundproposals.models import (
    Activity,
    Attachment,
    BudgetLine,
    Proposal,
    ProposalPillar,
)
from fundproposals.permissions import (
    can_add_photo,
    can_create_proposal,
    can_edit_proposal,
    proposable_province_ids,
)
from fundproposals.services.common import FORM_FIELDS, snapshot
from fundproposals.validation import ceiling_problem, dates_problem, location_problem


def create_proposal(*, actor, province, fiscal_year: int, title: str) -> Proposal:
    """Start a draft in a province where the actor may propose (the owner is the actor)."""
    if not can_create_proposal(actor) or province.pk not in proposable_province_ids(actor):
        raise PermissionDenied(_("ท่านไม่มีสิทธิ์เสนอโครงการในจังหวัดนี้"))
    with transaction.atomic():
        proposal = Proposal(province=province, fiscal_year=fiscal_year, title=title, proposer=actor)
        proposal.full_clean()
        proposal.save()
        audit.record(
            actor=actor,
            action="proposal.create",
            target=proposal,
            province=province,
            changes=audit.diff({}, {"title": title, "fiscal_year": fiscal_year}),
        )
    return proposal


def _check_form_values(proposal: Proposal) -> None:
    errors = {}
    if p := dates_problem(proposal.start_date, proposal.end_date):
        errors["end_date"] = p
    if p := ceiling_problem(proposal.requested_amount):
        errors["requested_amount"] = p
    if p := location_problem(proposal.province.code, proposal.district_code, proposal.subdistrict_code):
        errors["subdistrict_code" if "ตำบล" in p else "district_code"] = p
    if proposal.kind == ProjectKind.NEW and proposal.previous_project_id:
        proposal.previous_project = None
    if errors:
        raise ValidationError(errors)


def update_proposal(
    *,
    actor,
    proposal: Proposal,
    fields: dict[str, Any] | None = None,
    pillars: list[str] | None = None,
    activities: list[dict[str, Any]] | None = None,
    budget_lines: list[dict[str, Any]] | None = None,
) -> Proposal:
    """Save a section of the draft (any time; the full rules are checked on submission).

    Lists given replace the draft's rows; the submitted versions are kept as revisions.
    """
    with transaction.atomic():
        locked = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal.pk)
        verdict = can_edit_proposal(actor, locked)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        before = snapshot(locked)
        for name, value in (fields or {}).items():
            if name not in FORM_FIELDS:
                raise ValueError(f"not a form field: {name}")
            setattr(locked, name, value)
        if locked.district_code:
            import geothai

            d = geothai.district(locked.district_code)
            locked.district_name = d.name_th if d else ""
            s = geothai.subdistrict(locked.subdistrict_code) if locked.subdistrict_code else None
            locked.subdistrict_name = s.name_th if s else ""
        _check_form_values(locked)
        locked.full_clean()
        locked.save()
        if pillars is not None:
            locked.pillar_rows.exclude(pillar__in=pillars).delete()
            for p in pillars:
                ProposalPillar.objects.get_or_create(proposal=locked, pillar=p)
        if activities is not None:
            locked.activities.all().delete()
            for i, row in enumerate(activities, start=1):
                a = Activity(proposal=locked, order=i, **row)
                a.full_clean()
                a.save()
        if budget_lines is not None:
            locked.budget_lines.all().delete()
            for i, row in enumerate(budget_lines, start=1):
                line = BudgetLine(proposal=locked, order=i, **row)
                line.full_clean()
                line.save()
        changes = audit.diff(before, snapshot(locked))
        if changes:
            audit.record(
                actor=actor, action="proposal.update", target=locked, province=locked.province, changes=changes
            )
    return locked


def add_attachment(*, actor, proposal: Proposal, upload, info, kind: str = "document") -> Attachment:
    """Attach a file already checked by ``core.uploads.validate_upload`` (``info``)."""
    from core.uploads import fill_stored_file

    verdict = can_add_photo(actor, proposal) if kind == "photo" else can_edit_proposal(actor, proposal)
    if not verdict:
        raise PermissionDenied(verdict.reason)
    if kind == "photo" and info.kind not in ("jpg", "png"):
        raise ValidationError(_("ภาพผลการดำเนินงานต้องเป็นไฟล์รูปภาพ jpg หรือ png"))
    with transaction.atomic():
        att = Attachment(proposal=proposal, kind=kind, uploaded_by=actor)
        fill_stored_file(att, upload, info)
        att.full_clean()
        att.save()
        audit.record(
            actor=actor,
            action="proposal.attach",
            target=proposal,
            province=proposal.province,
            changes={"attachment": [None, att.display_name]},
        )
    return att
