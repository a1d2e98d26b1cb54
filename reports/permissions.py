"""Who may ask for a report and who may read it.

A report is read under the same rule as the data it prints: another
province's document is a 404, like its pages.
"""

from django.utils.translation import gettext as _

from committees.choices import Role
from core.permissions import ALLOW, Verdict, deny
from reports.choices import ReportKind

# Who may ask for each kind, in the province the document is about.
REQUESTERS = {
    ReportKind.ANNUAL_PROVINCE: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.MINUTES: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.AGENDA: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.PLAN: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.PROPOSAL: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.PACKET: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.MINUTES_DOCX: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    ReportKind.AGENDA_DOCX: frozenset({Role.CHAIR, Role.SECRETARIAT}),
}


def can_view_report(user, *, kind: str, province_id: int | None) -> Verdict:
    """Read a report (its status and its file): the national summary is national; the rest follow the province."""
    access = user.access
    if kind == ReportKind.NATIONAL_SUMMARY:
        return ALLOW if access.is_national else deny(_("เฉพาะเจ้าหน้าที่ส่วนกลางเท่านั้นที่ดูรายงานสรุประดับประเทศได้"))
    if province_id and access.can_read_province(province_id):
        return ALLOW
    return deny(_("ไม่พบรายงานนี้ในขอบเขตของท่าน"))


def can_request_report(user, *, kind: str, province_id: int | None, obj=None) -> Verdict:
    """Ask for a report: national officers the national summary; chair and secretariat their province's
    documents; a proposer the กปค.01 of their own proposal."""
    access = user.access
    if kind == ReportKind.PROPOSAL and obj is not None and getattr(obj, "proposer_id", None) == user.pk:
        return ALLOW
    if kind == ReportKind.NATIONAL_SUMMARY:
        return ALLOW if access.is_national else deny(_("เฉพาะเจ้าหน้าที่ส่วนกลางเท่านั้นที่ขอรายงานสรุประดับประเทศได้"))
    if province_id and access.has(province_id, *REQUESTERS.get(kind, ())):
        return ALLOW
    if province_id and access.can_read_province(province_id):
        return deny(_("เฉพาะประธานและฝ่ายเลขานุการเท่านั้นที่ขอสร้างเอกสารนี้ได้"))
    return deny(_("ไม่พบเอกสารนี้ในขอบเขตของท่าน"))


def can_view_job(user, job) -> Verdict:
    """Read a job: like its document's pages (a proposer also reads the กปค.01 of their own proposal)."""
    verdict = can_view_report(user, kind=job.kind, province_id=job.province_id)
    if not verdict and job.kind == ReportKind.PROPOSAL and job.object_id:
        from fundproposals.selectors import own_proposal_ids

        if own_proposal_ids(user).filter(pk=job.object_id).exists():
            return ALLOW
    return verdict
