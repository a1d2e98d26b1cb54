"""Moving or cancelling an invited meeting: an e-mail and the same calendar entry with a higher SEQUENCE."""

import re

from django.core import mail

from meetings import services
from tests.meetings.helpers import at, schedule


def _ics(msg) -> str:
    _name, content, _mimetype = msg.attachments[0]
    text = content.decode() if isinstance(content, bytes) else content
    return text.replace("\r\n ", "")


def _field(text: str, name: str) -> str:
    return re.search(rf"^{name}:(.*)$", text, re.M).group(1).strip()


def test_a_move_and_a_cancellation_update_the_same_entry(world, django_capture_on_commit_callbacks):
    sec = world.users["secretariat"]
    m = schedule(world, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(actor=sec, meeting=m)
    first = _ics(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            actor=sec, meeting=m, starts_at=at(6), place="ห้องวอร์รูม ชั้น 3", chair_member=m.chair_member
        )
    assert len(mail.outbox) == 6
    assert "แจ้งเปลี่ยนแปลงกำหนดการประชุม" in mail.outbox[0].subject
    moved = _ics(mail.outbox[0])
    assert _field(moved, "UID") == _field(first, "UID")
    assert int(_field(moved, "SEQUENCE")) > int(_field(first, "SEQUENCE"))
    assert "ห้องวอร์รูม ชั้น 3" in moved
    mail.outbox.clear()
    m.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.fire_transition(actor=sec, meeting=m, name="cancel", reason="ผู้ว่าราชการจังหวัดติดภารกิจ")
    cancelled = _ics(mail.outbox[0])
    assert "METHOD:CANCEL" in cancelled and _field(cancelled, "UID") == _field(first, "UID")
    assert int(_field(cancelled, "SEQUENCE")) > int(_field(moved, "SEQUENCE"))


def test_editing_a_meeting_nobody_was_invited_to_sends_nothing(world, django_capture_on_commit_callbacks):
    m = schedule(world, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(actor=world.users["secretariat"], meeting=m, starts_at=at(6), place="ห้องอื่น")
    assert mail.outbox == []
