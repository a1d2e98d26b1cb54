from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from committees import selectors, services
from committees.forms import (
    MemberForm,
    ProvinceFilterForm,
    RiskGroupImportForm,
    RiskGroupSheetForm,
    SubcommitteeForm,
)
from committees.models import RiskGroupAssignment, Subcommittee
from committees.permissions import can_manage_subcommittee, can_set_risk_groups, can_view_audit
from core import cache
from core.cache import appended_version, data_version, scope_key
from core.pagination import UncountedPage, page_number
from core.permissions import require
from core.thaidate import current_fiscal_year
from reports.selectors import annual_report_years


@require_safe
def province_list(request):
    form = ProvinceFilterForm(request.GET or None)
    fiscal_year, group, region = current_fiscal_year(), None, None
    if form.is_valid():
        fiscal_year = form.cleaned_data["fiscal_year"] or fiscal_year
        group = form.cleaned_data["group"] or None
        region = form.cleaned_data["region"] or None

    def rows() -> str:
        provinces = selectors.province_list(request.user, fiscal_year=fiscal_year, group=group, region=region)
        return render_to_string(
            "committees/partials/province_rows.html", {"provinces": provinces, "fiscal_year": fiscal_year}
        )

    # Read by everyone, changed a few times a year: built once per change of the risk groups and
    # per scope (the key holds the provinces the user may read, so no one gets another's rows).
    key = (
        f"provinces:{scope_key(request.user)}:{fiscal_year}:{group}:{region}:{get_language()}:"
        f"{data_version(RiskGroupAssignment.objects.filter(fiscal_year__in=[fiscal_year, fiscal_year - 1]))}"
    )
    return render(
        request,
        "committees/province_list.html",
        {
            "form": form,
            "rows": mark_safe(cache.remember(key, rows, 3600)),  # noqa: S308 - our own template's output
            "fiscal_year": fiscal_year,
            "can_set_risk_groups": bool(can_set_risk_groups(request.user)),
        },
    )


