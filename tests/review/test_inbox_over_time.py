"""Review of the inbox's kept SQL (issue #12): a plan made on one day is re-run on later days (the process
lives on), so nothing of the day it was made may stay in it: a seat's term that ends, a vote's deadline
that passes, a meeting that comes within the window, a fiscal year's due date."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from committees.choices import Role
from committees.models import Member
from inbox import prepared
from inbox.selectors import _query, _spec, _values, entries
from tests.fundproposals.helpers import circulating_proposal
from tests.inbox.test_prepared import _everything_waiting, _item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    prepared.forget()
    yield
    prepared.forget()


def _readers(world):
    return [*world.users.values(), *world.other_users.values()]


def _both_ways(user) -> tuple[dict, dict]:
    """The row through the kept plan and the row the ORM compiles now."""
    waiting = entries(user)
    spec = _spec(waiting)
    return prepared.run(spec, _query, _values(user, waiting)), _query(spec, _values(user, waiting)).first()


def test_plans_made_on_one_day_give_the_orms_row_on_later_days(world, monkeypatch):
    _everything_waiting(world)
    # the member's seat ends in ten days: from then on no vote or review waits for them
    Member.objects.filter(pk=world.seats["own"]["member"].pk).update(
        term_end=timezone.localdate() + dt.timedelta(days=10)
    )
    start = timezone.now()
    made = None
    for days in (0, 1, 11, 40, 75, 200, 300, 366):
        later = start + dt.timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda later=later: later)
        for user in _readers(world):
            if not entries(user):
                continue
            kept, orm = _both_ways(user)
            assert kept == orm, (user.username, days)
        if made is None:
            made = {s for s, p in prepared._PLANS.items() if p is not None}
    # the plans made on the first day were the ones re-run later (shapes that only a later day has are new)
    assert made and made <= set(prepared._PLANS)


def test_a_vote_leaves_the_members_inbox_the_day_after_their_seat_ends(world, client_for, monkeypatch):
    _p, ballot = circulating_proposal(world, deadline=timezone.now() + dt.timedelta(days=30))
    Member.objects.filter(pk=world.seats["own"]["member"].pk).update(term_end=timezone.localdate())
    reader = client_for(world.users[Role.MEMBER])
    assert f"/proposals/ballots/{ballot.pk}/" in _item(reader.get("/").content.decode(), "votes_open")
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    cache.clear()
    assert _item(reader.get("/").content.decode(), "votes_open") == ""
