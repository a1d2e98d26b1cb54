"""What the meeting pages share: the flags a page may offer and how a refused save shows on its form."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from meetings import permissions as perms
from meetings.workflow import BUTTON_TRANSITIONS, MEETING_WORKFLOW


def meeting_flags(user, meeting, minutes=False, *, minutes_saved: bool | None = None) -> dict:
    """What the meeting's pages may offer; ``minutes``: the meeting's minutes when already loaded (or None);
    ``minutes_saved``: or only whether they have a saved version."""
    roles = perms.roles_on(user, meeting)
    if minutes_saved is None and minutes is not False:
        minutes_saved = bool(minutes and minutes.version)
    ctx = {} if minutes_saved is None else {"minutes_saved": minutes_saved}
    return {
        "can_manage": bool(perms.can_manage_meeting(user, meeting)),
        "can_edit": bool(perms.can_edit_meeting(user, meeting)),
        "can_edit_agenda": bool(perms.can_edit_agenda(user, meeting)),
        "can_invite": bool(perms.can_send_invitations(user, meeting)),
        "can_attendance": bool(perms.can_record_attendance(user, meeting)),
        "can_resolve": bool(perms.can_record_resolution(user, meeting)),
        "can_edit_minutes": bool(perms.can_edit_minutes(user, meeting)),
        "can_comment": bool(perms.can_comment_minutes(user, meeting)),
        "can_adopt": bool(MEETING_WORKFLOW.check(meeting, "adopt", roles, ctx))
        if meeting.state != "adopted"
        else False,
        "transitions": [t for t in MEETING_WORKFLOW.available(meeting, roles, ctx) if t.name in BUTTON_TRANSITIONS],
    }


def form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
