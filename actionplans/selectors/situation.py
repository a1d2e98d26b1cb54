"""Situation reports the user may see, and one report."""

from __future__ import annotations

from django.db.models import (
    Prefetch,
    QuerySet,
)
from django.http import Http404

from actionplans.choices import DocState
from actionplans.models import SituationReport, VictimsByNationality
from actionplans.permissions import can_view_document
from actionplans.selectors.common import _visible
from committees.models import Province


def report_list(user, *, year: int | None = None, province: Province | None = None) -> QuerySet[SituationReport]:
    qs = (
        _visible(SituationReport.objects.exclude(state=DocState.SUPERSEDED), user)
        .select_related("subcommittee__province")
        .order_by("-year", "subcommittee__province__code", "-revision")
    )
    if year:
        qs = qs.filter(year=year)
    if province is not None:
        qs = qs.filter(subcommittee__province=province)
    return qs


def report_for_user(user, pk: int) -> SituationReport:
    report = (
        _visible(SituationReport.objects.all(), user)
        .select_related(
            "subcommittee__province",
            "previous",
            "agenda_item__meeting",
            "agenda_item__parent",
            "resolution__agenda_item__meeting",
            "resolution__agenda_item__parent",
        )
        .prefetch_related(Prefetch("nationalities", queryset=VictimsByNationality.objects.order_by("id")))
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_view_document(user, report):
        raise Http404("ไม่พบรายงานสถานการณ์")
    return report
