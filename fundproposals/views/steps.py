"""Workflow steps: submission, the secretariat's check, revisions and reviews."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.permissions import require
from fundproposals import selectors, services
from fundproposals.choices import CHECKLIST
from fundproposals.forms import (
    ChecklistForm,
    ReasonForm,
    ReviewForm,
)
from fundproposals.permissions import (
    can_review_proposal,
    can_step,
)
from fundproposals.validation import submission_problems
from fundproposals.views.common import _data, _form_error
from fundproposals.workflow import PROPOSAL_WORKFLOW, SIMPLE_TRANSITIONS

# --- workflow steps ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_step(request, pk, name):
    """Steps that need nothing but a confirmation (and sometimes a reason)."""
    if name not in SIMPLE_TRANSITIONS:
        raise Http404
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, name))
    t = PROPOSAL_WORKFLOW.get(name)
    form = ReasonForm(_data(request), required=t.needs_reason)
    problems = submission_problems(proposal) if name in ("submit", "resubmit") else []
    if request.method == "POST" and form.is_valid():
        try:
            services.fire_simple(actor=request.user, proposal=proposal, name=name, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            done = {
                "submit": _("ยื่นโครงการแล้ว ฝ่ายเลขานุการได้รับเรื่องแล้ว"),
                "resubmit": _("ยื่นโครงการที่ปรับปรุงแล้ว"),
            }
            messages.success(request, done.get(name, _("%(label)sแล้ว") % {"label": t.label}))
            return redirect("fundproposals:detail", pk=pk)
    return render(
        request,
        "fundproposals/step.html",
        {"p": proposal, "t": t, "form": form, "problems": problems, "form_code": _(settings.FUND_FORM_CODE)},
    )


@require_http_methods(["GET", "POST"])
def proposal_check(request, pk):
    """The secretariat's completeness check: send to member review, or return with reasons."""
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    require(can_step(request.user, proposal, "accept"))
    form = ChecklistForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            if "return" in request.POST:
                note = form.cleaned_data["note"].strip()
                if not note:
                    raise ValidationError({"note": _("กรุณาระบุเหตุผลที่ส่งกลับให้ปรับปรุง")})
                missing = [label for key, label in CHECKLIST if not form.checklist()[key]]
                reason = note + (_(" (ยังขาด: ") + ", ".join(str(m) for m in missing) + ")" if missing else "")
                services.return_for_revision(actor=request.user, proposal=proposal, reason=reason)
                messages.success(request, _("ส่งกลับให้ผู้เสนอปรับปรุงแล้ว"))
            else:
                services.accept(
                    actor=request.user, proposal=proposal, checklist=form.checklist(), note=form.cleaned_data["note"]
                )
                messages.success(request, _("ส่งให้อนุกรรมการพิจารณาแล้ว"))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            return redirect("fundproposals:detail", pk=pk)
    return render(
        request, "fundproposals/check.html", {"p": proposal, "form": form, "problems": submission_problems(proposal)}
    )


@require_safe
def revisions(request, pk):
    """Every submitted version; one compared with the one before it."""
    proposal = selectors.proposal_for(request.user, pk)
    revs = list(selectors.revisions(proposal))
    if not revs:
        return render(request, "fundproposals/revisions.html", {"p": proposal, "revs": [], "rows": []})
    try:
        n = int(request.GET.get("n") or revs[-1].number)
    except ValueError:
        raise Http404 from None
    by = {r.number: r for r in revs}
    if n not in by:
        raise Http404
    current, previous = by[n], by.get(n - 1)
    rows = _compare(previous.data if previous else {}, current.data)
    return render(
        request,
        "fundproposals/revisions.html",
        {"p": proposal, "revs": revs, "current": current, "previous": previous, "rows": rows},
    )


def _compare(before: dict, after: dict) -> list[dict]:
    from django.core.exceptions import FieldDoesNotExist

    from fundproposals.models import Proposal as P

    labels = {f.name: str(f.verbose_name) for f in P._meta.fields}
    labels.update(
        {
            "pillars": _("ด้านยุทธศาสตร์"),
            "activities": _("กิจกรรม"),
            "budget_lines": _("รายการงบประมาณ"),
            "attachments": _("เอกสารแนบ"),
        }
    )
    rows = []
    for key in after:
        try:
            field = P._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        b, a = before.get(key), after.get(key)
        rows.append(
            {
                "label": labels.get(key, key),
                "before": _plain(field, key, b),
                "after": _plain(field, key, a),
                "changed": b != a and bool(before),
            }
        )
    return rows


def _plain(field, key: str, value) -> str:
    """A snapshot value as a person reads it: Thai labels for codes, BE dates."""
    from core.audit import display_value
    from core.pillars import Pillar

    if value is None or value == "":
        return ""
    if key == "pillars" and isinstance(value, list):
        return ", ".join(str(Pillar(v).label) if v in Pillar.values else str(v) for v in value)
    if isinstance(value, list):
        return "\n".join(
            " · ".join(display_value(None, v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    return display_value(field, value)


@require_http_methods(["GET", "POST"])
def review_create(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    seat = selectors.member_seat(request.user, proposal.province_id)
    require(can_review_proposal(request.user, proposal, seat))
    form = ReviewForm(_data(request), initial={"recommended_amount": proposal.requested_amount})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_review(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("บันทึกความเห็นแล้ว"))
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/review.html", {"p": proposal, "form": form, "seat": seat})
