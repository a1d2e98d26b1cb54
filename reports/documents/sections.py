"""Sections of the annual report and the national summary that read other apps' data.

Each returns an empty section when the app's data is not there, so a report for
a year with nothing recorded says so instead of failing.
"""

from __future__ import annotations

from reports import charts


def _plans(province, fiscal_year):
    from actionplans.choices import DocState
    from actionplans.models import ActionPlan

    return ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year).exclude(
        state=DocState.SUPERSEDED
    )


def the_plan(province, fiscal_year):
    """The year's plan: the approved revision, else the latest live one (None when there is none)."""
    from django.db.models import Case, When

    from actionplans.choices import DocState

    return (
        _plans(province, fiscal_year)
        .select_related("subcommittee__province", "resolution__agenda_item__meeting")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )


def plan_querysets(province, fiscal_year) -> tuple:
    from actionplans.models import ActionPlan, Activity, Progress

    plans = ActionPlan.objects.filter(subcommittee__province=province, fiscal_year=fiscal_year)
    return (
        plans,
        Activity.objects.filter(plan__in=plans),
        Progress.objects.filter(activity__plan__in=plans),
    )


def plan_body(plan) -> dict:
    """A plan with its activities grouped by pillar, progress against targets, and the two charts."""
    from actionplans import selectors as ap

    activities = list(ap.activities_with_progress(plan))
    summary = ap.pillar_summary(plan)
    by_pillar: dict[str, list] = {}
    for a in activities:
        by_pillar.setdefault(a.pillar, []).append(a)
    pillars = [
        {
            "code": row.code,
            "label": row.label,
            "percent": row.percent,
            "budget": row.budget,
            "spent": row.spent,
            "late": row.late,
            "activities": by_pillar.get(row.code, []),
        }
        for row in summary
        if row.activities
    ]
    return {
        "plan": plan,
        "state_label": plan.get_state_display(),
        "pillars": pillars,
        "totals": ap.plan_totals(plan),
        "chart_progress": charts.percent_bars([(row.label, float(row.percent)) for row in summary]),
        "chart_budget": charts.hbar([(row.label, row.budget) for row in summary], unit="บาท"),
    }


def plan_section(province, fiscal_year) -> dict:
    plan = the_plan(province, fiscal_year)
    return plan_body(plan) if plan else {"plan": None}


SHORT_PILLAR = {"prosecution": "ดำเนินคดี", "prevention": "ป้องกัน", "protection": "คุ้มครอง", "database": "ฐานข้อมูล"}


def _proposals(**filters):
    from fundproposals.choices import ProposalState
    from fundproposals.models import Proposal

    # Drafts were never sent to the subcommittee: they are not part of any report.
    return Proposal.objects.filter(**filters).exclude(state=ProposalState.DRAFT)


def proposal_querysets(province, fiscal_year) -> tuple:
    from fundproposals.models import Proposal, ProposalPillar

    return (
        Proposal.objects.filter(province=province, fiscal_year=fiscal_year),
        ProposalPillar.objects.filter(proposal__province=province, proposal__fiscal_year=fiscal_year),
    )


def _reports(province, fiscal_year):
    from actionplans.choices import DocState
    from actionplans.models import SituationReport

    # The report a fiscal year approves is the one of the year before (FY 2564 approved the 2563 report).
    return SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1).exclude(
        state=DocState.SUPERSEDED
    )


def situation_querysets(province, fiscal_year) -> tuple:
    from actionplans.models import SituationReport, VictimsByNationality

    reports = SituationReport.objects.filter(subcommittee__province=province, year=fiscal_year - 1)
    return (reports, VictimsByNationality.objects.filter(report__in=reports))


def proposal_section(province, fiscal_year) -> dict:
    """Proposals by pillar and state with the amounts requested, recommended and approved (four queries)."""
    from django.db.models import Count, Sum

    from core.pillars import Pillar
    from fundproposals.choices import ProposalState
    from fundproposals.models import ProposalPillar
    from fundproposals.selectors import totals_by_pillar

    proposals = _proposals(province=province, fiscal_year=fiscal_year)
    rows = [
        {
            "pillar": Pillar(r["pillar"]).label,
            "state": ProposalState(r["proposal__state"]).label,
            "count": r["n"],
            "requested": r["requested"],
            "recommended": r["recommended"],
            "approved": r["approved"],
        }
        for r in ProposalPillar.objects.filter(proposal__in=proposals.values("pk"))
        .values("pillar", "proposal__state")
        .annotate(
            n=Count("proposal", distinct=True),
            requested=Sum("proposal__requested_amount"),
            recommended=Sum("proposal__recommended_amount"),
            approved=Sum("proposal__fund_approved_amount"),
        )
        .order_by("pillar", "proposal__state")
    ]
    if not rows:
        return {"rows": []}
    by_state = proposals.order_by("state").values("state").annotate(n=Count("pk"))
    totals = proposals.aggregate(n=Count("pk"), requested=Sum("requested_amount"), approved=Sum("fund_approved_amount"))
    pillars = totals_by_pillar(proposals)
    return {
        "rows": rows,
        "total_count": totals["n"],
        "total_requested": totals["requested"] or 0,
        "total_approved": totals["approved"] or 0,
        "chart_state": charts.hbar([(ProposalState(r["state"]).label, r["n"]) for r in by_state], unit="โครงการ"),
        "chart_pillar": charts.hbar([(t.label, t.requested or 0) for t in pillars], unit="บาท"),
    }


