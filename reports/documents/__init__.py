"""The documents the product prints: one module per kind, one registry."""

from reports.choices import ReportKind
from reports.documents import annual, meeting, national, packet, plan, proposal, word
from reports.documents.base import DocumentUnavailable, Target, fingerprint

REGISTRY = {
    ReportKind.MINUTES: meeting.Minutes(),
    ReportKind.AGENDA: meeting.Agenda(),
    ReportKind.PROPOSAL: proposal.Proposal(),
    ReportKind.PLAN: plan.Plan(),
    ReportKind.ANNUAL_PROVINCE: annual.AnnualProvince(),
    ReportKind.NATIONAL_SUMMARY: national.NationalSummary(),
    ReportKind.PACKET: packet.Packet(),
    ReportKind.MINUTES_DOCX: word.MinutesWord(),
    ReportKind.AGENDA_DOCX: word.AgendaWord(),
}


def document_for(kind: str):
    return REGISTRY[kind]


def extension_of(kind: str) -> str:
    return getattr(document_for(kind), "extension", "pdf")


def content_type_of(kind: str) -> str:
    return getattr(document_for(kind), "content_type", "application/pdf")


def download_name(job, extension: str | None = None) -> str:
    """The downloaded file's name, after its document: "รายงานการประชุม ครั้งที่ 2-2564.pdf".

    A slash cannot stand in a file name (a browser keeps only what follows it), so "2/2564" becomes "2-2564".
    """
    from reports.services import target_of_job

    doc = document_for(job.kind)
    try:
        stem = doc.file_stem(target_of_job(job))
    except Exception:  # the source object is gone: the title the job kept still names it
        stem = job.title
    return f"{stem.replace('/', '-').replace(chr(92), '-')}.{extension or extension_of(job.kind)}"


__all__ = ["REGISTRY", "DocumentUnavailable", "Target", "document_for", "download_name", "fingerprint"]
