"""The API docs in real Chromium: served from our own origin, rendered, and not one CSP violation."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_logged_in_user_reads_the_api_docs_without_csp_violations(page, live_server, login):
    UserFactory(username="api-reader")
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    login(page, "api-reader")
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ศปคม.จ. API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert all(u.startswith(live_server.url) or u.startswith("data:") for u in requests), requests
