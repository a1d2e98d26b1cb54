"""Who may do what with meetings, agendas, attendance, resolutions and minutes.

Each predicate says why it refuses (Thai). Views turn a refusal to *see* into a
404; services raise ``PermissionDenied`` for a refusal to *change*.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import Role
from core.permissions import ALLOW, Verdict, deny
from meetings.choices import MeetingState

EDITABLE_AGENDA_STATES = frozenset({MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.MINUTES_DRAFTED})
ATTENDANCE_STATES = frozenset({MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.MINUTES_DRAFTED})
RESOLUTION_STATES = frozenset({MeetingState.HELD, MeetingState.MINUTES_DRAFTED, MeetingState.CIRCULATED})
MINUTES_EDIT_STATES = frozenset({MeetingState.HELD, MeetingState.MINUTES_DRAFTED, MeetingState.CIRCULATED})


def roles_on(user, meeting) -> frozenset[str]:
    """The user's roles in the meeting's province (what the workflow table is checked against)."""
    return user.access.roles_in(meeting.subcommittee.province_id)


def can_view_meeting(user, meeting) -> Verdict:
    """Members, chair, secretariat and viewers of the province, and national officers."""
    if user.access.can_read_province(meeting.subcommittee.province_id):
        return ALLOW
    return deny(_("ไม่พบการประชุมนี้ในขอบเขตของท่าน"))


def can_schedule_meeting(user, subcommittee) -> Verdict:
    if user.access.has(subcommittee.province_id, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการของจังหวัดเท่านั้นที่นัดประชุมได้"))


def can_manage_meeting(user, meeting) -> Verdict:
    """Secretariat of the meeting's province (whatever the state)."""
    return can_schedule_meeting(user, meeting.subcommittee)


def can_edit_meeting(user, meeting) -> Verdict:
    if not (v := can_manage_meeting(user, meeting)):
        return v
    if meeting.state != MeetingState.SCHEDULED:
        return deny(_("แก้ไขรายละเอียดการประชุมได้เฉพาะก่อนการประชุม"))
    return ALLOW


def can_edit_agenda(user, meeting) -> Verdict:
    if not (v := can_manage_meeting(user, meeting)):
        return v
    if meeting.state not in EDITABLE_AGENDA_STATES:
        return deny(_("แก้ไขระเบียบวาระไม่ได้ในสถานะนี้"))
    return ALLOW


def can_send_invitations(user, meeting) -> Verdict:
    if not (v := can_manage_meeting(user, meeting)):
        return v
    if meeting.state != MeetingState.SCHEDULED:
        return deny(_("ส่งหนังสือเชิญได้เฉพาะการประชุมที่ยังไม่ได้ประชุม"))
    if meeting.starts_at <= timezone.now():
        return deny(_("วันประชุมผ่านมาแล้ว ส่งหนังสือเชิญประชุมไม่ได้"))
    return ALLOW


def can_record_attendance(user, meeting) -> Verdict:
    if not (v := can_manage_meeting(user, meeting)):
        return v
    if meeting.state not in ATTENDANCE_STATES:
        return deny(_("บันทึกการเข้าประชุมไม่ได้ในสถานะนี้"))
    return ALLOW


def can_record_resolution(user, meeting) -> Verdict:
    """Secretariat, and the chair (closing a vote resolves the item), while the minutes are not adopted."""
    if not user.access.has(meeting.subcommittee.province_id, Role.SECRETARIAT, Role.CHAIR):
        return deny(_("เฉพาะฝ่ายเลขานุการหรือประธานเท่านั้นที่บันทึกมติที่ประชุมได้"))
    if meeting.state == MeetingState.ADOPTED:
        return deny(_("รายงานการประชุมรับรองแล้ว แก้ไขมติไม่ได้"))
    if meeting.state not in RESOLUTION_STATES:
        return deny(_("บันทึกมติได้เมื่อถึงวันประชุมแล้ว"))
    return ALLOW


def can_declare_conflict(user, meeting, member=None) -> Verdict:
    """Secretariat records anyone's conflict; a member declares their own."""
    if meeting.state in (MeetingState.ADOPTED, MeetingState.CANCELLED):
        return deny(_("บันทึกการมีส่วนได้เสียไม่ได้ในสถานะนี้"))
    if can_manage_meeting(user, meeting):
        return ALLOW
    if member is not None and member.user_id == user.pk and member.subcommittee_id == meeting.subcommittee_id:
        return ALLOW
    if member is None and user.access.has(meeting.subcommittee.province_id, Role.MEMBER):
        return ALLOW
    return deny(_("ท่านแจ้งการมีส่วนได้เสียได้เฉพาะของตนเอง"))


def can_edit_minutes(user, meeting) -> Verdict:
    if not (v := can_manage_meeting(user, meeting)):
        return v
    if meeting.state == MeetingState.ADOPTED:
        return deny(_("รายงานการประชุมรับรองแล้ว แก้ไขไม่ได้"))
    if meeting.state not in MINUTES_EDIT_STATES:
        return deny(_("ร่างรายงานการประชุมได้เมื่อบันทึกว่าได้ประชุมแล้ว"))
    return ALLOW


def can_comment_minutes(user, meeting) -> Verdict:
    if meeting.state != MeetingState.CIRCULATED:
        return deny(_("เสนอแก้ไขได้เฉพาะเมื่อเวียนร่างรายงานการประชุม"))
    if user.access.has(meeting.subcommittee.province_id, Role.MEMBER, Role.CHAIR, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะอนุกรรมการเท่านั้นที่เสนอแก้ไขรายงานการประชุมได้"))


def can_withdraw_agenda_item(user, item) -> Verdict:
    """Before the meeting is held the secretariat may withdraw a sub-item or take a paper off it."""
    if not (v := can_manage_meeting(user, item.meeting)):
        return v
    if item.meeting.state != MeetingState.SCHEDULED:
        return deny(_("ถอนระเบียบวาระหรือนำเอกสารออกได้เฉพาะก่อนการประชุม"))
    if item.parent_id is None or item.withdrawn_at:
        return deny(_("ถอนได้เฉพาะเรื่องในระเบียบวาระที่ยังไม่ถูกถอน"))
    return ALLOW
