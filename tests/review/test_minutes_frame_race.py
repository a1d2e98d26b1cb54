"""A minutes autosave's kept text frame is drawn from rows read after the data versions it is kept under.

The autosave's view reads the agenda before the save takes the minutes lock; a heading renamed by another
desk in between is already counted by the versions, so a frame drawn from the earlier read would be kept
under them and every later version's text would carry the old heading (found in review, 29 Nov).
"""

import pytest

from committees.choices import Role
from meetings import selectors, services
from meetings.models import Minutes
from tests.meetings.helpers import held
from tests.meetings.test_minutes_text_frame import Desk

pytestmark = pytest.mark.django_db


def test_a_frame_drawn_from_items_read_before_a_title_change_is_not_kept(world, client_for):
    meeting = held(world)
    sec = world.users[Role.SECRETARIAT]
    desk = Desk(world, client_for, meeting)
    desk.save()
    desk.save()
    stale_items = list(selectors.agenda_items_flat(meeting))  # the autosave's view reads the items
    item = next(it for it in stale_items if it.parent_id is None)
    services.update_agenda_item(actor=sec, item=item, title="หัวข้อที่แก้ระหว่างบันทึก")  # another desk commits
    minutes = Minutes.objects.get(meeting=meeting)
    meeting.refresh_from_db()
    services.save_minutes(
        actor=sec, meeting=meeting, content=minutes.content, base_version=minutes.version, items=stale_items
    )  # as minutes_pages.py passes them
    desk.version = Minutes.objects.get(meeting=meeting).version
    text, _ = desk.save()  # the next autosave, nothing changed since
    assert "หัวข้อที่แก้ระหว่างบันทึก" in text
