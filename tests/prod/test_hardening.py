"""NUL bytes, the API schema and docs, the proxy header, idle sessions, read-only views and POST."""

import re

from committees.choices import Role


def test_nul_bytes_in_a_path_query_or_form_value_are_a_400_in_thai(world, client_for):
    c = client_for(world.users[Role.NATIONAL])
    for url in ("/audit/?province=%00", "/api/v1/provinces/%00/", "/meetings/?q=a%00b", "/%00/"):
        resp = c.get(url)
        assert resp.status_code in (400, 404), (url, resp.status_code)
    resp = c.get("/audit/?province=%00")
    assert resp.status_code == 400 and "อักขระที่ไม่อนุญาต" in resp.content.decode()
    assert c.post("/i18n/setlang/", {"language": "th\x00"}).status_code == 400


def test_api_schema_and_docs_are_for_logged_in_users_and_load_nothing_from_elsewhere(world, client_for):
    anon = client_for(None)
    assert anon.get("/api/v1/schema/").status_code in (401, 403)
    assert anon.get("/api/v1/docs/").status_code in (401, 403)
    c = client_for(world.users[Role.MEMBER])
    assert c.get("/api/v1/schema/").status_code == 200
    resp = c.get("/api/v1/docs/")
    html = resp.content.decode()
    assert resp.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "<script>" not in html.replace(" ", "")  # no inline script (the CSP forbids it)
    assert "<style" not in html  # nor an inline style sheet
    script = next(s for s in sources if "script" in s)
    js = c.get(script)
    assert js.status_code == 200 and "SwaggerUIBundle" in js.content.decode()
    assert "script-src 'self'" in resp["Content-Security-Policy"]


READ_ONLY = [
    "home",
    "committees:provinces",
    "committees:province",
    "committees:audit",
    "meetings:list",
    "meetings:mine",
    "meetings:resolutions",
    "meetings:detail",
    "meetings:ics",
    "meetings:minutes-versions",
    "meetings:minutes-version",
    "meetings:paper",
    "actionplans:list",
    "actionplans:status",
    "actionplans:plan",
    "actionplans:progress-file",
    "actionplans:report-list",
    "actionplans:report",
    "fundproposals:list",
    "fundproposals:detail",
    "fundproposals:file",
    "fundproposals:revisions",
    "reports:list",
    "reports:job",
    "reports:status",
    "reports:download",
]


def test_read_only_pages_answer_post_with_405(world, client_for):
    from tests.test_permission_matrix import PAGES

    by_name = {p.name: p for p in PAGES}
    wrong = []
    for name in READ_ONLY:
        page = by_name[name]
        if page.setup:
            page.setup(world)
        url = page.own(world)
        role = next(r for r in (Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR) if r in page.allowed)
        c = client_for(world.users[role])
        if c.get(url).status_code != 200:
            wrong.append(f"{name}: GET not 200")
        status = c.post(url, {}).status_code
        if status != 405:
            wrong.append(f"{name}: POST gave {status}")
    assert wrong == []


def test_an_idle_session_ends_and_an_active_one_goes_on(world, client_for, settings, monkeypatch):
    from core import sessions

    settings.SESSION_IDLE_MINUTES = 30
    clock = [1_000_000.0]
    monkeypatch.setattr(sessions.time, "time", lambda: clock[0])
    c = client_for(world.users[Role.MEMBER])
    assert c.get("/").status_code == 200
    for _ in range(3):  # working: each page within 29 minutes of the last
        clock[0] += 29 * 60
        assert c.get("/").status_code == 200
    clock[0] += 31 * 60  # away for 31 minutes
    resp = c.get("/meetings/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
    assert "ไม่มีการใช้งานเกินกำหนด" in c.get(resp["Location"]).content.decode()


def test_the_proxy_header_is_trusted_only_when_a_setting_says_a_proxy_sets_it():
    import subprocess

    from tests.prod import procs

    def proxy_header(flag: str) -> str:
        env = {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "x",
            "DJANGO_BEHIND_TLS_PROXY": flag,
            "PATH": "/usr/bin:/bin",
        }
        code = "import django;django.setup();from django.conf import settings;print(settings.SECURE_PROXY_SSL_HEADER)"
        out = subprocess.run(  # noqa: S603
            [str(procs.BIN / "python"), "-c", code], cwd=procs.ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        return out.stdout.strip()

    assert proxy_header("False") == "None"
    assert proxy_header("True") == "('HTTP_X_FORWARDED_PROTO', 'https')"