def situation_section(province, fiscal_year) -> dict:
    from django.db.models import Case, When

    from actionplans.choices import DocState

    report = (
        _reports(province, fiscal_year)
        .prefetch_related("nationalities")
        .order_by(Case(When(state=DocState.APPROVED, then=0), default=1), "-revision")
        .first()
    )
    if report is None:
        return {"report": None}
    figures = [
        (f.verbose_name, getattr(report, f.name))
        for f in type(report)._meta.concrete_fields
        if f.name.startswith(("cases_", "victims_"))
    ]
    figures += [(f"ผู้เสียหายสัญชาติ{n.get_nationality_display()}", n.victims) for n in report.nationalities.all()]
    texts = [
        (type(report)._meta.get_field(name).verbose_name, getattr(report, name))
        for name in ("situation", "risk_areas", "problems", "recommendations")
        if getattr(report, name, "")
    ]
    return {"report": report, "state_label": report.get_state_display(), "figures": figures, "texts": texts}


def national_querysets(fiscal_year) -> tuple:
    from actionplans.models import ActionPlan, SituationReport
    from fundproposals.models import Proposal, ProposalPillar

    return (
        ActionPlan.objects.filter(fiscal_year=fiscal_year),
        SituationReport.objects.filter(year=fiscal_year - 1),
        Proposal.objects.filter(fiscal_year=fiscal_year),
        ProposalPillar.objects.filter(proposal__fiscal_year=fiscal_year),
    )


def _money(value) -> str:
    return f"{value or 0:,.0f}"


def national_section(fiscal_year) -> dict:
    """Per province: approved plan and situation report, proposals and money by pillar (four queries)."""
    from django.db.models import Count, Sum

    from actionplans.selectors import national_status
    from fundproposals.models import ProposalPillar
    from fundproposals.selectors import totals_by_pillar

    status, summary = national_status(fiscal_year)
    proposals = _proposals(fiscal_year=fiscal_year)
    per_province = {
        r["province"]: r
        for r in proposals.order_by()
        .values("province")
        .annotate(n=Count("pk"), requested=Sum("requested_amount"), approved=Sum("fund_approved_amount"))
    }
    per_pillar: dict[int, list[str]] = {}
    for r in (
        ProposalPillar.objects.filter(proposal__in=proposals.values("pk"))
        .values("proposal__province", "pillar")
        .annotate(requested=Sum("proposal__requested_amount"), approved=Sum("proposal__fund_approved_amount"))
        .order_by("proposal__province", "pillar")
    ):
        per_pillar.setdefault(r["proposal__province"], []).append(
            f"{SHORT_PILLAR.get(r['pillar'], r['pillar'])} {_money(r['requested'])}/{_money(r['approved'])}"
        )
    by_province = {}
    for row in status:
        pid = row.province.pk
        money = per_province.get(pid)
        parts = [
            "แผนเห็นชอบแล้ว" if row.plan_approved else ("มีร่างแผน" if row.plan_id else "ไม่มีแผน"),
            "รายงานสถานการณ์เห็นชอบแล้ว" if row.report_approved else "รายงานสถานการณ์ยังไม่เห็นชอบ",
        ]
        if money:
            parts.append(f"โครงการ {money['n']} ขอ {_money(money['requested'])} อนุมัติ {_money(money['approved'])} บาท")
        if per_pillar.get(pid):
            parts.append("รายด้าน (ขอ/อนุมัติ) " + ", ".join(per_pillar[pid]))
        by_province[pid] = {"line": " · ".join(parts)}
    pillars = totals_by_pillar(proposals)
    pillar_rows = [
        {"label": t.label, "count": t.proposals, "requested": t.requested or 0, "approved": t.approved or 0}
        for t in pillars
    ]
    has_data = bool(summary["plans_approved"] or per_province or any(r.plan_id for r in status))
    return {
        "by_province": by_province,
        "has_data": has_data,
        "summary": summary,
        "pillar_rows": pillar_rows if per_province else [],
        "chart_pillar": charts.hbar([(r["label"], r["approved"]) for r in pillar_rows], unit="บาท (อนุมัติ)"),
        "chart_requested": charts.hbar([(r["label"], r["requested"]) for r in pillar_rows], unit="บาท (ขอ)"),
        "columns": "แผนปฏิบัติการ · รายงานสถานการณ์ · โครงการและวงเงิน (บาท)",
    }
