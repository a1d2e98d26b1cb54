"""What many read and few change is served from the cache, per scope, fresh after a change,
and the pages (and sessions) keep working when the cache is down."""

import pytest
from django.test import override_settings

from committees import services
from committees.choices import Role

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
}


def test_province_list_is_cached_per_scope(world, client_for):
    own, other = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    first = client_for(own).get("/provinces/").content.decode()
    second = client_for(other).get("/provinces/").content.decode()  # the same filters, another scope
    assert f'data-testid="group-{world.own.code}"' in first
    assert f'data-testid="group-{world.other.code}"' not in first
    assert f'data-testid="group-{world.other.code}"' in second
    assert f'data-testid="group-{world.own.code}"' not in second


def test_a_changed_risk_group_shows_at_once(world, client_for):
    c = client_for(world.users[Role.NATIONAL])
    url = "/provinces/?fiscal_year=2567"
    c.get(url)
    services.set_risk_groups(actor=world.users[Role.NATIONAL], fiscal_year=2567, groups={world.own.code: "A"})
    html = c.get(url).content.decode()
    row = html[html.index(f'data-testid="group-{world.own.code}"') :][:200]
    assert "risk-A" in row


def test_national_status_follows_the_plans(world, client_for):
    from actionplans.models import ActionPlan

    c = client_for(world.users[Role.NATIONAL])
    url = "/plans/status/?fiscal_year=2567"
    before = c.get(url).content.decode()
    marker = f'data-testid="plan-{world.own.code}"'
    assert "/plans/" not in before[before.index(marker) :].split("</td>")[0]
    plan = ActionPlan.objects.create(subcommittee=world.own_sc, fiscal_year=2567, title="แผน")
    after = c.get(url).content.decode()
    assert f"/plans/{plan.pk}/" in after[after.index(marker) :].split("</td>")[0]


@override_settings(CACHES=DOWN)
def test_cache_helpers_and_sessions_degrade_when_the_cache_is_down(world):
    from core import cache
    from core.sessions import SessionStore

    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.remember("k", lambda: "computed") == "computed"
    session = SessionStore()
    session["user"] = "x"
    session.save()  # written to the database even though the cache write fails
    assert SessionStore(session.session_key).load() == {"user": "x"}


@override_settings(CACHES=DOWN)
def test_pages_work_with_the_cache_down(world, client_for, monkeypatch):
    # the report-ready flag's own cache read belongs to the production issue (#13), not to these pages
    monkeypatch.setattr("reports.services.take_announcements", lambda **kw: [])
    c = client_for(world.users[Role.NATIONAL])  # the session is written with the cache down
    for url in ("/provinces/", "/plans/status/?fiscal_year=2567", "/meetings/", "/proposals/", "/plans/"):
        assert c.get(url).status_code == 200, url


def test_the_redis_cache_reuses_one_client_and_survives_a_lost_redis():
    """Issue #12: one ``redis.Redis`` per pool, not one per cache call (its constructor costs
    CPU on every page); a lost Redis still costs a miss, never an error."""
    import os

    from core.cache import SafeRedisCache

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    live = SafeRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}})
    first = live._cache.get_client(write=True)
    assert live._cache.get_client(write=True) is first
    assert live._cache.get_client(write=False) is first  # one server: reads and writes share the pool
    try:
        live.set("perf:reuse", 41, 30)
        assert live.get("perf:reuse") == 41
        assert live.incr("perf:reuse") == 42
    finally:
        live.delete("perf:reuse")
    down = SafeRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert down.get("perf:reuse", "fallback") == "fallback"
    assert down.get("perf:reuse", "fallback") == "fallback"  # the same client, still degrading
