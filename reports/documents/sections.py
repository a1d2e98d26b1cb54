"""Sections of the annual report and the national summary that read other apps' data.

Each returns an empty section when the app's data is not there, so a report for
a year with nothing recorded says so instead of failing.
"""

from __future__ import annotations

from decimal import Decimal

from reports import charts


def the_plan(province, fiscal_year):
    """The year's plan: the approved revision, else the latest live one (None when there is none)."""
    from actionplans.selectors import plan_for_report

    return plan_for_report(province, fiscal_year)


def plan_querysets(province, fiscal_year) -> tuple:
    from actionplans.selectors import plan_report_querysets

    return plan_report_querysets(province=province, fiscal_year=fiscal_year)


def _percent(achieved, target) -> Decimal:
    """Share of the target reached, capped at 100, to two places (ร้อยละ 91.67)."""
    if not target:
        return Decimal(0)
    return min(Decimal(achieved or 0) * 100 / Decimal(target), Decimal(100)).quantize(Decimal("0.01"))


def plan_body(plan) -> dict:
    """A plan as a table of activities (pillar, target and unit, budget and source, agency, quarters),
    grouped by pillar in plan order, with progress in ร้อยละ and the two charts."""
    from actionplans import selectors as ap

    activities = sorted(ap.activities_with_progress(plan), key=lambda a: (a.order, a.pk))
    by_pillar: dict[str, list] = {}
    for a in activities:
        a.percent_exact = _percent(a.achieved, a.target_quantity)
        a.quarter_list = [q for q in (1, 2, 3, 4) if getattr(a, f"q{q}")]
        a.pillar_short = SHORT_PILLAR.get(a.pillar, a.pillar)
        by_pillar.setdefault(a.pillar, []).append(a)
    pillars = []
    for row in ap.pillar_summary(plan):
        rows = by_pillar.get(row.code, [])
        if not rows:
            continue
        percent = sum((a.percent_exact for a in rows), Decimal(0)) / len(rows)
        pillars.append(
            {
                "code": row.code,
                "label": row.label,
                "percent": percent.quantize(Decimal("0.01")),
                "budget": row.budget,
                "spent": row.spent,
                "late": row.late,
                "activities": rows,
            }
        )
    totals = ap.plan_totals(plan)
    if activities:
        totals["percent_exact"] = (sum((a.percent_exact for a in activities), Decimal(0)) / len(activities)).quantize(
            Decimal("0.01")
        )
    else:
        totals["percent_exact"] = Decimal(0)
    resolution = plan.resolution
    approval = None
    if resolution is not None:
        item = resolution.agenda_item
        approval = {
            "meeting": item.meeting.label,
            "date": item.meeting.starts_at,
            "item": item.number if hasattr(item, "number") else "",
        }
    return {
        "plan": plan,
        "state_label": plan.get_state_display(),
        "pillars": pillars,
        "activities": activities,
        "totals": totals,
        "approval": approval,
        "chart_progress": charts.percent_bars([(p["label"], float(p["percent"])) for p in pillars]),
        "chart_budget": charts.hbar([(p["label"], p["budget"]) for p in pillars], unit="บาท"),
    }


def plan_section(province, fiscal_year) -> dict:
    plan = the_plan(province, fiscal_year)
    return plan_body(plan) if plan else {"plan": None}


SHORT_PILLAR = {"prosecution": "ดำเนินคดี", "prevention": "ป้องกัน", "protection": "คุ้มครอง", "database": "ฐานข้อมูล"}


def _proposals(**filters):
    from fundproposals.selectors import proposals_for_report

    return proposals_for_report(**filters)


def proposal_querysets(province, fiscal_year) -> tuple:
    from fundproposals.selectors import proposal_year_querysets

    return proposal_year_querysets(province=province, fiscal_year=fiscal_year)


def situation_querysets(province, fiscal_year) -> tuple:
    from actionplans.selectors import situation_report_querysets

    return situation_report_querysets(province, fiscal_year)


