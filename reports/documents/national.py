"""The national summary: all 77 provinces in one fiscal year (national officers)."""

from __future__ import annotations

from committees.choices import RiskGroup
from dashboards.provincemap import NO_GROUP_SWATCH, MapCell, credit, province_map
from reports import charts
from reports.choices import ReportKind
from reports.documents import sections
from reports.documents.base import Target, fingerprint


class NationalSummary:
    kind = ReportKind.NATIONAL_SUMMARY
    template = "pdf/national_summary.html"

    def title(self, target: Target) -> str:
        return f"รายงานสรุปภาพรวมการดำเนินงานของจังหวัดทั่วประเทศ ปีงบประมาณ {target.fiscal_year}"

    def file_stem(self, target: Target) -> str:
        return f"รายงานสรุประดับประเทศ ปีงบประมาณ {target.fiscal_year}"

    def fingerprint(self, target: Target) -> str:
        from committees.selectors import national_committee_querysets
        from meetings.selectors import meetings_year_querysets

        fy = target.fiscal_year
        return fingerprint(
            self.kind,
            fy,
            querysets=(
                *national_committee_querysets(fy),
                *meetings_year_querysets(fiscal_year=fy),
                *sections.national_querysets(fy),
            ),
        )

    def context(self, target: Target) -> dict:
        fy = target.fiscal_year
        from committees.selectors import provinces_for_report
        from meetings.selectors import meetings_held_by_province

        provinces = provinces_for_report(fy)
        held = meetings_held_by_province(fy)
        for p in provinces:
            p.meetings_held = held.get(p.pk, 0)
        extra = sections.national_section(fy)
        for p in provinces:
            p.extra = extra["by_province"].get(p.pk, {})
        counts = dict.fromkeys(RiskGroup.values, 0)
        unset = 0
        for p in provinces:
            if p.risk_group in counts:
                counts[p.risk_group] += 1
            else:
                unset += 1
        group_rows = [(label, counts[value]) for value, label in RiskGroup.choices]
        has_data = bool(sum(counts.values()) or any(p.meetings_held for p in provinces) or extra["has_data"])
        return {
            "fiscal_year": fy,
            "provinces": provinces,
            "group_counts": group_rows,
            "unset": unset,
            "meetings_total": sum(p.meetings_held for p in provinces),
            "provinces_met": sum(1 for p in provinces if p.meetings_held),
            "extra": extra,
            "has_data": has_data,
            "chart_groups": charts.hbar(
                group_rows,
                unit="จังหวัด",
                colours=[charts.GROUP_COLOURS[v] for v, _ in RiskGroup.choices],
                width=230,  # beside the map, on page 1
            ),
            "grid": charts.province_grid([(p.name_th, p.risk_group) for p in provinces]),
            # the dashboards' map, no text inside (names are in the appendix as text), and its credit
            "province_map": province_map(
                [MapCell(code=p.code, name=p.name_th, group=p.risk_group) for p in provinces], width=230
            )
            + credit("small"),
            "group_colours": [
                *((label, charts.GROUP_COLOURS[value]) for value, label in RiskGroup.choices),
                *((("ยังไม่กำหนดกลุ่ม", NO_GROUP_SWATCH),) if unset else ()),
            ],
        }
