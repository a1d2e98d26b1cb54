"""Who may do what around an electronic meeting (``can_<verb>_<noun>(user, meeting)``)."""

from django.utils.translation import gettext as _

from committees.choices import Role
from committees.models import Member
from core.permissions import ALLOW, Verdict, deny
from meetings.choices import MeetingState
from meetings.permissions import can_view_meeting, roles_on

OPEN_STATES = (MeetingState.SCHEDULED, MeetingState.HELD)


def seat_of(user, meeting) -> Member | None:
    """The user's current seat on the meeting's subcommittee, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.current().filter(user=user, subcommittee_id=meeting.subcommittee_id).first()


def is_open(meeting) -> bool:
    """Open for check-in: not cancelled, minutes not started, and the meeting has not ended."""
    from django.utils import timezone

    if meeting.state not in OPEN_STATES:
        return False
    return meeting.ended_at is None or meeting.ended_at > timezone.now()


def can_view_emeeting(user, meeting) -> Verdict:
    return can_view_meeting(user, meeting)


def can_manage_emeeting(user, meeting) -> Verdict:
    """Mode, how to join, recordings: the secretariat."""
    if Role.SECRETARIAT in roles_on(user, meeting):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการเท่านั้นที่กำหนดรูปแบบการประชุมและบันทึกการบันทึกภาพและเสียงได้"))


def can_check_in(user, meeting, seat=None) -> Verdict:
    seat = seat if seat is not None else seat_of(user, meeting)
    if seat is None:
        return deny(_("เฉพาะอนุกรรมการของคณะนี้เท่านั้นที่ลงชื่อเข้าประชุมได้"))
    if not is_open(meeting):
        return deny(_("การประชุมนี้ปิดแล้ว ลงชื่อเข้าประชุมไม่ได้"))
    return ALLOW


def can_vouch(user, meeting) -> Verdict:
    if not (roles_on(user, meeting) & {Role.CHAIR, Role.SECRETARIAT}):
        return deny(_("เฉพาะประธานหรือฝ่ายเลขานุการเท่านั้นที่รับรองตัวตนผู้เข้าประชุมได้"))
    if not is_open(meeting):
        return deny(_("การประชุมนี้ปิดแล้ว รับรองตัวตนไม่ได้"))
    return ALLOW


def can_report_fault(user, meeting) -> Verdict:
    if not (roles_on(user, meeting) & {Role.CHAIR, Role.SECRETARIAT, Role.MEMBER}):
        return deny(_("เฉพาะผู้เข้าประชุมเท่านั้นที่แจ้งเหตุขัดข้องได้"))
    return ALLOW


def can_see_ip(user, meeting) -> Verdict:
    """IP addresses are personal data (PDPA): the chair, the secretariat and the national officer only."""
    if roles_on(user, meeting) & {Role.CHAIR, Role.SECRETARIAT, Role.NATIONAL}:
        return ALLOW
    return deny(_("หมายเลขไอพีแสดงเฉพาะประธาน ฝ่ายเลขานุการ และเจ้าหน้าที่ส่วนกลาง"))


def can_download_evidence(user, meeting) -> Verdict:
    if roles_on(user, meeting) & {Role.CHAIR, Role.SECRETARIAT, Role.NATIONAL}:
        return ALLOW
    return deny(_("ชุดหลักฐานการประชุมดาวน์โหลดได้เฉพาะประธาน ฝ่ายเลขานุการ และเจ้าหน้าที่ส่วนกลาง"))
