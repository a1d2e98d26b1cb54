"""Reads behind the dashboards: every figure summed by the database, a constant number of queries.

The national dashboard and a province's dashboard are the same reads over a different set of
provinces: all the user may read (filtered by region and risk group), or one. Five queries,
whatever the number of provinces, proposals or years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from actionplans.choices import DocState
from actionplans.models import ActionPlan, SituationReport
from committees.choices import RiskGroup
from committees.models import Province, RiskGroupAssignment
from committees.selectors import visible_provinces
from fundproposals.choices import ProposalState
from fundproposals.models import Proposal
from fundproposals.selectors import PillarTotal, totals_by_pillar
from meetings.choices import MeetingState

HELD = (MeetingState.HELD, MeetingState.MINUTES_DRAFTED, MeetingState.CIRCULATED, MeetingState.ADOPTED)
# Months of each fiscal quarter (quarter 1 is October to December).
QUARTER_MONTHS = {1: (10, 11, 12), 2: (1, 2, 3), 3: (4, 5, 6), 4: (7, 8, 9)}
TREND_YEARS = 5


@dataclass
class ProvinceRow:
    province: Province
    risk_group: str | None
    plan_approved: bool
    report_approved: bool
    meetings: list[int]
    proposals: dict[str, int] = field(default_factory=dict)

    @property
    def meetings_total(self) -> int:
        return sum(self.meetings)

    @property
    def proposals_total(self) -> int:
        return sum(self.proposals.values())


@dataclass(frozen=True)
class YearRow:
    fiscal_year: int
    groups: dict[str, int]
    proposals: int
    requested: object
    recommended: object
    approved: object


@dataclass
class Dashboard:
    fiscal_year: int
    rows: list[ProvinceRow]
    pillars: list[PillarTotal]
    years: list[YearRow]
    states: list[tuple[str, str, int]]  # (state, label, proposals)

    @property
    def group_counts(self) -> list[tuple[str, str, int]]:
        counts: dict[str | None, int] = defaultdict(int)
        for row in self.rows:
            counts[row.risk_group] += 1
        found = [(value, label, counts[value]) for value, label in RiskGroup.choices]
        return [*found, ("", _("ยังไม่กำหนดกลุ่ม"), counts[None])]

    @property
    def readiness(self) -> dict[str, int]:
        return {
            "provinces": len(self.rows),
            "plans_approved": sum(r.plan_approved for r in self.rows),
            "reports_approved": sum(r.report_approved for r in self.rows),
            "provinces_met": sum(1 for r in self.rows if r.meetings_total),
            "meetings": sum(r.meetings_total for r in self.rows),
        }

    @property
    def meetings_by_quarter(self) -> list[int]:
        return [sum(r.meetings[q] for r in self.rows) for q in range(4)]


def dashboard_provinces(
    user, *, fiscal_year: int, region: str | None = None, group: str | None = None, province: Province | None = None
) -> QuerySet[Province]:
    """The provinces a dashboard covers, each with its group in ``fiscal_year``."""
    qs = visible_provinces(user)
    if province is not None:
        qs = qs.filter(pk=province.pk)
    qs = qs.annotate(
        risk_group=Subquery(
            RiskGroupAssignment.objects.filter(province=OuterRef("pk"), fiscal_year=fiscal_year).values("group")[:1]
        )
    )
    if region:
        qs = qs.filter(region=region)
    if group == "none":
        qs = qs.filter(risk_group__isnull=True)
    elif group:
        qs = qs.filter(risk_group=group)
    return qs.order_by("code")


def _meetings_in(fiscal_year: int, quarter: int) -> Count:
    """Meetings held in one fiscal quarter (months read in the local time zone)."""
    return Count(
        "subcommittee__meetings",
        filter=Q(
            subcommittee__meetings__fiscal_year=fiscal_year,
            subcommittee__meetings__state__in=HELD,
            subcommittee__meetings__starts_at__month__in=QUARTER_MONTHS[quarter],
        ),
    )


def _province_rows(provinces: QuerySet[Province], fiscal_year: int) -> list[ProvinceRow]:
    plans = ActionPlan.objects.filter(
        subcommittee__province=OuterRef("pk"), fiscal_year=fiscal_year, state=DocState.APPROVED
    )
    # the situation report a fiscal year needs is the one of the calendar year before
    reports = SituationReport.objects.filter(
        subcommittee__province=OuterRef("pk"), year=fiscal_year - 1, state=DocState.APPROVED
    )
    qs = provinces.annotate(
        plan_approved=Exists(plans),
        report_approved=Exists(reports),
        **{f"q{q}": _meetings_in(fiscal_year, q) for q in QUARTER_MONTHS},
    )
    return [
        ProvinceRow(
            province=p,
            risk_group=p.risk_group,
            plan_approved=p.plan_approved,
            report_approved=p.report_approved,
            meetings=[getattr(p, f"q{q}") for q in QUARTER_MONTHS],
        )
        for p in qs
    ]


def _trend(province_ids, fiscal_year: int) -> list[YearRow]:
    """The last ``TREND_YEARS`` fiscal years up to ``fiscal_year``: groups and proposal money (two queries)."""
    first = fiscal_year - TREND_YEARS + 1
    groups: dict[int, dict[str, int]] = defaultdict(dict)
    for year, grp, n in (
        RiskGroupAssignment.objects.filter(province_id__in=province_ids, fiscal_year__range=(first, fiscal_year))
        .values_list("fiscal_year", "group")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        groups[year][grp] = n
    money = {
        r["fiscal_year"]: r
        for r in Proposal.objects.filter(province_id__in=province_ids, fiscal_year__range=(first, fiscal_year))
        .exclude(state=ProposalState.DRAFT)
        .values("fiscal_year")
        .annotate(
            n=Count("pk"),
            requested=Sum("requested_amount"),
            recommended=Sum("recommended_amount"),
            approved=Sum("fund_approved_amount"),
        )
        .order_by()
    }
    return [
        YearRow(
            fiscal_year=year,
            groups={g: groups[year].get(g, 0) for g in RiskGroup.values},
            proposals=money.get(year, {}).get("n", 0),
            requested=money.get(year, {}).get("requested") or 0,
            recommended=money.get(year, {}).get("recommended") or 0,
            approved=money.get(year, {}).get("approved") or 0,
        )
        for year in range(first, fiscal_year + 1)
    ]


def dashboard(
    user, *, fiscal_year: int, region: str | None = None, group: str | None = None, province: Province | None = None
) -> Dashboard:
    """Everything a dashboard shows for ``fiscal_year`` over the provinces it covers (five queries)."""
    provinces = dashboard_provinces(user, fiscal_year=fiscal_year, region=region, group=group, province=province)
    ids = provinces.values("pk")
    rows = _province_rows(provinces, fiscal_year)

    by_province: dict[int, dict[str, int]] = defaultdict(dict)
    state_totals: dict[str, int] = defaultdict(int)
    for pid, state, n in (
        Proposal.objects.filter(province_id__in=ids, fiscal_year=fiscal_year)
        .values_list("province_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_province[pid][state] = n
        state_totals[state] += n
    for row in rows:
        row.proposals = by_province.get(row.province.pk, {})

    pillars = totals_by_pillar(Proposal.objects.filter(province_id__in=ids, fiscal_year=fiscal_year))
    states = [(s.value, s.label, state_totals.get(s.value, 0)) for s in ProposalState]
    return Dashboard(fiscal_year=fiscal_year, rows=rows, pillars=pillars, years=_trend(ids, fiscal_year), states=states)
