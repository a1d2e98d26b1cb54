"""Production settings serve pages (collectstatic, gunicorn) and never get demo accounts."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from tests.prod import procs


def test_seed_demo_refuses_under_production_settings(db, settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="ไม่โหลดข้อมูลสาธิตในระบบจริง"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_told_explicitly_makes_no_superuser(db, settings):
    settings.IS_PRODUCTION = True
    call_command("seed_demo", "--allow-production", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert User.objects.filter(username="sp-secretariat").exists()
    assert not User.objects.filter(is_superuser=True).exists()


def production_env(tmp_path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "test-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": procs.database_url(connection.settings_dict),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
        "CONN_MAX_AGE": "0",
        **extra,
    }


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_collectstatic_and_gunicorn_serve_pages_under_production_settings(tmp_path):
    env = production_env(tmp_path)
    subprocess.run(  # noqa: S603
        [str(procs.BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=procs.ROOT,
        env=env,
        check=True,
        timeout=900,  # a loaded CI machine; about 80 s of CPU
    )
    port = procs.free_port()
    web = procs.start(
        [str(procs.BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        env=env,
        log=tmp_path / "gunicorn.log",
    )
    try:
        base = f"http://127.0.0.1:{port}"
        status, _, body = procs.wait_until(
            lambda: procs.http_get(base + "/accounts/login/"), timeout=120, what="gunicorn answering"
        )
        assert status == 200, body[:500]
        page = body.decode()
        assert "เข้าสู่ระบบ" in page
        # the stylesheet the page names (hashed by the manifest storage) is served
        css = page.split('href="/static/vendor/bootstrap/bootstrap.min.')[1].split('"')[0]
        status, headers, _ = procs.http_get(f"{base}/static/vendor/bootstrap/bootstrap.min.{css}")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        # a Thai 404, and one JSON log line per request carrying the id the response names
        status, headers, body = procs.http_get(base + "/no-such-page/", headers={"X-Request-ID": "probe-0123456789"})
        assert status in (302, 404)
        assert headers["X-Request-ID"] == "probe-0123456789"
        status, _, body = procs.http_get(base + "/healthz")
        assert status == 200, body  # no Redis configured: database only
        lines = [json.loads(x) for x in (tmp_path / "gunicorn.log").read_text().splitlines() if x.startswith("{")]
        access = [x for x in lines if x["logger"] == "ctip.request"]
        assert any(x["request_id"] == "probe-0123456789" and x["path"] == "/no-such-page/" for x in access), access
        assert {"method", "path", "status", "duration_ms", "request_id", "time"} <= set(access[0])
    finally:
        procs.stop(web)
        print((tmp_path / "gunicorn.log").read_text()[-3000:])
