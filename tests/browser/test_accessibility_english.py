"""axe-core on a handful of English pages (issue #14): the translation must not break WCAG 2.1 AA.

The Thai pages are all checked in test_accessibility.py; here the secretariat opens the pages
most of its work goes through with the language set to English (``lang="en"`` on the page).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.browser.axe import BLOCKING, axe_source, run_axe, summarise
from tests.browser.test_accessibility import _session_cookie
from tests.world import ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home",
    "dashboards:province",
    "committees:province",
    "meetings:list",
    "meetings:detail",
    "meetings:agenda",
    "meetings:minutes",
    "fundproposals:list",
    "fundproposals:detail",
    "actionplans:plan",
    "committees:audit",
    "search:search",
}


def test_english_pages_meet_wcag_21_aa(browser, browser_context_args, live_server):
    from tests.test_permission_matrix import PAGES as MATRIX
    from tests.world import build_world

    world = build_world()
    role = ROLES[1]  # the secretariat
    urls = []
    for page in MATRIX:
        if page.name in PAGES and role in page.allowed:
            if page.setup:
                page.setup(world)
            urls.append((page.name, page.own(world)))
    cookies = [
        _session_cookie(world.users[role], live_server.url),
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
    ]
    context = browser.new_context(**browser_context_args, bypass_csp=True)  # axe is injected by the test
    context.add_cookies(cookies)
    tab = context.new_page()
    blocking, advisory, checked = [], [], []
    for name, url in urls:
        tab.goto(f"{live_server.url}{url}")
        assert tab.evaluate("() => document.documentElement.lang") == "en", name
        checked.append(name)
        for violation in run_axe(tab, axe_source()):
            (blocking if violation["impact"] in BLOCKING else advisory).append((name, violation))
    context.close()
    print(f"\naxe in English: {len(checked)} pages checked: {checked}")
    if advisory:
        print(summarise(advisory))
    assert len(checked) >= 8, f"too few English pages were checked: {checked}"
    if blocking:
        pytest.fail(f"serious or critical accessibility violations in English:\n{summarise(blocking)}", pytrace=False)