@require_safe
def province_detail(request, code):
    # The risk groups and the members are drawn once per change of their rows (and per day: who
    # is a current member depends on the date), keyed on the province, which only its readers
    # reach (another province's code is a 404). The province and the version: one plain query.
    province, version = selectors.province_page(request.user, code)
    can_manage = bool(can_manage_subcommittee(request.user, Subcommittee(province=province)))
    base = f"province:{province.pk}:{version}"

    def members() -> dict:
        subcommittee = selectors.subcommittee_of(province)
        return {
            "province": province,
            "subcommittee": subcommittee,
            "members": subcommittee.current_members if subcommittee else [],
            "former_members": subcommittee.former_members if subcommittee else [],
            "can_manage": can_manage and subcommittee is not None,
        }

    return render(
        request,
        "committees/province_detail.html",
        {
            "province": province,
            "history_card": cache.rendered(
                f"{base}:history",
                "committees/partials/province_history.html",
                lambda: {"history": selectors.risk_group_history(province)},
            ),
            "members_card": cache.rendered(
                f"{base}:members:{can_manage}:{timezone.localdate()}",
                "committees/partials/province_members.html",
                members,
            ),
            "can_view_audit": bool(can_view_audit(request.user, province)),
            "annual_years": annual_report_years(request.user, province),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_group_sheet(request, fiscal_year):
    require(can_set_risk_groups(request.user))
    from core.forms import check_fiscal_year

    try:
        check_fiscal_year(fiscal_year)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("committees:risk-groups", fiscal_year=current_fiscal_year())
    if request.method == "GET":
        # the blank sheet, read far more often than saved: its 77 rows are drawn once per change
        # of the two years' groups (the CSRF token stays in the page around them)
        version = data_version(RiskGroupAssignment.objects.filter(fiscal_year__in=[fiscal_year, fiscal_year - 1]))
        form = RiskGroupSheetForm(rows=[])
        sheet_rows = cache.rendered(
            f"risk-sheet:{fiscal_year}:{version}",
            "committees/partials/risk_group_rows.html",
            lambda: {"form": RiskGroupSheetForm(rows=selectors.risk_group_sheet(fiscal_year))},
        )
        return render(
            request,
            "committees/risk_group_sheet.html",
            {
                "form": form,
                "sheet_rows": sheet_rows,
                "fiscal_year": fiscal_year,
                "years": range(fiscal_year - 2, fiscal_year + 3),
            },
        )
    rows = selectors.risk_group_sheet(fiscal_year)
    form = RiskGroupSheetForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            changed = services.set_risk_groups(
                actor=request.user,
                fiscal_year=fiscal_year,
                groups=form.groups(),
                source_document=form.cleaned_data["source_document"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("บันทึกกลุ่มจังหวัดปีงบประมาณ %(fiscal_year)s แล้ว (%(changed)s จังหวัดเปลี่ยนแปลง)")
                % {"fiscal_year": fiscal_year, "changed": changed},
            )
            return redirect("committees:risk-groups", fiscal_year=fiscal_year)
    return render(
        request,
        "committees/risk_group_sheet.html",
        {
            "form": form,
            "sheet_rows": render_to_string("committees/partials/risk_group_rows.html", {"form": form}),
            "fiscal_year": fiscal_year,
            "years": range(fiscal_year - 2, fiscal_year + 3),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_group_import(request):
    require(can_set_risk_groups(request.user))
    form = RiskGroupImportForm(request.POST or None, initial={"fiscal_year": current_fiscal_year()})
    if request.method == "POST" and form.is_valid():
        fy = form.cleaned_data["fiscal_year"]
        try:
            changed = services.set_risk_groups(
                actor=request.user,
                fiscal_year=fy,
                groups=form.cleaned_data["lines"],
                source_document=form.cleaned_data["source_document"],
            )
        except ValidationError as exc:
            form.add_error("lines", exc)
        else:
            messages.success(
                request,
                _("นำเข้ากลุ่มจังหวัดปีงบประมาณ %(fy)s แล้ว (%(changed)s จังหวัดเปลี่ยนแปลง)") % {"fy": fy, "changed": changed},
            )
            return redirect("committees:risk-groups", fiscal_year=fy)
    return render(request, "committees/risk_group_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def subcommittee_edit(request, code):
    province = selectors.province_by_code(request.user, code)
    subcommittee = selectors.subcommittee_of(province)
    if subcommittee is None:
        raise Http404
    require(can_manage_subcommittee(request.user, subcommittee))
    form = SubcommitteeForm(request.POST or None, instance=subcommittee)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_subcommittee(actor=request.user, subcommittee=subcommittee, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลคณะอนุกรรมการแล้ว"))
            return redirect("committees:province", code=code)
    return render(request, "committees/subcommittee_form.html", {"form": form, "province": province})


@require_http_methods(["GET", "POST"])
def member_add(request, code):
    province = selectors.province_by_code(request.user, code)
    subcommittee = selectors.subcommittee_of(province)
    if subcommittee is None:
        raise Http404
    require(can_manage_subcommittee(request.user, subcommittee))
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(actor=request.user, subcommittee=subcommittee, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("เพิ่มอนุกรรมการแล้ว"))
            return redirect("committees:province", code=code)
    return render(request, "committees/member_form.html", {"form": form, "province": province})


@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = selectors.member_for_edit(request.user, pk)
    province = member.subcommittee.province
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลอนุกรรมการแล้ว"))
            return redirect("committees:province", code=province.code)
    return render(request, "committees/member_form.html", {"form": form, "province": province, "member": member})


@require_safe
def audit_list(request):
    code = request.GET.get("province")
    province = selectors.province_by_code(request.user, code) if code else None
    require(can_view_audit(request.user, province))
    # 143,000 events at national scale: counting them on every page view cost more than the page.
    # The trail is append-only: a page's rows are drawn once per new event in the reader's scope
    # (the key holds who reads: all for national officers, else the reader's own id).
    events = selectors.audit_events(request.user, province=province)
    number, size = page_number(request), settings.PAGE_SIZE
    scope = "all" if request.user.access.is_national else f"u{request.user.pk}"
    key = f"audit:{scope}:{code or ''}:{number}:{appended_version(events)}:{get_language()}"

    def rows() -> tuple[str, bool]:
        page = UncountedPage(events, number, size)
        return render_to_string("committees/partials/audit_rows.html", {"events": page}), page.has_next()

    html, has_next = cache.remember(key, rows, 3600)
    page = UncountedPage(events, number, size, has_next=has_next)
    return render(
        request,
        "committees/audit_list.html",
        {"rows_table": mark_safe(html), "page": page, "province": province},  # noqa: S308 - our own template
    )
