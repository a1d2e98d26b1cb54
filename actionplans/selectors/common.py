"""What the plan reads share: fiscal quarters and due dates, the user's scope, the risk group and progress sums as subqueries."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    DecimalField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from actionplans.models import Progress
from committees.models import RiskGroupAssignment
from core import thaidate

MONEY = DecimalField(max_digits=16, decimal_places=2)

_QUARTER_ENDS = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}


def quarter_end(fiscal_year: int, quarter: int) -> dt.date:
    """Last day of a fiscal quarter: Q1 of FY 2567 ends 31 Dec 2566 BE."""
    month, day = _QUARTER_ENDS[quarter]
    year = thaidate.ce_year(fiscal_year) - (1 if quarter == 1 else 0)
    return dt.date(year, month, day)


def ended_quarters(fiscal_year: int, today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return [q for q in (1, 2, 3, 4) if quarter_end(fiscal_year, q) < today]


def due_date(fiscal_year: int, month_day: str) -> dt.date:
    """The date (``MM-DD`` setting) in the fiscal year's first quarter (Oct-Dec) or after it."""
    month, day = (int(x) for x in month_day.split("-"))
    year = thaidate.ce_year(fiscal_year) - (1 if month >= 10 else 0)
    return dt.date(year, month, day)


def _risk_group(province_ref: str, year_ref):
    return Subquery(
        RiskGroupAssignment.objects.filter(province=OuterRef(province_ref), fiscal_year=year_ref).values("group")[:1]
    )


def _visible(qs: QuerySet, user) -> QuerySet:
    ids = user.access.readable_province_ids()
    return qs if ids is None else qs.filter(subcommittee__province_id__in=ids)


def _activity_sum(field: str):
    return Coalesce(
        Subquery(
            Progress.objects.filter(activity=OuterRef("pk"))
            .order_by()
            .values("activity")
            .annotate(s=Sum(field))
            .values("s")[:1]
        ),
        Value(0),
        output_field=MONEY if field == "budget_spent" else IntegerField(),
    )
