"""gunicorn with threads (gthread): concurrent requests of different people never mix (issue #12).

docs/architecture.md ("Threads") says what was checked in the code; this serves real pages from
one gunicorn worker with 4 threads, two people of two provinces, one reading in English, and
many requests at once: each page has its reader's name, language, menu and request id only.
"""

from __future__ import annotations

import concurrent.futures
import os

import pytest
from django.db import connection
from django.test import Client

from committees.choices import Role
from tests.prod import procs


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_threaded_worker_keeps_each_request_its_own(world, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": procs.database_url(connection.settings_dict),
        "REDIS_URL": "",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    readers = {}
    for name, user, lang in (
        ("thai", world.users[Role.MEMBER], "th"),
        ("english", world.other_users[Role.MEMBER], "en"),
    ):
        client = Client()
        client.force_login(user)
        cookie = f"sessionid={client.cookies['sessionid'].value}; django_language={lang}"
        readers[name] = (str(user), lang, cookie)
    port = procs.free_port()
    web = procs.start(
        [str(procs.BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--threads", "4"],
        env=env,
        log=tmp_path / "gunicorn.log",
    )
    base = f"http://127.0.0.1:{port}"

    def fetch(i: int):
        who = "thai" if i % 2 else "english"
        path = ("/", "/provinces/", "/meetings/")[i % 3]
        rid = f"thread-probe-{i:04d}"
        status, headers, body = procs.http_get(
            base + path, headers={"Cookie": readers[who][2], "X-Request-ID": rid}, timeout=60
        )
        return who, rid, status, headers, body.decode()

    try:
        procs.wait_until(lambda: procs.http_get(base + "/accounts/login/")[0] == 200, timeout=120, what="gunicorn")
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(fetch, range(48)))
    finally:
        procs.stop(web)
    for who, rid, status, headers, page in results:
        other = "english" if who == "thai" else "thai"
        name, lang, _ = readers[who]
        assert status == 200, page[:500]
        assert headers["X-Request-ID"] == rid
        assert f'<html lang="{lang}">' in page
        assert name in page and readers[other][0] not in page
        assert ("Sign out" in page) == (lang == "en") and ("ออกจากระบบ" in page) == (lang == "th")
