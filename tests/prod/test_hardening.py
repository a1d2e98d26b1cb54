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
    script = next(s for s in sources if "script" in s)
    js = c.get(script)
    assert js.status_code == 200 and "SwaggerUIBundle" in js.content.decode()
    assert "script-src 'self'" in resp["Content-Security-Policy"]
