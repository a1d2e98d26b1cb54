"""The กปค.01 proposal as the filled form, with its budget table and the amount in Thai words."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from core.pillars import Pillar
from reports.choices import ReportKind
from reports.documents.base import Target, fingerprint


class Proposal:
    kind = ReportKind.PROPOSAL
    template = "pdf/proposal.html"

    def load(self, object_id: int):
        from fundproposals.models import Proposal as ProposalModel

        try:
            return (
                ProposalModel.objects.select_related("province", "proposer", "previous_project")
                .prefetch_related("pillar_rows", "activities", "budget_lines")
                .get(pk=object_id)
            )
        except ProposalModel.DoesNotExist:
            raise Http404("ไม่พบโครงการ") from None

    def target(self, obj) -> Target:
        return Target(self.kind, province=obj.province, fiscal_year=obj.fiscal_year, object_id=obj.pk, obj=obj)

    def title(self, target: Target) -> str:
        p = target.obj
        return f"แบบ {settings.FUND_FORM_CODE} {p.code or 'ร่าง'} {p.title}"[:300]

    def fingerprint(self, target: Target) -> str:
        from fundproposals.models import Activity, BudgetLine, ProposalPillar
        from fundproposals.models import Proposal as ProposalModel

        pk = target.object_id
        return fingerprint(
            self.kind,
            pk,
            querysets=(
                ProposalModel.objects.filter(pk=pk),
                ProposalPillar.objects.filter(proposal_id=pk),
            ),
            contents=(Activity.objects.filter(proposal_id=pk), BudgetLine.objects.filter(proposal_id=pk)),
        )

    def context(self, target: Target) -> dict:
        p = target.obj
        chosen = set(p.pillars)
        lines = sorted(p.budget_lines.all(), key=lambda line: (line.order, line.pk))
        return {
            "p": p,
            "province": p.province,
            "form_code": settings.FUND_FORM_CODE,
            "pillars": [(pillar.label, pillar.value in chosen) for pillar in Pillar],
            "activities": sorted(p.activities.all(), key=lambda a: (a.order, a.pk)),
            "budget_lines": lines,
            "budget_total": sum((line.amount for line in lines), start=0),
        }
