"""A real Celery worker on real Redis sends the notifications of a circulated vote (e-mail and LINE)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from committees.choices import Role
from fundproposals import services as proposal_services
from fundproposals.choices import ProposalState
from notifications.choices import Channel, DeliveryState, Kind
from notifications.models import Delivery, Notification, NotifySettings
from tests.fundproposals.helpers import complete_proposal
from tests.notifications.fake_line import SECRET, TOKEN
from tests.reports.test_worker import live_celery  # noqa: F401 - the shared worker fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def line_env(fake_line, monkeypatch):
    """The worker process reads its LINE settings from the environment: point it at the fake."""
    monkeypatch.setenv("LINE_API_BASE", fake_line.url)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
    return fake_line


def _wait(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


def test_worker_delivers_in_app_email_and_line_once(world, line_env, live_celery):  # noqa: F811
    member = world.users[Role.MEMBER]
    NotifySettings.objects.create(user=member, line_user_id="Uworker0001", line_linked_at=timezone.now())
    proposal = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    ballot = proposal_services.circulate(
        actor=world.users[Role.SECRETARIAT], proposal=proposal, deadline=timezone.now() + dt.timedelta(days=3)
    )
    mine = Delivery.objects.filter(notification__recipient=member, notification__kind=Kind.VOTE_OPENED)
    _wait(lambda: mine.filter(state=DeliveryState.SENT).count() == 2)
    assert set(mine.values_list("channel", flat=True)) == {Channel.EMAIL, Channel.LINE}
    note = Notification.objects.get(recipient=member, kind=Kind.VOTE_OPENED)
    assert note.url == f"/proposals/ballots/{ballot.pk}/"
    assert len(line_env.texts_to("Uworker0001")) == 1
    assert not Notification.objects.filter(recipient=world.other_users[Role.MEMBER]).exists()
