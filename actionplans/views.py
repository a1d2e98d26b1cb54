from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans import selectors, services
from actionplans.choices import BudgetSource, DocState, Quarter
from actionplans.forms import ActivityForm, PlanCreateForm, ProgressForm, SituationReportForm, TransitionForm
from actionplans.models import ActionPlan, SituationReport
from actionplans.permissions import (
    can_edit_document,
    can_list_documents,
    can_prepare_documents,
    can_record_progress,
    can_revise_document,
    can_view_national_status,
)
from actionplans.workflow import DOCUMENT_WORKFLOW
from committees.choices import Role
from committees.models import RiskGroupAssignment, Subcommittee
from committees.selectors import province_by_code, subcommittee_by_code, visible_provinces
from core import cache, uploads
from core.cache import data_version
from core.forms import check_fiscal_year
from core.pagination import paginate
from core.permissions import require
from core.thaidate import current_fiscal_year
from core.workflow import TransitionRefused


def _int_param(request, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
        check_fiscal_year(value)
    except (TypeError, ValueError, ValidationError):
        return None
    return value


def _years():
    return range(current_fiscal_year() + 1, settings.FISCAL_YEAR_MIN - 1, -1)


def _preparable_subcommittees(user):
    ids = user.access.province_ids(Role.SECRETARIAT)
    return Subcommittee.objects.filter(province_id__in=ids).select_related("province").order_by("province__code")


def _subcommittee_for_prepare(user, code: str) -> Subcommittee:
    sc = subcommittee_by_code(user, code)
    require(can_prepare_documents(user, sc))
    return sc


def _error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("ท่านไม่มีสิทธิ์ทำรายการนี้")]


# --- Plans ---------------------------------------------------------------------------------------


def _province_param(request):
    """The ``province`` filter: a province the user may read; another's code is the same 404 as an unknown one."""
    code = request.GET.get("province")
    return province_by_code(request.user, code) if code else None


