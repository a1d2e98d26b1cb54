"""PostgreSQL dropping every connection (what a restart does to the app): no 5xx on the next request.

The shared server is not restarted (other services use it); instead every backend of the
test database is terminated, as a restart would, while gunicorn holds persistent connections.
"""

from __future__ import annotations

import os

import psycopg
import pytest
from django.db import connection

from tests.prod import procs

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _terminate_backends(db: dict) -> int:
    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [db["NAME"]],
        ).fetchall()
    return len(rows)


def test_connections_dropped_under_gunicorn_cost_no_5xx(tmp_path):
    db = dict(connection.settings_dict)
    connection.close()  # our own test connection would be terminated too
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": procs.database_url(db),
        "REDIS_URL": "",
        "CONN_MAX_AGE": "600",
    }
    port = procs.free_port()
    web = procs.start(
        [str(procs.BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "1"],
        env=env,
        log=tmp_path / "gunicorn.log",
    )
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        procs.wait_until(lambda: procs.http_get(url)[0] == 200, timeout=120, what="gunicorn answering")
        # local settings as `make run` has them (DEBUG off by default): static files still served
        status, headers, _ = procs.http_get(f"http://127.0.0.1:{port}/static/css/app.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        for _ in range(6):  # both workers now hold a persistent connection
            assert procs.http_get(url)[0] == 200
        assert _terminate_backends(db) >= 1
        statuses = [procs.http_get(url)[0] for _ in range(10)]
        assert statuses == [200] * 10, statuses
    finally:
        procs.stop(web)
        print((tmp_path / "gunicorn.log").read_text()[-3000:])
