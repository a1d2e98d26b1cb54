"""The action plan of a fiscal year with its progress (reads actionplans.selectors)."""

from __future__ import annotations

from reports.choices import ReportKind
from reports.documents import sections
from reports.documents.base import Target, fingerprint


class Plan:
    kind = ReportKind.PLAN
    template = "pdf/plan.html"

    def load(self, object_id: int):
        from actionplans.selectors import plan_by_id_for_report

        return plan_by_id_for_report(object_id)

    def target(self, obj) -> Target:
        return Target(
            self.kind, province=obj.subcommittee.province, fiscal_year=obj.fiscal_year, object_id=obj.pk, obj=obj
        )

    def title(self, target: Target) -> str:
        return (
            f"แผนปฏิบัติการประจำปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th} ฉบับที่ {target.obj.revision}"
        )

    def file_stem(self, target: Target) -> str:
        return f"แผนปฏิบัติการ ปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th} ฉบับที่ {target.obj.revision}"

    def fingerprint(self, target: Target) -> str:
        from actionplans.selectors import plan_report_querysets

        return fingerprint(self.kind, target.object_id, querysets=plan_report_querysets(plan_id=target.object_id))

    def context(self, target: Target) -> dict:
        return {"province": target.province, "plan": sections.plan_body(target.obj), "fiscal_year": target.fiscal_year}
