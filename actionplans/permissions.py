"""Who may read and change action plans, progress and situation reports.

Members, the chair and viewers of a province read its plans and reports;
national officers read every province's; the secretariat edits. Views turn a
refusal into the same 404 a missing object gives.
"""

from django.utils.translation import gettext as _

from actionplans.choices import DocState
from committees.choices import Role
from core.permissions import ALLOW, Verdict, deny


def can_view_document(user, doc) -> Verdict:
    """A plan or situation report revision (any state)."""
    if user.access.can_read_province(doc.subcommittee.province_id):
        return ALLOW
    return deny(_("ไม่พบเอกสารนี้ในขอบเขตของท่าน"))


def can_prepare_documents(user, subcommittee) -> Verdict:
    """Draft a new plan or report for the subcommittee's province."""
    if user.access.has(subcommittee.province_id, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการของจังหวัดเท่านั้นที่จัดทำแผนและรายงานได้"))


def can_edit_document(user, doc) -> Verdict:
    """Change the content of a revision: only a draft (an approved revision is frozen)."""
    verdict = can_prepare_documents(user, doc.subcommittee)
    if not verdict:
        return verdict
    if doc.state != DocState.DRAFT:
        return deny(_("แก้ไขได้เฉพาะฉบับร่าง ฉบับที่เสนอหรือเห็นชอบแล้วให้ถอนกลับหรือจัดทำฉบับปรับปรุง"))
    return ALLOW


def can_revise_document(user, doc, *, has_open_revision: bool) -> Verdict:
    """Start a new revision of an approved plan or report (the approved one is kept)."""
    verdict = can_prepare_documents(user, doc.subcommittee)
    if not verdict:
        return verdict
    if doc.state != DocState.APPROVED:
        return deny(_("จัดทำฉบับปรับปรุงได้จากฉบับที่เห็นชอบแล้วเท่านั้น"))
    if has_open_revision:
        return deny(_("มีฉบับปรับปรุงที่ยังไม่ได้รับความเห็นชอบอยู่แล้ว"))
    return ALLOW


def can_record_progress(user, plan, *, has_newer_revision: bool = False) -> Verdict:
    """Quarterly progress goes on the plan's latest revision (a new revision carries earlier progress over)."""
    verdict = can_prepare_documents(user, plan.subcommittee)
    if not verdict:
        return verdict
    if plan.state == DocState.SUPERSEDED or has_newer_revision:
        return deny(_("ฉบับนี้มีฉบับปรับปรุงแล้ว ให้บันทึกผลในฉบับล่าสุด"))
    return ALLOW


def can_view_national_status(user) -> Verdict:
    if user.access.is_national:
        return ALLOW
    return deny(_("เฉพาะเจ้าหน้าที่ส่วนกลางเท่านั้น"))


def can_list_documents(user) -> Verdict:
    """The plan and report lists: anyone who may read at least one province's documents."""
    access = user.access
    if access.is_national or access.readable_province_ids():
        return ALLOW
    return deny(_("ท่านไม่มีสิทธิ์ดูแผนปฏิบัติการของจังหวัดใด"))
