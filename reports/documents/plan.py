"""The action plan of a fiscal year with its progress (reads actionplans.selectors)."""

from __future__ import annotations

from django.http import Http404

from reports.choices import ReportKind
from reports.documents import sections
from reports.documents.base import Target, fingerprint


class Plan:
    kind = ReportKind.PLAN
    template = "pdf/plan.html"

    def load(self, object_id: int):
        from actionplans.models import ActionPlan

        try:
            return ActionPlan.objects.select_related(
                "subcommittee__province", "resolution__agenda_item__meeting", "resolution__agenda_item__parent"
            ).get(pk=object_id)
        except ActionPlan.DoesNotExist:
            raise Http404("ไม่พบแผนปฏิบัติการ") from None

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
        from actionplans.models import ActionPlan, Activity, Progress

        plan = target.object_id
        return fingerprint(
            self.kind,
            plan,
            querysets=(
                ActionPlan.objects.filter(pk=plan),
                Activity.objects.filter(plan_id=plan),
                Progress.objects.filter(activity__plan_id=plan),
            ),
        )

    def context(self, target: Target) -> dict:
        return {"province": target.province, "plan": sections.plan_body(target.obj), "fiscal_year": target.fiscal_year}
