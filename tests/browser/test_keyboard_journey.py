"""The vote and the minutes editor with the keyboard alone, and at 200% zoom.

No click and no fill: every step is Tab, Shift+Tab, Enter, Space, arrow keys or
typed text. A member declares a conflict on the item, the other member and the
chair vote (a tie), the chair opens the close page and gives the casting vote
with the arrow keys; the secretariat writes the minutes. Each focused control
must show a visible focus indicator. The same pages at 200% zoom in a 1280 px
window (a 640 CSS px viewport) must not scroll sideways (WCAG 1.4.4, 1.4.10).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from fundproposals.models import Ballot
from meetings.models import ConflictOfInterest
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focus outline of static/css/app.css: at least 2 px, solid, not transparent.
FOCUS_VISIBLE = r"""(el) => {
    const s = getComputedStyle(el);
    return s.outlineStyle === "solid" && parseFloat(s.outlineWidth) >= 2 && !/^rgba\(.*, 0\)$/.test(s.outlineColor);
}"""


def _as(context, user, base_url):
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    context.clear_cookies()
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base_url}])


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until ``selector`` has the focus; fail if it never gets it."""
    target = page.locator(selector).first
    target.wait_for()
    handle = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            assert page.evaluate(FOCUS_VISIBLE, handle), f"focus on {selector} is not visible"
            return
    raise AssertionError(f"{selector} never got the focus with {'Shift+' if backwards else ''}Tab")


def _world():
    from tests.fundproposals.helpers import tabled_proposal
    from tests.world import build_world

    world = build_world()
    second = world.seats["own"]["others"][0]
    second.user = UserFactory(username="own-member2")
    second.save()
    proposal = tabled_proposal(world)
    return world, proposal, second


def test_vote_with_the_keyboard_alone(page, live_server):
    world, proposal, second = _world()
    url, context = live_server.url, page.context
    chair, member = world.users["chair"], world.users["member"]
    item = proposal.agenda_item

    # the chair opens the vote: the skip link first, then the button
    _as(context, chair, url)
    page.goto(f"{url}/proposals/{proposal.pk}/ballot/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    # how the room decides: the radio group is reached with Tab and moved with the arrow keys
    tab_to(page, "main input[name=method]:checked")
    for _ in range(6):
        if page.locator("main input[name=method][value=devices]").is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("main input[name=method][value=devices]")).to_be_checked()
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ballots/\d+/close/"))
    ballot = Ballot.objects.get(proposal=proposal)

    # a member declares a conflict on the item with the keyboard
    _as(context, second.user, url)
    page.goto(f"{url}/meetings/items/{item.pk}/")
    tab_to(page, "[data-testid=conflicts] select")
    page.keyboard.press("ArrowDown")
    tab_to(page, "[data-testid=conflicts] textarea")
    page.keyboard.type("เป็นกรรมการของหน่วยงานผู้เสนอโครงการ")
    tab_to(page, "[data-testid=conflicts] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("บันทึกการมีส่วนได้เสียแล้ว")
    assert ConflictOfInterest.objects.filter(agenda_item=item, member=second).exists()

    # the member opens the vote and votes "ไม่เห็นชอบ" (Tab past it, Shift+Tab back, Enter)
    _as(context, member, url)
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/")
    tab_to(page, "main button[value=reject]")
    page.keyboard.press("Tab")
    tab_to(page, "main button[value=reject]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=my-vote]")).to_contain_text("ไม่เห็นชอบ")

    # the chair votes "เห็นชอบ" with Space: a tie
    _as(context, chair, url)
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/")
    tab_to(page, "main button[value=approve]")
    page.keyboard.press("Space")
    expect(page.locator("[data-testid=my-vote]")).to_contain_text("เห็นชอบ")

    # the chair closes it, choosing the casting vote with the arrow keys
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/close/")
    expect(page.locator("main")).to_contain_text("ประธานต้องออกเสียงชี้ขาด")
    tab_to(page, "main input[name=casting_vote]")
    page.keyboard.press("Space")
    first = page.evaluate("() => document.activeElement.value")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("() => document.activeElement.value")
    assert chosen != first, "the arrow keys did not move between the casting-vote choices"
    if chosen != "approve":
        page.keyboard.press("ArrowUp")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=decision]")).to_contain_text("เห็นชอบ")
    ballot.refresh_from_db()
    assert not ballot.is_open


def test_minutes_editor_with_the_keyboard_alone(page, live_server):
    from tests.fundproposals.helpers import make_meeting
    from tests.world import build_world

    world = build_world()
    meeting = make_meeting(world)
    url = live_server.url
    _as(page.context, world.users["secretariat"], url)
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/edit/")
    tab_to(page, "#id_start_time")
    page.keyboard.press("Control+A")
    page.keyboard.type("13.30")
    tab_to(page, "main fieldset textarea")
    page.keyboard.type("ประธานแจ้งให้ที่ประชุมทราบ")
    tab_to(page, "#id_end_time")
    page.keyboard.type("16.00")
    tab_to(page, "[data-testid=save-minutes]")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("บันทึกรายงานการประชุมฉบับที่ 1 แล้ว")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    expect(page.locator("main")).to_contain_text("ประธานแจ้งให้ที่ประชุมทราบ")


def test_vote_and_minutes_pages_reflow_at_200_percent_zoom(browser, browser_context_args, live_server):
    from tests.fundproposals.helpers import make_meeting, voting_proposal
    from tests.world import build_world

    world = build_world()
    meeting = make_meeting(world)
    proposal, ballot = voting_proposal(world, meeting=meeting)
    url = live_server.url
    pages = {
        "secretariat": [f"/meetings/{meeting.pk}/minutes/edit/", f"/meetings/{meeting.pk}/attendance/"],
        "chair": [f"/proposals/ballots/{ballot.pk}/close/", f"/proposals/{proposal.pk}/"],
        "member": [f"/proposals/ballots/{ballot.pk}/", f"/meetings/items/{proposal.agenda_item.pk}/"],
    }
    # 200% zoom of a 1280 px wide window: 640 CSS px at two device pixels each.
    context = browser.new_context(**browser_context_args, viewport={"width": 640, "height": 450}, device_scale_factor=2)
    tab = context.new_page()
    wide = []
    for role, paths in pages.items():
        _as(context, world.users[role], url)
        for path in paths:
            tab.goto(f"{url}{path}")
            sizes = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                wide.append(f"{role} {path}: content {sizes[0]} px in a {sizes[1]} px window")
    context.close()
    assert wide == [], "pages that scroll sideways at 200% zoom:\n" + "\n".join(wide)


def test_a_form_in_error_puts_the_focus_on_the_first_field_in_error(page, live_server):
    from tests.world import build_world

    world = build_world()
    url = live_server.url
    _as(page.context, world.users["secretariat"], url)
    page.goto(f"{url}/meetings/new/{world.own.code}/")
    tab_to(page, "#id_date")
    page.keyboard.press("Control+A")
    page.keyboard.type("31/02/2569")  # no such day: the server refuses it
    tab_to(page, "#id_place")
    page.keyboard.type("ห้องประชุมศาลากลางจังหวัด")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    focused = page.locator(":focus")
    expect(focused).to_have_id("id_date")
    expect(page.locator("#id_place")).to_have_value("ห้องประชุมศาลากลางจังหวัด")
    expect(focused).to_have_attribute("aria-invalid", "true")
    described = focused.get_attribute("aria-describedby").split()
    error_id = next(i for i in described if i.endswith("_error"))
    expect(page.locator(f"#{error_id}")).not_to_be_empty()
