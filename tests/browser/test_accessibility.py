"""axe-core on every page type of the permission matrix, as every role that may open it.

The matrices (``tests/<app>/matrix.py``) know every URL pattern and who gets it; this
test opens each pattern once per allowed role, in one browser context per role logged
in through a session cookie, and runs axe-core (WCAG 2.1 A/AA + best practices).
It fails on any "serious" or "critical" violation and prints the "moderate" and
"minor" ones. Pages that are not full HTML documents (files, calendar entries,
htmx fragments) are skipped: their parent page is checked instead.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.axe import BLOCKING, axe_source, run_axe, summarise
from tests.world import ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages():
    from tests.test_permission_matrix import PAGES

    return PAGES


def _session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": base_url}


def _urls_for(role: str, world) -> list[tuple[str, str]]:
    """(pattern name, URL) of every matrix page ``role`` may open, its data set up first."""
    urls = []
    for page in _pages():
        if role not in page.allowed:
            continue
        if page.setup:
            page.setup(world)
        urls.append((page.name, page.own(world)))
    return urls


def _check(browser, browser_context_args, base_url, cookie, urls, source):
    # The product's CSP forbids inline scripts; axe is injected by the test, not the page.
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    if cookie:
        context.add_cookies([cookie])
    tab = context.new_page()
    blocking, advisory, checked, skipped = [], [], [], []
    for name, url in urls:
        # Look first, so that files (PDF, calendar, downloads) are not opened in the tab.
        probe = context.request.get(f"{base_url}{url}", max_redirects=0)
        kind = probe.headers.get("content-type", "")
        if probe.status != 200 or "text/html" not in kind:
            skipped.append(f"{name} ({probe.status} {kind.split(';')[0]})")
            continue
        if "<title" not in probe.text():
            skipped.append(f"{name} (fragment)")
            continue
        tab.goto(f"{base_url}{url}")
        checked.append(name)
        for violation in run_axe(tab, source):
            (blocking if violation["impact"] in BLOCKING else advisory).append((name, violation))
    context.close()
    return blocking, advisory, checked, skipped


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_every_page_meets_wcag_21_aa(role, browser, browser_context_args, live_server):
    from tests.world import build_world

    started = time.monotonic()
    world = build_world()
    if role == "anonymous":
        urls, cookie = [("login", "/accounts/login/")], None
    else:
        urls = _urls_for(role, world)
        cookie = _session_cookie(world.users[role], live_server.url)
    blocking, advisory, checked, skipped = _check(
        browser, browser_context_args, live_server.url, cookie, urls, axe_source()
    )
    print(f"\naxe as {role}: {len(checked)} pages checked in {time.monotonic() - started:.1f} s; skipped: {skipped}")
    if advisory:
        print(summarise(advisory))
    assert checked, f"no page was checked as {role}"
    if blocking:
        pytest.fail(f"serious or critical accessibility violations as {role}:\n{summarise(blocking)}", pytrace=False)


def test_axe_finds_what_it_must(page):
    """The engine is really running: a page with known faults gives the expected violations."""
    page.set_content(
        '<html><head><title>t</title></head><body><main><img src="x.png">'
        '<p style="color:#aaa;background:#fff">จาง</p><button><i class="bi"></i></button></main></body></html>'
    )
    found = {v["id"]: v["impact"] for v in run_axe(page, axe_source())}
    assert found.get("image-alt") == "critical"
    assert found.get("color-contrast") == "serious"
    assert found.get("button-name") == "critical"
    assert found.get("html-has-lang") == "serious"
