"""The province's annual report for the governor (รายงานผลการดำเนินงานประจำปี).

Reads the other apps only through their ``…_for_report`` selectors.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.thaidate import fiscal_year_bounds
from reports import charts
from reports.choices import ReportKind
from reports.documents import sections
from reports.documents.base import Target, lazy_fingerprint


def _members_on(fiscal_year: int) -> dt.date:
    return min(timezone.localdate(), fiscal_year_bounds(fiscal_year)[1])


def _position(member, province) -> str:
    """A member's position with the office when the position alone does not say where."""
    position, agency = member.position.strip(), (member.agency or "").strip()
    if agency and agency not in position and province.name_th not in position and province.name_th in agency:
        return f"{position} {agency}"
    return position


class AnnualProvince:
    kind = ReportKind.ANNUAL_PROVINCE
    template = "pdf/annual_province.html"

    def title(self, target: Target) -> str:
        return f"รายงานผลการดำเนินงานประจำปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th}"

    def file_stem(self, target: Target) -> str:
        return f"รายงานประจำปี ปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th}"

    def fingerprint(self, target: Target) -> str:
        from committees.selectors import committee_report_querysets
        from meetings.selectors import meetings_year_querysets

        province, fy = target.province, target.fiscal_year

        def build():
            querysets = (
                *committee_report_querysets(province),
                *meetings_year_querysets(province=province, fiscal_year=fy),
                *sections.plan_querysets(province, fy),
                *sections.proposal_querysets(province, fy),
                *sections.situation_querysets(province, fy),
            )
            return querysets, ()

        return lazy_fingerprint(self.kind, province.pk, fy, build=build)

    def context(self, target: Target) -> dict:
        from committees.choices import MemberRole
        from committees.selectors import committee_for_report
        from meetings.selectors import meetings_for_report

        province, fy = target.province, target.fiscal_year
        committee = committee_for_report(province, fy, _members_on(fy))
        members, history = committee["members"], committee["history"]
        for m in members:
            m.report_position = _position(m, province)
        group = next((h for h in history if h.fiscal_year == fy), None)
        meetings = meetings_for_report(committee["subcommittee"], fy, members=len(members))
        plan = sections.plan_section(province, fy)
        proposals = sections.proposal_section(province, fy)
        situation = sections.situation_section(province, fy)
        has_data = bool(meetings or plan.get("plan") or proposals.get("rows") or situation.get("report"))
        return {
            "province": province,
            "fiscal_year": fy,
            "fy_start": fiscal_year_bounds(fy)[0],
            "fy_end": fiscal_year_bounds(fy)[1],
            "subcommittee": committee["subcommittee"],
            "members": members,
            "group": group,
            "history": history,
            "chair": next((m for m in members if m.role == MemberRole.CHAIR), None),
            "secretary": next((m for m in members if m.role == MemberRole.SECRETARY), None),
            "meetings": meetings,
            "plan": plan,
            "proposals": proposals,
            "situation": situation,
            "has_data": has_data,
            "chart_meetings": charts.hbar([(m.label, m.n_attending) for m in meetings], unit="คน") if meetings else "",
        }
