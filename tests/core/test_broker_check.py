"""``broker_available`` asks a Redis broker with a PING over a kept client (issue #12), and still says
"not now" at once when the broker is gone, and "yes" again when a dropped connection can be re-made."""

import os
import time

import pytest
import redis

from config.celery import app
from core.celery_support import broker_available


@pytest.fixture
def conf():
    """Celery's settings as this test leaves them are put back (they are not plain attributes)."""
    saved = app.conf.task_always_eager, app.conf.broker_url
    yield app.conf
    app.conf.task_always_eager, app.conf.broker_url = saved


@pytest.fixture
def broker(conf):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.fail(f"these tests need the Redis of the development set-up at {url}")
    conf.task_always_eager, conf.broker_url = False, url
    return url


def test_a_live_broker_is_available_and_a_dead_port_is_not(broker):
    assert broker_available() is True
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    started = time.monotonic()
    assert broker_available() is False
    assert time.monotonic() - started < 1.5


def test_a_connection_the_server_closed_is_made_again(broker):
    assert broker_available() is True
    admin = redis.Redis.from_url(broker)
    for client in admin.client_list():
        if client.get("cmd") == "ping":  # the kept client's connection, idle after its PING
            admin.client_kill_filter(_id=client["id"])
    assert broker_available() is True


def test_tasks_run_in_process_need_no_broker(conf):
    conf.task_always_eager, conf.broker_url = True, "redis://127.0.0.1:1/0"
    assert broker_available() is True
