"""Fixtures of the fault tests: a Redis server of our own, wired as cache and broker; real workers."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from tests.prod import procs


def _reset_pools(app):
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def own_redis(transactional_db, tmp_path):
    server = procs.RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_wired(own_redis, settings, tmp_path):
    """This process's cache and Celery broker point at ``own_redis`` (tasks really sent, not eager)."""
    from config.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.SafeRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = own_redis.url
    _reset_pools(app)
    try:
        yield own_redis
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        _reset_pools(app)


class Workers:
    """Start real Celery workers on the test database and ``own_redis``; stopped at the end."""

    def __init__(self, redis: procs.RedisServer, media: Path, logs: Path):
        self.redis, self.media, self.logs = redis, media, logs
        self.started: list[subprocess.Popen] = []

    def start(self, *, beat: bool = False, **env_extra) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": procs.database_url(connection.settings_dict),
            "REDIS_URL": self.redis.url,
            "CELERY_TASK_ALWAYS_EAGER": "False",
            "MEDIA_ROOT": str(self.media),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CONN_MAX_AGE": "0",
            "DJANGO_DEBUG": "False",
            **env_extra,
        }
        args = [str(procs.BIN / "celery"), "-A", "config", "worker", "--pool=prefork", "-c", "1", "-l", "INFO"]
        args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        if beat:
            args.append("-B")
        proc = procs.start(args, env=env, log=self.logs / f"worker-{len(self.started)}.log")
        self.started.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool processes at once (a lost host)."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.started:
            procs.stop(proc)
        for log in sorted(self.logs.glob("worker-*.log")):
            print(log.name, log.read_text()[-3000:])  # shown when a test fails


@pytest.fixture
def workers(redis_wired, settings, tmp_path):
    w = Workers(redis_wired, Path(settings.MEDIA_ROOT), tmp_path)
    try:
        yield w
    finally:
        w.stop_all()
