"""The documents the product prints: one module per kind, one registry."""

from reports.choices import ReportKind
from reports.documents import annual, meeting, national, plan, proposal
from reports.documents.base import DocumentUnavailable, Target, fingerprint

REGISTRY = {
    ReportKind.MINUTES: meeting.Minutes(),
    ReportKind.AGENDA: meeting.Agenda(),
    ReportKind.PROPOSAL: proposal.Proposal(),
    ReportKind.PLAN: plan.Plan(),
    ReportKind.ANNUAL_PROVINCE: annual.AnnualProvince(),
    ReportKind.NATIONAL_SUMMARY: national.NationalSummary(),
}


def document_for(kind: str):
    return REGISTRY[kind]


__all__ = ["REGISTRY", "DocumentUnavailable", "Target", "document_for", "fingerprint"]