def proposal_section(province, fiscal_year) -> dict:
    """Proposals by state (each counted once: the rows add up to the total) and by pillar (a project
    under several pillars counts in each, said in a note), with the amounts requested, endorsed by
    the subcommittee and approved by the fund."""
    from django.db.models import Count, Sum

    from fundproposals.choices import ProposalState
    from fundproposals.selectors import multi_pillar_count, totals_by_pillar

    proposals = _proposals(province=province, fiscal_year=fiscal_year)
    by_state = list(
        proposals.order_by("state")
        .values("state")
        .annotate(
            n=Count("pk"),
            requested=Sum("requested_amount"),
            recommended=Sum("recommended_amount"),
            approved=Sum("fund_approved_amount"),
        )
    )
    if not by_state:
        return {"rows": []}
    order = {value: i for i, value in enumerate(ProposalState.values)}
    by_state.sort(key=lambda r: order.get(r["state"], 99))
    rows = [
        {
            "state": ProposalState(r["state"]).label,
            "count": r["n"],
            "requested": r["requested"] or 0,
            "recommended": r["recommended"] or 0,
            "approved": r["approved"] or 0,
        }
        for r in by_state
    ]
    totals = proposals.aggregate(
        n=Count("pk"),
        requested=Sum("requested_amount"),
        recommended=Sum("recommended_amount"),
        approved=Sum("fund_approved_amount"),
    )
    multi = multi_pillar_count(proposals)
    pillars = totals_by_pillar(proposals)
    pillar_rows = [
        {
            "label": t.label,
            "count": t.proposals,
            "requested": t.requested or Decimal(0),
            "approved": t.approved or Decimal(0),
        }
        for t in pillars
    ]
    return {
        "rows": rows,
        "pillar_rows": pillar_rows,
        "multi_pillar": multi,
        "total_count": totals["n"],
        "total_requested": totals["requested"] or 0,
        "total_recommended": totals["recommended"] or 0,
        "total_approved": totals["approved"] or 0,
        "chart_pillar": charts.hbar([(r["label"], r["requested"]) for r in pillar_rows], unit="บาท"),
    }


def situation_section(province, fiscal_year) -> dict:
    from actionplans.selectors import situation_for_report

    report = situation_for_report(province, fiscal_year)
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
    from actionplans.selectors import national_plan_querysets
    from fundproposals.selectors import proposal_year_querysets

    return (*national_plan_querysets(fiscal_year), *proposal_year_querysets(fiscal_year=fiscal_year))


def national_section(fiscal_year) -> dict:
    """Per province: plan and situation report, proposals and money; the same figures by pillar (four queries).

    The plan counts add up to the 77 provinces: approved, drafted but not approved, none.
    """
    from django.db.models import Count, Sum

    from actionplans.selectors import national_status
    from fundproposals.selectors import totals_by_pillar

    status, summary = national_status(fiscal_year)
    proposals = _proposals(fiscal_year=fiscal_year)
    per_province = {
        r["province"]: r
        for r in proposals.order_by()
        .values("province")
        .annotate(n=Count("pk"), requested=Sum("requested_amount"), approved=Sum("fund_approved_amount"))
    }
    by_province = {}
    plans = {"approved": 0, "draft": 0, "none": 0}
    reports = {"approved": 0, "draft": 0, "none": 0}
    for row in status:
        plan = "approved" if row.plan_approved else ("draft" if row.plan_id else "none")
        report = "approved" if row.report_approved else ("draft" if row.report_id else "none")
        plans[plan] += 1
        reports[report] += 1
        money = per_province.get(row.province.pk) or {}
        by_province[row.province.pk] = {
            "plan": {"approved": "เห็นชอบแล้ว", "draft": "มีร่าง", "none": "ไม่มี"}[plan],
            "report": {"approved": "เห็นชอบแล้ว", "draft": "มีร่าง", "none": "ไม่มี"}[report],
            "proposals": money.get("n", 0),
            "requested": money.get("requested") or 0,
            "approved": money.get("approved") or 0,
        }
    pillars = totals_by_pillar(proposals)
    pillar_rows = [
        {
            "label": t.label,
            "count": t.proposals,
            "requested": t.requested or Decimal(0),
            "approved": t.approved or Decimal(0),
        }
        for t in pillars
    ]
    totals = proposals.aggregate(n=Count("pk"), requested=Sum("requested_amount"), approved=Sum("fund_approved_amount"))
    has_data = bool(summary["plans_approved"] or per_province or any(r.plan_id for r in status))
    # One chart, one scale: what was asked and what was approved, pillar by pillar.
    money_rows = []
    for r in pillar_rows:
        money_rows += [(f"{r['label']} (ขอ)", r["requested"]), (f"{r['label']} (อนุมัติ)", r["approved"])]
    return {
        "by_province": by_province,
        "has_data": has_data,
        "summary": summary,
        "plans": plans,
        "reports": reports,
        "pillar_rows": pillar_rows if per_province else [],
        "totals": {"count": totals["n"], "requested": totals["requested"] or 0, "approved": totals["approved"] or 0},
        "chart_money": charts.hbar(money_rows, unit="บาท"),
    }
