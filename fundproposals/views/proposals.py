"""The list and the form of กปค.01 in sections (the detail page: ``views.detail``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from committees.selectors import visible_provinces
from core import cache
from core.permissions import require
from core.thaidate import current_fiscal_year
from core.uploads import file_response
from fundproposals import selectors, services
from fundproposals.forms import (
    SECTIONS,
    ActivityFormSet,
    AttachmentForm,
    BudgetLineFormSet,
    BudgetSection,
    ContentSection,
    GeneralSection,
    ManagementSection,
    NewProposalForm,
    ProposalFilter,
)
from fundproposals.permissions import (
    can_create_proposal,
    can_edit_proposal,
    proposable_province_ids,
)
from fundproposals.validation import money, submission_problems
from fundproposals.views.common import _data, _form_error


def _list_scope(user) -> str:
    """Whose rows a cached part of the list holds: every proposal for a national officer, else the
    readable provinces' plus the user's own proposals (``visible_proposals``), so the user's id."""
    scope = cache.scope_key(user)
    return scope if scope == "all" else f"{scope}:u{user.pk}"


@require_safe
def proposal_list(request):
    provinces = visible_provinces(request.user)
    flt = ProposalFilter(request.GET or None, queryset=selectors.proposal_list(request.user), provinces=provinces)
    proposals = flt.qs if flt.is_bound else flt.queryset
    # The rows, the totals and the filter form are drawn once per change of the proposals behind
    # them and kept under keys holding the reader's scope, the filters, the page and the data
    # version (one query gives the version and the count the pages need): another reader, a
    # change to any proposal in the set, or another language gets its own.
    count, version = cache.counted_version(proposals)
    paginator = Paginator(proposals, 50)
    paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    scope = _list_scope(request.user)
    filters = cache.query_key(request)
    base = f"proposals:{scope}:{filters}:{version}"

    def totals() -> dict:
        grand = proposals.order_by().aggregate(
            requested=Sum("requested_amount"),
            recommended=Sum("recommended_amount"),
            approved=Sum("fund_approved_amount"),
        )
        return {"totals": selectors.totals_by_pillar(proposals), "grand": grand}

    return render(
        request,
        "fundproposals/list.html",
        {
            # provinces never change here (reference data): the form is keyed on who may read which
            "filter_form": cache.rendered(
                f"proposal-filter:{cache.scope_key(request.user)}:{filters}",
                "fundproposals/partials/list_filter.html",
                lambda: {"filter": flt},
            ),
            "totals_table": cache.rendered(f"{base}:totals", "fundproposals/partials/list_totals.html", totals),
            "rows_table": cache.rendered(
                f"{base}:page{page.number}",
                "fundproposals/partials/list_rows.html",
                lambda: {"page": page, "query": query.urlencode()},
            ),
            "can_create": bool(can_create_proposal(request.user)),
            "form_code": _(settings.FUND_FORM_CODE),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    require(can_create_proposal(request.user))
    ids = proposable_province_ids(request.user)
    form = NewProposalForm(_data(request), province_ids=ids, initial={"fiscal_year": current_fiscal_year()})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("สร้างร่างโครงการแล้ว กรอกข้อมูลแต่ละหัวข้อและบันทึกร่างได้ตลอดเวลา"))
            return redirect("fundproposals:edit", pk=proposal.pk, section="general")
    return render(request, "fundproposals/create.html", {"form": form, "form_code": _(settings.FUND_FORM_CODE)})


# --- the form in sections ---------------------------------------------------


def _section_forms(request, proposal, section):
    data = request.POST if request.method == "POST" else None
    if section == "general":
        previous = (
            selectors.visible_proposals(request.user)
            .filter(province=proposal.province, code__isnull=False)
            .exclude(pk=proposal.pk)
        )
        return {"form": GeneralSection(data, instance=proposal, previous_choices=previous)}
    if section == "content":
        return {"form": ContentSection(data, instance=proposal, province_code=proposal.province.code)}
    if section == "budget":
        initial = [{"item": b.item, "amount": b.amount} for b in proposal.budget_lines.all()]
        return {
            "form": BudgetSection(data, instance=proposal),
            "formset": BudgetLineFormSet(data, initial=initial, prefix="lines"),
        }
    if section == "activities":
        initial = [{"name": a.name, "period": a.period, "cost": a.cost} for a in proposal.activities.all()]
        return {"formset": ActivityFormSet(data, initial=initial, prefix="acts")}
    if section == "management":
        return {"form": ManagementSection(data, instance=proposal)}
    if section == "attachments":
        return {"form": AttachmentForm(data, request.FILES if data is not None else None)}
    raise Http404


def _save_section(request, proposal, section, forms) -> None:
    form, formset = forms.get("form"), forms.get("formset")
    kwargs = {}
    if section == "attachments":
        f = form.cleaned_data["file"]
        services.add_attachment(actor=request.user, proposal=proposal, upload=f, info=f.upload_info)
        return
    if form is not None:
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.FORM_FIELDS}
        kwargs["fields"] = fields
        if section == "content":
            kwargs["pillars"] = form.cleaned_data["pillars"]
    if formset is not None:
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if section == "budget":
            kwargs["budget_lines"] = [
                {"item": r["item"], "amount": r["amount"]}
                for r in rows
                if r.get("item") and r.get("amount") is not None
            ]
        else:
            kwargs["activities"] = [
                {"name": r["name"], "period": r.get("period", ""), "cost": r.get("cost") or 0}
                for r in rows
                if r.get("name")
            ]
    services.update_proposal(actor=request.user, proposal=proposal, **kwargs)


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk, section):
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    require(can_edit_proposal(request.user, proposal))
    names = [s for s, _ in SECTIONS]
    if section not in names:
        raise Http404
    forms = _section_forms(request, proposal, section)
    if request.method == "POST":
        valid = all(f.is_valid() for f in forms.values())
        if valid:
            try:
                _save_section(request, proposal, section, forms)
            except ValidationError as exc:
                target = forms.get("form") or forms.get("formset")
                if hasattr(target, "add_error"):
                    _form_error(target, exc)
                else:
                    messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("บันทึกร่างแล้ว"))
                nxt = names.index(section) + 1
                if "next" in request.POST and nxt < len(names):
                    return redirect("fundproposals:edit", pk=pk, section=names[nxt])
                return redirect("fundproposals:edit", pk=pk, section=section)
        # the forms wrote what was typed onto the instance: the page shows the stored proposal
        proposal = selectors.proposal_for(request.user, pk, detail=True)
    lines_total = sum((b.amount for b in proposal.budget_lines.all()), Decimal("0.00"))
    expected = (proposal.requested_amount or Decimal(0)) + (proposal.cofunding_amount or Decimal(0))
    return render(
        request,
        "fundproposals/edit.html",
        {
            "p": proposal,
            "section": section,
            "sections": SECTIONS,
            "section_label": dict(SECTIONS)[section],
            "is_last": section == names[-1],
            "form_code": _(settings.FUND_FORM_CODE),
            "lines_total": money(lines_total),
            "expected_total": money(expected),
            "budget_matches": lines_total == expected,
            "ceiling": money(Decimal(settings.FUND_BUDGET_CEILING)),
            "documents": list(proposal.attachments.all()),
            "problems": submission_problems(proposal),
            "submit_url": reverse(
                "fundproposals:step", args=[proposal.pk, "resubmit" if proposal.state == "returned" else "submit"]
            ),
            **forms,
        },
    )


@require_safe
def attachment_download(request, pk, file_pk):
    attachment = selectors.attachment_for(request.user, pk, file_pk)
    return file_response(attachment)
