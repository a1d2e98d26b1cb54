"""Reads of report jobs, starting from what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from committees.models import Province
from reports.choices import ReportKind
from reports.models import ReportJob
from reports.permissions import REQUESTERS, can_request_report, can_view_job


def jobs_for(user) -> QuerySet[ReportJob]:
    """Jobs whose documents the user may read: their provinces' (a proposer: their own proposals'),
    and for national officers all."""
    qs = ReportJob.objects.select_related("province", "requested_by")
    access = user.access
    if access.is_national:
        return qs
    from fundproposals.selectors import own_proposal_ids

    own_proposals = own_proposal_ids(user)
    return qs.filter(
        (Q(province_id__in=access.readable_province_ids()) & ~Q(kind=ReportKind.NATIONAL_SUMMARY))
        | Q(kind=ReportKind.PROPOSAL, object_id__in=own_proposals)
    )


def job_for(user, pk: int) -> ReportJob:
    """One job; another province's job gives the same 404 as a missing one."""
    try:
        job = ReportJob.objects.select_related("province", "requested_by").get(pk=pk)
    except ReportJob.DoesNotExist:
        raise Http404("ไม่พบรายงาน") from None
    if not can_view_job(user, job):
        raise Http404("ไม่พบรายงาน")
    return job


def annual_report_provinces(user) -> list[Province]:
    """Provinces whose annual report the user may ask for (chair and secretariat)."""
    ids = user.access.province_ids(*REQUESTERS[ReportKind.ANNUAL_PROVINCE])
    return list(Province.objects.filter(pk__in=ids).order_by("code")) if ids else []


def annual_report_years(user, province: Province) -> list[int]:
    """Fiscal years whose annual report this user may ask for: every year with data, and the current one.

    Nothing (and no query) for a user who may not ask.
    """
    from django.conf import settings

    from actionplans import selectors as plans
    from committees import selectors as committees
    from core.thaidate import current_fiscal_year
    from fundproposals import selectors as proposals
    from meetings import selectors as meetings
    from reports.documents import freshness

    if not can_request_report(user, kind=ReportKind.ANNUAL_PROVINCE, province_id=province.pk):
        return []

    def querysets() -> list:
        return [
            qs
            for domain in (committees, meetings, plans, proposals)
            for qs in domain.fiscal_year_querysets_for_report(province)
        ]

    def with_data() -> str:
        qs = querysets()
        return ",".join(str(y) for y in sorted(set(qs[0].union(*qs[1:]))))  # one query, whatever the domains

    # Kept until a row of a model these years come from is saved or deleted (the report data
    # versions; a province page is read far more often than a new year's first row is written).
    found = freshness.remembered(("annual-years", province.pk), _year_models(querysets), with_data)
    years = {current_fiscal_year(), *(int(y) for y in found.split(",") if y)}
    return sorted((y for y in years if settings.FISCAL_YEAR_MIN <= y <= settings.FISCAL_YEAR_MAX), reverse=True)


_YEAR_MODELS: dict[str, tuple[str, ...]] = {}


def _year_models(querysets) -> tuple[str, ...]:
    """The models the years come from (the same for every province: learnt once per process)."""
    labels = _YEAR_MODELS.get("labels")
    if labels is None:
        labels = _YEAR_MODELS["labels"] = tuple(sorted({qs.model._meta.label for qs in querysets()}))
    return labels
