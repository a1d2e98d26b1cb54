"""The กปค.01 proposal as the filled form, with its budget table and the amount in Thai words."""

from __future__ import annotations

from django.conf import settings

from core.pillars import Pillar
from reports.choices import ReportKind
from reports.documents.base import Target, fingerprint


class Proposal:
    kind = ReportKind.PROPOSAL
    template = "pdf/proposal.html"

    def load(self, object_id: int):
        from fundproposals.selectors import proposal_for_report

        return proposal_for_report(object_id)

    def target(self, obj) -> Target:
        return Target(self.kind, province=obj.province, fiscal_year=obj.fiscal_year, object_id=obj.pk, obj=obj)

    def title(self, target: Target) -> str:
        p = target.obj
        return f"แบบ {settings.FUND_FORM_CODE} {p.code or 'ร่าง'} {p.title}"[:300]

    def file_stem(self, target: Target) -> str:
        p = target.obj
        return f"แบบ {settings.FUND_FORM_CODE} {(p.code or 'ร่าง').replace('/', '-')}"

    def fingerprint(self, target: Target) -> str:
        from fundproposals.selectors import proposal_report_querysets

        querysets, contents = proposal_report_querysets(target.object_id)
        return fingerprint(self.kind, target.object_id, querysets=querysets, contents=contents)

    def context(self, target: Target) -> dict:
        p = target.obj
        chosen = set(p.pillars)
        lines = sorted(p.budget_lines.all(), key=lambda line: (line.order, line.pk))
        item = p.agenda_item
        return {
            "p": p,
            "province": p.province,
            "form_code": settings.FUND_FORM_CODE,
            "pillars": [(pillar.label, pillar.value in chosen) for pillar in Pillar],
            "activities": sorted(p.activities.all(), key=lambda a: (a.order, a.pk)),
            "budget_lines": lines,
            "budget_total": sum((line.amount for line in lines), start=0),
            "attachments": sorted(p.attachments.all(), key=lambda a: a.pk),
            "decided_at": {"meeting": item.meeting.label, "date": item.meeting.starts_at, "item": item.number}
            if item
            else None,
        }
