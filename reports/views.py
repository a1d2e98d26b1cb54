from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods

from committees.models import Province
from core import cache
from core.permissions import require
from core.thaidate import current_fiscal_year
from core.uploads import file_response
from reports import selectors, services
from reports.choices import OBJECT_KINDS, ReportKind
from reports.forms import ReportRequestForm
from reports.permissions import can_request_report, can_view_job


def _job_flags(user, job) -> dict:
    return {"job": job, "can_download": job.is_ready and bool(can_view_job(user, job))}


@require_GET
def report_list(request):
    # The table is drawn once per change of the jobs behind it (a new request, a state change),
    # per reader's scope and page: one query gives the version and the count the pages need.
    # (A requester's name changes only in the admin; the table follows within the hour.)
    jobs_qs = selectors.jobs_for(request.user)
    count, version = cache.counted_version(jobs_qs)
    paginator = Paginator(jobs_qs, 50)
    paginator.count = count
    jobs = paginator.get_page(request.GET.get("page"))
    scope = cache.scope_key(request.user)
    if scope != "all":
        scope = f"{scope}:u{request.user.pk}"  # a proposer also reads their own proposals' documents
    years = list(range(settings.FISCAL_YEAR_MIN, min(current_fiscal_year(), settings.FISCAL_YEAR_MAX) + 1))[::-1]
    return render(
        request,
        "reports/list.html",
        {
            "job_rows": cache.rendered(
                f"report-jobs:{scope}:{version}:page{jobs.number}",
                "reports/partials/job_rows.html",
                lambda: {"jobs": jobs},
            ),
            "annual_provinces": selectors.annual_report_provinces(request.user),
            "can_request_national": bool(
                can_request_report(request.user, kind=ReportKind.NATIONAL_SUMMARY, province_id=None)
            ),
            "years": years,
            "current_year": current_fiscal_year(),
        },
    )


def _target_from(request, kind, data):
    """(form, target): the permission is checked before the year, so another province is a 404 either way."""
    form = ReportRequestForm(data or None, needs_year=kind not in OBJECT_KINDS)
    try:
        if kind in OBJECT_KINDS:
            try:
                object_id = int(data.get("object", ""))
            except ValueError:
                raise Http404("ไม่พบเอกสารต้นทาง") from None
            target = services.target_for(kind, object_id=object_id)
            require(can_request_report(request.user, kind=kind, province_id=target.province.pk, obj=target.obj))
            return form, target
    except services.DocumentUnavailable:
        raise Http404("เอกสารนี้ยังไม่พร้อม") from None
    province = None
    if kind != ReportKind.NATIONAL_SUMMARY:
        province = Province.objects.filter(code=data.get("province", "")).first()
        if province is None:
            raise Http404("ไม่พบจังหวัด")
    require(can_request_report(request.user, kind=kind, province_id=province.pk if province else None))
    if request.method == "GET" and not data.get("fiscal_year"):
        return ReportRequestForm(initial=data.dict(), needs_year=True), None  # ask for the year first
    if not form.is_valid():
        return form, None
    try:
        return form, services.target_for(kind, province=province, fiscal_year=form.cleaned_data["fiscal_year"])
    except ValidationError as exc:
        form.add_error("fiscal_year", exc)
        return form, None


@require_http_methods(["GET", "POST"])
def request_report(request, kind):
    if kind not in ReportKind.values:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    form, target = _target_from(request, kind, data)
    if request.method == "POST" and target is not None:
        try:
            job, reused = services.request_report(actor=request.user, target=target)
        except services.ReportsUnavailable as exc:
            if request.htmx:  # swapped in place of the button (htmx swaps 2xx only)
                return HttpResponse(format_html('<div class="alert alert-warning" role="alert">{}</div>', exc))
            messages.error(request, str(exc))
            return render(
                request,
                "reports/request.html",
                {"form": form, "kind": kind, "kind_label": ReportKind(kind).label, "title": None, "target": target},
                status=503,
            )
        # The state is said by the status box alone (it updates itself): a message written now
        # would still say "building" on the next page when the file is already there.
        if reused:
            messages.info(request, "ข้อมูลไม่เปลี่ยนแปลงตั้งแต่คำขอครั้งก่อน จึงใช้เอกสารฉบับเดิม")
        if request.htmx:
            return render(request, "reports/partials/job_status.html", _job_flags(request.user, job))
        return redirect("reports:job", pk=job.pk)
    title = None
    if target is not None:
        from reports.documents import document_for

        title = document_for(kind).title(target)
    return render(
        request,
        "reports/request.html",
        {"form": form, "kind": kind, "kind_label": ReportKind(kind).label, "title": title, "target": target},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def job_detail(request, pk):
    job = selectors.job_for(request.user, pk)
    return render(request, "reports/job.html", _job_flags(request.user, job))


@require_GET
def job_status(request, pk):
    job = selectors.job_for(request.user, pk)
    return render(request, "reports/partials/job_status.html", _job_flags(request.user, job))


@require_GET
def job_download(request, pk):
    job = selectors.job_for(request.user, pk)
    if not job.is_ready:
        raise Http404("เอกสารยังไม่พร้อม")
    from reports.documents import content_type_of, download_name

    return file_response(file=job.file, display_name=download_name(job), content_type=content_type_of(job.kind))
