"""Issue #14: a user who switches to English reads no Thai outside the data itself.

Every page of the permission matrices is opened with the language set to English, as
every role that may open it (and the public pages anonymously). The page's readable
text (text nodes, title, alt, placeholder, aria-label) loses every text value stored in
the database (names, titles and provinces typed or seeded); any Thai left is wording of
the product that was not translated. The failure lists each phrase with the pages it is
on, so a string added late is found and fixed in one place (mark it, then translate it
in locale/en/LC_MESSAGES/django.po).
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.i18n.thai_text import catalogue_msgids, data_values, thai_outside_data
from tests.world import ROLES

PUBLIC_PAGES = ["/accounts/login/", "/accounts/password/reset/", "/accounts/register/", "/accounts/code/"]


def _english_client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _pages():
    from tests.test_permission_matrix import PAGES

    return PAGES


def _report(found: dict[str, set[str]]) -> str:
    lines = [f"{len(found)} Thai phrases on English pages (phrase  <-  pages):"]
    for phrase in sorted(found):
        pages = sorted(found[phrase])
        more = f" (+{len(pages) - 4} more)" if len(pages) > 4 else ""
        lines.append(f"  {phrase!r}  <-  {', '.join(pages[:4])}{more}")
    return "\n".join(lines)


def _walk(role, world) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    pages = [p for p in _pages() if role in p.allowed]
    for page in pages:
        if page.setup:
            page.setup(world)
    urls = [(page, page.own(world)) for page in pages]  # some pages make their object here
    data, wording = data_values(), catalogue_msgids()
    client = _english_client(world.users[role])
    checked = 0
    for page, url in urls:
        resp = client.get(url)
        if resp.status_code != 200 or "text/html" not in resp.get("Content-Type", ""):
            continue
        checked += 1
        typed = [v for values in parse_qs(urlsplit(url).query).values() for v in values]  # a search typed in
        for phrase in thai_outside_data(resp.content.decode(), sorted([*data, *typed], key=len, reverse=True), wording):
            found[phrase].add(page.name)
    assert checked, f"no English page was checked as {role}"
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_thai_outside_data_on_english_pages(role, world):
    found = _walk(role, world)
    assert not found, f"as {role}: " + _report(found)


@pytest.mark.django_db
def test_public_pages_in_english():
    data, wording = data_values(), catalogue_msgids()
    found: dict[str, set[str]] = defaultdict(set)
    for url in PUBLIC_PAGES:
        resp = _english_client().get(url)
        assert resp.status_code == 200, url
        for phrase in thai_outside_data(resp.content.decode(), data, wording):
            found[phrase].add(url)
    assert not found, _report(found)


def test_the_check_sees_thai_and_spares_data():
    html = (
        '<html><body><h1>การประชุม</h1><p title="หัวเรื่อง">Meeting in สมุทรปราการ</p>'
        "<script>var x='ไทย'</script><input type=submit value='บันทึก'></body></html>"
    )
    assert thai_outside_data(html, ["สมุทรปราการ"]) == ["การประชุม", "หัวเรื่อง", "บันทึก"]
    # a piece of stored data (a highlighted search match, a shortened title) is data too
    snippet = "<p>… เรือ<mark>ประมง</mark>พาณิชย์ …</p><p>ที่ประชุมรับทราบ</p>"
    assert thai_outside_data(snippet, ["เรือประมงพาณิชย์"], {"ที่ประชุมรับทราบ"}) == ["ที่ประชุมรับทราบ"]
