"""Meeting pages, by page family; ``meetings/urls.py`` reaches every view through this package.

``meeting_pages`` (lists, create/edit, detail, state buttons, invitations, calendar, resolution search),
``agenda_pages`` (the agenda, one item, papers), ``attendance_pages`` (attendance and quorum),
``minutes_pages`` (the minutes, the editor, versions, adoption); ``common`` holds what they share.
"""

from meetings.views.agenda_pages import agenda, item_detail, paper_download
from meetings.views.attendance_pages import attendance, attendance_quorum
from meetings.views.meeting_pages import (
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics_download,
    meeting_invite,
    meeting_list,
    meeting_transition,
    my_meetings,
    resolution_search,
)
from meetings.views.minutes_pages import minutes, minutes_adopt, minutes_edit, minutes_version, minutes_versions

__all__ = [
    "agenda",
    "attendance",
    "attendance_quorum",
    "item_detail",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics_download",
    "meeting_invite",
    "meeting_list",
    "meeting_transition",
    "minutes",
    "minutes_adopt",
    "minutes_edit",
    "minutes_version",
    "minutes_versions",
    "my_meetings",
    "paper_download",
    "resolution_search",
]
