"""Issue #14: a user who chooses English gets notifications and e-mails in English; Thai users in Thai.

PDFs and Word copies stay Thai official documents whatever the requester reads.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from committees.choices import Role
from core.models import AuditEvent
from notifications import services
from notifications.choices import Kind
from notifications.models import Delivery, Notification
from tests.fundproposals.helpers import make_meeting

pytestmark = pytest.mark.django_db
THAI = re.compile(r"[\u0E00-\u0E7F]")


def test_the_switch_remembers_the_language_of_a_signed_in_user(world):
    member = world.users[Role.MEMBER]
    client = Client()
    client.force_login(member)
    resp = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert resp.status_code == 302
    assert User.objects.get(pk=member.pk).language == "en"
    assert AuditEvent.objects.filter(action="account.language", target_id=str(member.pk)).exists()
    assert "Waiting for you" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not a language of the product
    assert User.objects.get(pk=member.pk).language == "en"
    client.post("/i18n/setlang/", {"language": "th", "next": "/"})
    assert User.objects.get(pk=member.pk).language == "th"


def test_notifications_and_emails_in_each_recipients_language(world):
    member, chair = world.users[Role.MEMBER], world.users[Role.CHAIR]
    User.objects.filter(pk=member.pk).update(language="en")
    meeting = make_meeting(world)
    services.emit(kind=Kind.MEETING_SCHEDULED, object_id=meeting.pk, variant="t")
    english = Notification.objects.get(recipient=member, kind=Kind.MEETING_SCHEDULED)
    thai = Notification.objects.get(recipient=chair, kind=Kind.MEETING_SCHEDULED)
    assert english.text.startswith("Meeting scheduled") and not THAI.search(
        english.text.replace(meeting.subcommittee.short_name, "")
    ), english.text
    assert thai.text.startswith("นัดประชุม")

    for d in Delivery.objects.filter(notification__kind=Kind.MEETING_SCHEDULED, digest=False):
        services.deliver(delivery_id=d.pk)
    to_member = [m for m in mail.outbox if m.to == [member.email]]
    to_chair = [m for m in mail.outbox if m.to == [chair.email]]
    assert to_member and to_chair
    assert to_member[0].subject.endswith("Meeting scheduled") and "(sign in to see the details)" in to_member[0].body
    assert to_chair[0].subject.endswith("นัดประชุม") and "ต้องเข้าสู่ระบบ" in to_chair[0].body
