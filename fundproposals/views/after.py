"""After the resolution: the fund's decision, the contract, the results report and its photos."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View
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


class RecordStepView(View):
    """The fund's decision, the contract and the results report: one form, one service, back to the proposal.

    One view for the three steps; each URL names its step, form, service and words (``as_view`` below).
    """

    http_method_names = ["get", "post"]  # as ``require_http_methods(["GET", "POST"])``: anything else is 405
    step = ""
    form_class: type | None = None
    service: Callable | None = None
    done = ""
    title = ""

    def initial(self, proposal) -> dict:
        return {}

    def get(self, request, pk):
        proposal = selectors.proposal_for(request.user, pk)
        require(can_step(request.user, proposal, self.step))
        form = self.form_class(_data(request), initial=self.initial(proposal))
        if request.method == "POST" and form.is_valid():
            try:
                self.service(actor=request.user, proposal=proposal, **form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, self.done)
                return redirect("fundproposals:detail", pk=pk)
        return render(request, "fundproposals/record.html", {"p": proposal, "form": form, "title": self.title})

    post = get


fund_decision = RecordStepView.as_view(
    step="fund_decision",
    form_class=FundDecisionForm,
    initial=lambda p: {"approved_amount": p.recommended_amount},
    service=services.record_fund_decision,
    done=_("บันทึกผลการพิจารณาของกองทุนแล้ว"),
    title=_("ผลการพิจารณาของกองทุน"),
)
contract = RecordStepView.as_view(
    step="contract",
    form_class=ContractForm,
    initial=lambda p: {"amount": p.fund_approved_amount},
    service=services.record_contract,
    done=_("บันทึกสัญญาแล้ว"),
    title=_("บันทึกสัญญา"),
)
report = RecordStepView.as_view(
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
