"""Situation report pages: the list, create, edit and the report page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans import selectors, services
from actionplans.forms import SituationReportForm
from actionplans.permissions import (
    can_edit_document,
    can_list_documents,
    can_revise_document,
)
from actionplans.views.common import (
    _error_messages,
    _int_param,
    _preparable_subcommittees,
    _province_param,
    _subcommittee_for_prepare,
    year_filter,
)
from actionplans.workflow import DOCUMENT_WORKFLOW
from core import cache
from core.pagination import paginate
from core.permissions import require
from core.thaidate import current_fiscal_year


@require_safe
def report_list(request):
    require(can_list_documents(request.user))
    year = _int_param(request, "year")
    province = _province_param(request)
    reports = selectors.report_list(request.user, year=year, province=province)
    # the rows are drawn once per change of the reports behind them, per scope, filters and page
    # (one query: the version and the count the pages need)
    count, version = cache.counted_version(reports)
    page = paginate(request, reports, count=count)
    scope = cache.scope_key(request.user)
    filters = f"{year}:{province.code if province else ''}"
    return render(
        request,
        "actionplans/report_list.html",
        {
            "page": page,
            "rows_table": cache.rendered(
                f"situation:{scope}:{filters}:{version}:page{page.number}",
                "actionplans/partials/report_rows.html",
                lambda: {"reports": page.object_list},
            ),
            "filter_form": year_filter(
                request, key="situation-filter", year_field="year", year=year, province=province
            ),
            "preparable": _preparable_subcommittees(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def report_create(request, code):
    sc = _subcommittee_for_prepare(request.user, code)
    form = SituationReportForm(request.POST or None, initial={"year": current_fiscal_year() - 1})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_situation_report(
                actor=request.user,
                subcommittee=sc,
                year=form.cleaned_data["year"],
                figures=form.figures(),
                nationalities=form.nationalities(),
                narrative=form.narrative(),
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกร่างรายงานสถานการณ์ปี %(year)s แล้ว") % {"year": report.year})
            return redirect("actionplans:report", pk=report.pk)
    return render(request, "actionplans/report_form.html", {"form": form, "subcommittee": sc})


@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = selectors.report_for_user(request.user, pk)
    require(can_edit_document(request.user, report))
    form = SituationReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_situation_report(
                actor=request.user,
                report=report,
                figures=form.figures(),
                nationalities=form.nationalities(),
                narrative=form.narrative(),
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกรายงานสถานการณ์แล้ว"))
            return redirect("actionplans:report", pk=report.pk)
    return render(
        request, "actionplans/report_form.html", {"form": form, "subcommittee": report.subcommittee, "report": report}
    )


@require_safe
def report_detail(request, pk):
    report = selectors.report_for_user(request.user, pk)
    user = request.user
    roles = user.access.roles_in(report.subcommittee.province_id)
    return render(
        request,
        "actionplans/report_detail.html",
        {
            "report": report,
            "nationalities": report.nationalities.all(),
            "revisions": selectors.revisions_of(report),
            "can_edit": bool(can_edit_document(user, report)),
            "can_revise": bool(
                can_revise_document(user, report, has_open_revision=selectors.has_open_revision(report))
            ),
            "transitions": DOCUMENT_WORKFLOW.offered(report, roles),
        },
    )
