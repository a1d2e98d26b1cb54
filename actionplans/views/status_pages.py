"""The national status page: every province's plan and situation report for a fiscal year."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from actionplans import selectors
from actionplans.choices import DocState
from actionplans.models import ActionPlan, SituationReport
from actionplans.permissions import (
    can_view_national_status,
)
from actionplans.views.common import _int_param, _years
from committees.models import RiskGroupAssignment
from core import cache
from core.cache import data_version
from core.permissions import require
from core.thaidate import current_fiscal_year


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
