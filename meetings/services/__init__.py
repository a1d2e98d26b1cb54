"""Writes to meetings, agendas, attendance, resolutions and minutes.

Every function: keyword-only arguments with the acting user first, one
transaction, ``full_clean`` before saving, an audit record, Celery work queued
on commit with ids only. A refusal raises ``PermissionDenied`` (not allowed) or
``ValidationError`` with a Thai message (bad input); nothing is stored half-way.

Stable entry points other apps call: ``add_agenda_item``, ``record_resolution``,
``declare_conflict`` (see their docstrings).

One module per subject: ``scheduling``, ``agenda``, ``attendance``,
``resolutions``, ``minutes`` (``common`` holds what they share). Everything is
re-exported here so ``meetings.services.X`` keeps working.
"""

from meetings.services.agenda import *  # noqa: F403
from meetings.services.attendance import *  # noqa: F403
from meetings.services.common import *  # noqa: F403
from meetings.services.minutes import *  # noqa: F403
from meetings.services.resolutions import *  # noqa: F403
from meetings.services.scheduling import *  # noqa: F403
