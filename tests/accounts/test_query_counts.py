"""The new list pages cost the same number of queries at 5 and 50 rows."""

import pytest

from accounts.models import User
from committees.choices import GrantRole, Role
from committees.models import ProposerRequest, RoleGrant
from notifications.choices import Channel, DeliveryState, Kind
from notifications.models import Delivery, Notification
from tests.harness import assert_constant_queries

pytestmark = pytest.mark.django_db


def _users(prefix: str, n: int) -> list[User]:
    have = User.objects.filter(username__startswith=prefix).count()
    for i in range(have, n):
        User.objects.create(username=f"{prefix}{i}", full_name=f"ผู้ใช้ {i}", email=f"{prefix}{i}@example.go.th")
    return list(User.objects.filter(username__startswith=prefix))


def test_roles_page(world, client_for):
    def grow(n):
        for u in _users("grant", n):
            RoleGrant.objects.get_or_create(user=u, role=GrantRole.VIEWER, province=world.own)

    assert_constant_queries(client_for(world.users[Role.NATIONAL]), "/people/roles/", grow)


def test_proposers_page(world, client_for):
    def grow(n):
        for u in _users("applicant", n):
            ProposerRequest.objects.get_or_create(user=u, province=world.own, defaults={"organisation": "องค์กร"})
            RoleGrant.objects.get_or_create(user=u, role=GrantRole.PROPOSER, province=world.own)

    assert_constant_queries(client_for(world.users[Role.SECRETARIAT]), f"/provinces/{world.own.code}/proposers/", grow)


def _notes(user, n):
    have = Notification.objects.filter(recipient=user).count()
    return [
        Notification.objects.create(
            recipient=user, kind=Kind.VOTE_OPENED, event_key=f"k:{i}", text=f"ข้อความ {i}", url="/"
        )
        for i in range(have, n)
    ]


def test_notification_list(world, client_for):
    member = world.users[Role.MEMBER]
    assert_constant_queries(client_for(member), "/notifications/", lambda n: _notes(member, n))


def test_failures_page(world, client_for):
    member = world.users[Role.MEMBER]

    def grow(n):
        for note in _notes(member, n):
            Delivery.objects.create(
                notification=note, channel=Channel.LINE, state=DeliveryState.FAILED, attempts=5, last_error="500"
            )

    assert_constant_queries(client_for(world.users[Role.NATIONAL]), "/notifications/failures/", grow)
