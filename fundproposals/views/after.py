"""After the resolution: the fund's decision, the contract, the results report and its photos."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import require
from fundproposals import selectors, services
from fundproposals.forms import (
    ContractForm,
    FundDecisionForm,
    PhotoForm,
    ReportForm,
)
from fundproposals.permissions import (
    can_add_photo,
    can_step,
)
from fundproposals.views.common import _data, _form_error


def _record_step(request, pk, *, step, form_class, initial, service, done, title):
    """The fund's decision, the contract and the results report: one form, one service, back to the proposal."""
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, step))
    form = form_class(_data(request), initial=initial(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/record.html", {"p": proposal, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
def fund_decision(request, pk):
    return _record_step(
        request,
        pk,
        step="fund_decision",
        form_class=FundDecisionForm,
        initial=lambda p: {"approved_amount": p.recommended_amount},
        service=services.record_fund_decision,
        done=_("บันทึกผลการพิจารณาของกองทุนแล้ว"),
        title=_("ผลการพิจารณาของกองทุน"),
    )


@require_http_methods(["GET", "POST"])
def contract(request, pk):
    return _record_step(
        request,
        pk,
        step="contract",
        form_class=ContractForm,
        initial=lambda p: {"amount": p.fund_approved_amount},
        service=services.record_contract,
        done=_("บันทึกสัญญาแล้ว"),
        title=_("บันทึกสัญญา"),
    )


@require_http_methods(["GET", "POST"])
def report(request, pk):
    return _record_step(
        request,
        pk,
        step="report",
        form_class=ReportForm,
        initial=lambda p: {"received": p.contract_amount},
        service=services.record_report,
        done=_("บันทึกรายงานผลการดำเนินโครงการแล้ว"),
        title=_("รายงานผลการดำเนินโครงการ"),
    )


@require_http_methods(["GET", "POST"])
def photo_upload(request, pk):
    """Results photos (jpg/png), added once the contract is signed."""
    proposal = selectors.proposal_for(request.user, pk)
    require(can_add_photo(request.user, proposal))
    form = PhotoForm(_data(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            services.add_attachment(actor=request.user, proposal=proposal, upload=f, info=f.upload_info, kind="photo")
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("แนบภาพผลการดำเนินงานแล้ว"))
            return redirect("fundproposals:detail", pk=pk)
    return render(
        request, "fundproposals/record.html", {"p": proposal, "form": form, "title": _("แนบภาพผลการดำเนินงาน")}
    )