@require_safe
def plan_list(request):
    require(can_list_documents(request.user))
    fiscal_year = _int_param(request, "fiscal_year")
    province = _province_param(request)
    page = paginate(request, selectors.plan_list(request.user, fiscal_year=fiscal_year, province=province))
    return render(
        request,
        "actionplans/plan_list.html",
        {
            "plans": page.object_list,
            "page": page,
            "fiscal_year": fiscal_year,
            "province": province,
            "provinces": visible_provinces(request.user),
            "years": _years(),
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
    plan = selectors.plan_for_user(request.user, pk)
    user = request.user
    activities = selectors.activities_for_page(plan)
    pillars, totals, by_source = selectors.plan_figures(activities)
    roles = user.access.roles_in(plan.subcommittee.province_id)
    # every revision of the year is on the page anyway: whether one is open or newer comes from them
    revisions = list(selectors.revisions_of(plan))
    open_revision = any(r.state in selectors.OPEN_STATES for r in revisions)
    newer_revision = any(r.revision > plan.revision for r in revisions)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "activities": activities,
            "pillars": pillars,
            "totals": totals,
            "by_source": [{"label": BudgetSource(r["budget_source"]).label, "total": r["total"]} for r in by_source],
            "revisions": revisions,
            "quarters": Quarter.choices,
            "can_edit": bool(can_edit_document(user, plan)),
            "can_record_progress": bool(can_record_progress(user, plan, has_newer_revision=newer_revision)),
            "can_revise": bool(can_revise_document(user, plan, has_open_revision=open_revision)),
            "transitions": DOCUMENT_WORKFLOW.offered(plan, roles),
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


# --- Transitions and revisions (plans and reports) -----------------------------------------------


def _doc_url(doc):
    return ("actionplans:plan", doc.pk) if isinstance(doc, ActionPlan) else ("actionplans:report", doc.pk)


@require_http_methods(["GET", "POST"])
def _transition(request, doc, name):
    roles = request.user.access.roles_in(doc.subcommittee.province_id)
    if name == "supersede":
        raise Http404
    try:
        t = DOCUMENT_WORKFLOW.get(name)
    except TransitionRefused:
        raise Http404 from None
    # Only someone who may fire it, on a document in a state it leaves, sees the form.
    if doc.state not in t.sources or not t.roles & roles:
        raise Http404
    form = TransitionForm(
        request.POST or None,
        transition=t,
        meetings=selectors.meetings_for_proposal(doc),
        resolutions=selectors.approving_resolutions(doc),
        initial={"resolution": doc.agenda_item.resolution if _has_resolution(doc) else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transition(
                actor=request.user,
                doc=doc,
                name=name,
                meeting=data.get("meeting"),
                resolution=data.get("resolution"),
                reason=data.get("reason", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("%(label)sแล้ว") % {"label": t.label})
            url_name, pk = _doc_url(doc)
            return redirect(url_name, pk=pk)
    url_name, pk = _doc_url(doc)
    return render(
        request,
        "actionplans/transition_form.html",
        {"form": form, "doc": doc, "transition": t, "back_url_name": url_name},
    )


def _has_resolution(doc) -> bool:
    if doc.agenda_item_id is None:
        return False
    try:
        return doc.agenda_item.resolution is not None
    except ObjectDoesNotExist:  # no resolution recorded yet
        return False


def plan_transition(request, pk, name):
    return _transition(request, selectors.plan_for_user(request.user, pk), name)


def report_transition(request, pk, name):
    return _transition(request, selectors.report_for_user(request.user, pk), name)


@require_http_methods(["GET", "POST"])
def _revise(request, doc, revise):
    require(can_revise_document(request.user, doc, has_open_revision=selectors.has_open_revision(doc)))
    if request.method == "POST":
        try:
            new = revise(actor=request.user, doc=doc)
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                messages.error(request, m)
        else:
            messages.success(
                request, _("สร้างฉบับปรับปรุง (ฉบับที่ %(revision)s) แล้ว ฉบับที่เห็นชอบเดิมยังคงอยู่") % {"revision": new.revision}
            )
            return redirect(_doc_url(new)[0], pk=new.pk)
    return render(request, "actionplans/revise_confirm.html", {"doc": doc, "back_url_name": _doc_url(doc)[0]})


def plan_revise(request, pk):
    return _revise(
        request,
        selectors.plan_for_user(request.user, pk),
        lambda *, actor, doc: services.revise_plan(actor=actor, plan=doc),
    )


def report_revise(request, pk):
    return _revise(
        request,
        selectors.report_for_user(request.user, pk),
        lambda *, actor, doc: services.revise_situation_report(actor=actor, report=doc),
    )


# --- Situation reports ---------------------------------------------------------------------------


@require_safe
def report_list(request):
    require(can_list_documents(request.user))
    year = _int_param(request, "year")
    province = _province_param(request)
    page = paginate(request, selectors.report_list(request.user, year=year, province=province))
    return render(
        request,
        "actionplans/report_list.html",
        {
            "reports": page.object_list,
            "page": page,
            "year": year,
            "years": _years(),
            "province": province,
            "provinces": visible_provinces(request.user),
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


# --- National status -----------------------------------------------------------------------------


@require_safe
def national_status(request):
    require(can_view_national_status(request.user))
    fiscal_year = _int_param(request, "fiscal_year") or current_fiscal_year()

    def table() -> str:
        rows, summary = selectors.national_status(fiscal_year)
        return render_to_string(
            "actionplans/partials/status_table.html",
            {"rows": rows, "summary": summary, "approved": DocState.APPROVED},
        )

    # Read by many, changed by few: the table is built once per change of the year's plans,
    # reports or risk groups (and once a day, for what is late), then served from the cache.
    version = data_version(
        ActionPlan.objects.filter(fiscal_year=fiscal_year),
        SituationReport.objects.filter(year=fiscal_year - 1),
        RiskGroupAssignment.objects.filter(fiscal_year=fiscal_year),
    )
    key = f"national-status:{fiscal_year}:{timezone.localdate()}:{get_language()}:{version}"
    return render(
        request,
        "actionplans/status.html",
        {
            "table": mark_safe(cache.remember(key, table, 3600)),  # noqa: S308 - our own template's output
            "fiscal_year": fiscal_year,
            "years": _years(),
        },
    )
