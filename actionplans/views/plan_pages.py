"""Plan pages: the list, create, the plan page, activities, quarterly progress and progress files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans import selectors, services
from actionplans.choices import BudgetSource, Quarter
from actionplans.forms import ActivityForm, PlanCreateForm, ProgressForm
from actionplans.permissions import (
    can_edit_document,
    can_list_documents,
    can_record_progress,
    can_revise_document,
    can_view_national_status,
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
from committees.models import RiskGroupAssignment
from core import cache, uploads
from core.pagination import paginate
from core.permissions import require
from core.thaidate import current_fiscal_year


@require_safe
def plan_list(request):
    require(can_list_documents(request.user))
    fiscal_year = _int_param(request, "fiscal_year")
    province = _province_param(request)
    rows = selectors.plan_rows(request.user, fiscal_year=fiscal_year, province=province)
    # The rows are drawn once per change of what they show (the plans, whose ``updated_at`` the
    # activity services stamp too, and the provinces' risk groups), per reader's scope, filters
    # and page; one query gives the version and the count the pages need (read from the plain
    # rows: their figures are built only when the page is drawn).
    count, version = cache.counted_version(rows, RiskGroupAssignment.objects.all())
    page = paginate(request, rows, count=count)
    start = (page.number - 1) * page.paginator.per_page

    def page_rows() -> dict:
        plans = selectors.plan_list(request.user, fiscal_year=fiscal_year, province=province)
        return {"plans": plans[start : start + page.paginator.per_page]}

    scope = cache.scope_key(request.user)
    filters = f"{fiscal_year}:{province.code if province else ''}"
    return render(
        request,
        "actionplans/plan_list.html",
        {
            "page": page,
            "rows_table": cache.rendered(
                f"plans:{scope}:{filters}:{version}:page{page.number}",
                "actionplans/partials/plan_rows.html",
                page_rows,
            ),
            "filter_form": year_filter(
                request, key="plan-filter", year_field="fiscal_year", year=fiscal_year, province=province
            ),
            "preparable": _preparable_subcommittees(request.user),
            "can_view_status": bool(can_view_national_status(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_create(request, code):
    sc = _subcommittee_for_prepare(request.user, code)
    form = PlanCreateForm(request.POST or None, initial={"fiscal_year": current_fiscal_year()})
    if request.method == "POST" and form.is_valid():
        fy = form.cleaned_data["fiscal_year"]
        try:
            if form.cleaned_data["copy_last_year"]:
                plan = services.copy_last_years_plan(actor=request.user, subcommittee=sc, fiscal_year=fy)
            else:
                plan = services.create_plan(
                    actor=request.user, subcommittee=sc, fiscal_year=fy, title=form.cleaned_data["title"]
                )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            if plan.copied_from_id:
                messages.success(
                    request,
                    _("คัดลอกแผนปีงบประมาณ %(fiscal_year)s มาเป็นร่างแผนปีงบประมาณ %(fy)s แล้ว กรุณาแก้ไขกิจกรรม")
                    % {"fiscal_year": plan.copied_from.fiscal_year, "fy": fy},
                )
            else:
                messages.success(request, _("สร้างร่างแผนปฏิบัติการปีงบประมาณ %(fy)s แล้ว") % {"fy": fy})
            return redirect("actionplans:plan", pk=plan.pk)
    return render(request, "actionplans/plan_create.html", {"form": form, "subcommittee": sc})


@require_safe
def plan_detail(request, pk):
    # The heading and the body are drawn once per version of everything they show (one plain SQL
    # query: actionplans/selectors/plan_page.py), per language, and for the body per day (what is
    # late) and per reader's two flags; the buttons, the report request (CSRF) and the lock line
    # are drawn for each request. The version is read before the rows, so cached markup is never
    # older than its key.
    user = request.user
    version = selectors.plan_page_version(pk)
    if version is None:
        raise Http404("ไม่พบแผนปฏิบัติการ")
    head_key = f"plan-head:{pk}:{version.key}"
    if cache.fetch_many([f"{head_key}:{get_language()}"]):
        plan = selectors.plan_heading_for_user(user, pk)  # the heading is drawn: no relations needed
    else:
        plan = selectors.plan_for_user(user, pk)
    can_edit = bool(can_edit_document(user, plan))
    can_record = bool(can_record_progress(user, plan, has_newer_revision=version.has_newer_revision))

    def body() -> dict:
        activities = selectors.activities_for_page(plan)
        pillars, totals, by_source = selectors.plan_figures(activities)
        return {
            "plan": plan,
            "activities": activities,
            "pillars": pillars,
            "totals": totals,
            "by_source": [{"label": BudgetSource(r["budget_source"]).label, "total": r["total"]} for r in by_source],
            "revisions": list(selectors.revisions_of(plan)),
            "quarters": Quarter.choices,
            "can_edit": can_edit,
            "can_record_progress": can_record,
        }

    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "head": cache.rendered(head_key, "actionplans/partials/plan_head.html", lambda: {"plan": plan}),
            "body": cache.rendered(
                f"plan-body:{pk}:{version.key}:{timezone.localdate()}:{int(can_edit)}{int(can_record)}",
                "actionplans/partials/plan_body.html",
                body,
            ),
            "can_edit": can_edit,
            "can_revise": bool(can_revise_document(user, plan, has_open_revision=version.has_open_revision)),
            "transitions": DOCUMENT_WORKFLOW.offered(plan, user.access.roles_in(plan.subcommittee.province_id)),
        },
    )


@require_http_methods(["GET", "POST"])
def activity_add(request, pk):
    plan = selectors.plan_for_user(request.user, pk)
    require(can_edit_document(request.user, plan))
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(actor=request.user, plan=plan, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("เพิ่มกิจกรรม “%(name)s” แล้ว") % {"name": form.cleaned_data["name"]})
            return redirect("actionplans:plan", pk=plan.pk)
    return render(request, "actionplans/activity_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = selectors.activity_for_user(request.user, pk)
    plan = activity.plan
    require(can_edit_document(request.user, plan))
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(actor=request.user, activity=activity, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกกิจกรรมแล้ว"))
            return redirect("actionplans:plan", pk=plan.pk)
    return render(request, "actionplans/activity_form.html", {"form": form, "plan": plan, "activity": activity})


@require_http_methods(["GET", "POST"])
def progress_edit(request, pk, quarter):
    activity = selectors.activity_for_user(request.user, pk)
    plan = activity.plan
    require(can_record_progress(request.user, plan, has_newer_revision=selectors.has_newer_revision(plan)))
    if quarter not in Quarter.values:
        raise Http404
    existing = activity.progress.filter(quarter=quarter).prefetch_related("attachments").first()
    initial = (
        {
            "done": existing.done,
            "quantity_achieved": existing.quantity_achieved,
            "budget_spent": existing.budget_spent,
            "note": existing.note,
        }
        if existing
        else None
    )
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_progress(
                actor=request.user,
                activity=activity,
                quarter=quarter,
                done=data["done"],
                quantity_achieved=data["quantity_achieved"],
                budget_spent=data["budget_spent"],
                note=data["note"],
                files=[data["file"]] if data.get("file") else [],
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกผลการดำเนินงาน%(label)sแล้ว") % {"label": Quarter(quarter).label})
            return redirect("actionplans:plan", pk=plan.pk)
    return render(
        request,
        "actionplans/progress_form.html",
        {
            "form": form,
            "plan": plan,
            "activity": activity,
            "quarter": Quarter(quarter),
            "existing": existing,
        },
    )


@require_safe
def attachment_download(request, pk):
    att = selectors.attachment_for_user(request.user, pk)
    return uploads.file_response(att)
