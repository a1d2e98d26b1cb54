"""Issue #12: the signed-in user and their access are read from the cache, never stale.

A page reads who is asking (the user row and their grants and seats) from the cache, in the
same call as the inbox count, the bell and the report flag. A revoked grant, an ended seat, a
changed password or a deactivated account takes effect on the very next request; nobody is
served another user's entry; with the cache down the pages read the database.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees import people, services
from committees.choices import Role
from committees.models import RoleGrant

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
}


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _who_queries(client, url: str) -> list[str]:
    """The queries that read who is asking: the user by the session's id, the access UNION."""
    user_id = client.session["_auth_user_id"]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].endswith(f'FROM "accounts_user" WHERE "accounts_user"."id" = {user_id} LIMIT 21')
        or ("committees_rolegrant" in q["sql"] and "UNION ALL" in q["sql"])
    ]


def test_the_second_page_reads_no_user_and_no_access(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    url = f"/provinces/{world.own.code}/"
    assert len(_who_queries(c, url)) == 2  # first page: the user row and the access UNION
    assert _who_queries(c, url) == []
    assert _who_queries(c, "/") == []


def test_a_revoked_grant_takes_effect_on_the_next_request(world, client_for):
    viewer = world.users[Role.VIEWER]
    c = client_for(viewer)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    assert c.get(url).status_code == 200  # now served from the cache
    grant = RoleGrant.objects.get(user=viewer, province=world.own)
    people.revoke_role(actor=world.users[Role.NATIONAL], grant_id=grant.pk)
    assert c.get(url).status_code == 404


def test_a_grant_revoked_in_a_committed_transaction_takes_effect(world, client_for, django_capture_on_commit_callbacks):
    viewer = world.users[Role.VIEWER]
    c = client_for(viewer)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    grant = RoleGrant.objects.get(user=viewer, province=world.own)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        people.revoke_role(actor=world.users[Role.NATIONAL], grant_id=grant.pk)
    assert callbacks  # the generation is replaced again once the change is committed
    assert c.get(url).status_code == 404


def test_an_ended_seat_takes_effect_on_the_next_request(world, client_for):
    member = world.users[Role.MEMBER]
    c = client_for(member)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    assert c.get(url).status_code == 200
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.update_member(
        actor=world.users[Role.SECRETARIAT],
        member=world.seats["own"]["member"],
        term_start=yesterday - dt.timedelta(days=30),
        term_end=yesterday,
    )
    assert c.get(url).status_code == 404
    home = c.get("/").content.decode()
    assert world.own.name_th not in home.split('data-testid="my-provinces"')[1]


def test_a_seat_whose_term_ends_with_the_day_stops_counting_the_next_day(world, client_for, monkeypatch):
    member = world.users[Role.MEMBER]
    seat = world.seats["own"]["member"]
    today = timezone.localdate()
    services.update_member(
        actor=world.users[Role.SECRETARIAT], member=seat, term_start=today - dt.timedelta(days=30), term_end=today
    )
    c = client_for(member)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    real = timezone.localdate
    tomorrow = today + dt.timedelta(days=1)
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: tomorrow if value is None else real(value, tz)
    )
    assert c.get(url).status_code == 404  # no write happened: the cached entry was for yesterday


def test_a_deactivated_account_is_signed_out_on_the_next_request(world, client_for):
    user = world.users[Role.SECRETARIAT]
    c = client_for(user)
    assert c.get("/").status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    resp = c.get("/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_a_changed_password_ends_the_other_sessions(world, client_for):
    user = world.users[Role.SECRETARIAT]
    c = client_for(user)
    assert c.get("/").status_code == 200
    user.set_password("another-Passw0rd!")
    user.save()
    resp = c.get("/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_nobody_is_served_another_users_entry(world, client_for):
    own, other = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    a, b = client_for(own), client_for(other)
    for _ in range(2):  # the second round is served from the cache
        page_a, page_b = a.get("/").content.decode(), b.get("/").content.decode()
        mine_a = page_a.split('data-testid="my-provinces"')[1]
        mine_b = page_b.split('data-testid="my-provinces"')[1]
        assert world.own.name_th in mine_a and world.other.name_th not in mine_a
        assert world.other.name_th in mine_b and world.own.name_th not in mine_b
        assert str(own) in page_a and str(other) not in page_a
        assert a.get(f"/provinces/{world.other.code}/").status_code == 404
        assert b.get(f"/provinces/{world.own.code}/").status_code == 404
        assert b.get(f"/provinces/{world.other.code}/").status_code == 200


def test_a_lost_generation_serves_no_old_entry(world, client_for):
    """The generation is a random token: with it gone (eviction, a Redis restart), an entry
    cached before is not trusted, whatever happened while it was missing."""
    from django.core.cache import cache

    from core.who import GENERATION_KEY

    viewer = world.users[Role.VIEWER]
    c = client_for(viewer)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    assert c.get(url).status_code == 200
    RoleGrant.objects.filter(user=viewer).delete()  # a bulk delete still sends post_delete
    cache.delete(GENERATION_KEY)
    assert c.get(url).status_code == 404


@override_settings(CACHES=DOWN)
def test_with_the_cache_down_the_user_and_access_come_from_the_database(world, client_for):
    viewer = world.users[Role.VIEWER]
    c = client_for(viewer)
    url = f"/provinces/{world.own.code}/"
    assert c.get(url).status_code == 200
    assert len(_who_queries(c, url)) == 2  # every request reads them: nothing is cached
    assert c.get("/").status_code == 200
    grant = RoleGrant.objects.get(user=viewer, province=world.own)
    people.revoke_role(actor=world.users[Role.NATIONAL], grant_id=grant.pk)
    assert c.get(url).status_code == 404
