"""Permission predicates for provinces, risk groups, subcommittees and the audit trail.

Each says why it refuses; views turn a refusal into the same 404 a missing
object gives (``core.permissions.require``).
"""

from django.utils.translation import gettext as _

from committees.choices import Role
from core.permissions import ALLOW, Verdict, deny


def can_view_province(user, province) -> Verdict:
    if user.access.can_read_province(province.pk):
        return ALLOW
    return deny(_("ไม่พบจังหวัดนี้ในขอบเขตของท่าน"))


def can_set_risk_groups(user) -> Verdict:
    if user.access.is_national:
        return ALLOW
    return deny(_("เฉพาะเจ้าหน้าที่ส่วนกลางเท่านั้นที่กำหนดกลุ่มจังหวัดได้"))


def can_manage_subcommittee(user, subcommittee) -> Verdict:
    if user.access.has(subcommittee.province_id, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการของจังหวัดเท่านั้นที่แก้ไของค์ประกอบคณะอนุกรรมการได้"))


def can_view_audit(user, province=None) -> Verdict:
    """National officers read every record; secretariat staff their province's."""
    access = user.access
    if access.is_national:
        return ALLOW
    if province is None:
        return ALLOW if access.province_ids(Role.SECRETARIAT) else deny(_("ไม่มีสิทธิ์ดูบันทึกการเปลี่ยนแปลง"))
    if access.has(province.pk, Role.SECRETARIAT):
        return ALLOW
    return deny(_("ไม่มีสิทธิ์ดูบันทึกการเปลี่ยนแปลงของจังหวัดนี้"))


def can_manage_roles(user) -> Verdict:
    """Only national officers grant and revoke secretariat, viewer and national roles."""
    if user.access.is_national:
        return ALLOW
    return deny(_("เฉพาะเจ้าหน้าที่ส่วนกลางเท่านั้นที่กำหนดสิทธิ์ผู้ใช้ได้"))


def can_invite_member(user, member) -> Verdict:
    """The province's secretariat turns a current member into a user."""
    if not user.access.has(member.subcommittee.province_id, Role.SECRETARIAT):
        return deny(_("เฉพาะฝ่ายเลขานุการของจังหวัดเท่านั้นที่สร้างบัญชีให้อนุกรรมการได้"))
    return ALLOW


def can_decide_proposers(user, province) -> Verdict:
    """The province's secretariat accepts, refuses and invites proposers."""
    if user.access.has(province.pk, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการของจังหวัดเท่านั้นที่พิจารณาผู้เสนอโครงการได้"))
