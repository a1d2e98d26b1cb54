"""The plan page's cached heading and body (issue #12): every kind of change shows on the next
request, no reader gets another's buttons or another province's plan, Thai and English stay
apart, and a lost cache only costs the computing."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from actionplans import services
from actionplans.models import Activity
from committees.choices import Role
from committees.models import RiskGroupAssignment
from core.pillars import Pillar
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from tests.actionplans import helpers
from tests.actionplans.matrix import png

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def _page(client, plan) -> str:
    resp = client.get(f"/plans/{plan.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def _without_tokens(html: str) -> str:
    """The page less its per-request CSRF tokens and CSP nonces."""
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+', r"\1", html)


def _row(html: str, activity: Activity) -> str:
    start = html.index(f'data-testid="activity-{activity.pk}"')
    return html[start : html.index("</tr>", start)]


def test_activities_and_progress_show_on_the_next_request(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world, activities=0)
    act = helpers.activity(plan, sec, name="อบรมเครือข่าย", budget=Decimal("40000"), target_quantity=4)
    reader = client_for(world.users[Role.MEMBER])
    first = _page(reader, plan)
    assert "อบรมเครือข่าย" in first and "40,000.00" in first
    assert _without_tokens(_page(reader, plan)) == _without_tokens(first)  # served from the cache: the same page
    # a new activity: the table, the pillar and the plan's totals
    helpers.activity(plan, sec, name="ลงพื้นที่ตรวจแรงงาน", pillar=Pillar.PROSECUTION, budget=Decimal("2500"))
    html = _page(reader, plan)
    assert "ลงพื้นที่ตรวจแรงงาน" in html and "42,500.00" in html
    # an edited activity
    services.update_activity(actor=sec, activity=act, name="อบรมเครือข่าย (แก้ไข)", budget=Decimal("1000"))
    html = _page(reader, plan)
    assert "อบรมเครือข่าย (แก้ไข)" in html and "3,500.00" in html and "42,500.00" not in html
    # quarterly progress through the page, with a file: the quarter, the % and the paperclip
    c = client_for(sec)
    url = f"/plans/activities/{act.pk}/progress/1/"
    assert (
        c.post(url, {"done": "อบรม", "quantity_achieved": "1", "budget_spent": "120", "file": png()}).status_code == 302
    )
    row = _row(_page(reader, plan), act)
    assert "Q1: 1 รุ่น" in row and "bi-paperclip" in row and "(25%)" in row and "120.00" in row
    # corrected: the same quarter, a new figure
    assert c.post(url, {"done": "อบรม", "quantity_achieved": "3", "budget_spent": "120"}).status_code == 302
    row = _row(_page(reader, plan), act)
    assert "Q1: 3 รุ่น" in row and "(75%)" in row


def test_a_write_with_an_older_stamp_still_changes_the_page(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world, activities=0)
    act = helpers.activity(plan, sec, name="ชื่อเดิม")
    helpers.activity(plan, sec, name="อีกกิจกรรม")
    reader = client_for(world.users[Role.MEMBER])
    assert "ชื่อเดิม" in _page(reader, plan)
    Activity.objects.filter(pk=act.pk).update(name="ชื่อใหม่", updated_at=timezone.now() - dt.timedelta(minutes=5))
    html = _page(reader, plan)
    assert "ชื่อใหม่" in html and "ชื่อเดิม" not in html


def test_approval_revision_and_risk_group_show_on_the_next_request(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world)
    c = client_for(sec)
    html = _page(c, plan)
    assert 'data-testid="add-activity"' in html and 'data-testid="do-propose"' in html
    assert 'class="badge risk risk-none"' in html
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=plan.fiscal_year, group="B")
    assert 'class="badge risk risk-B"' in _page(c, plan)
    # proposed at a meeting: the meeting and the item in the heading, no more editing
    meeting = helpers.meeting(world.own_sc, sec)
    assert c.post(f"/plans/{plan.pk}/do/propose/", {"meeting": meeting.pk}).status_code == 302
    plan.refresh_from_db()
    html = _page(c, plan)
    assert meeting.label in html and f"/meetings/items/{plan.agenda_item.pk}/" in html
    assert 'data-testid="add-activity"' not in html and "/edit/" not in html
    # the agenda is renumbered without a save (a swap writes with QuerySet.update): the item's number follows
    item = plan.agenda_item
    AgendaItem.objects.filter(pk=item.pk).update(order=item.order + 7)
    assert f"ระเบียบวาระที่ {item.parent.order}.{item.order + 7}" in _page(c, plan)
    # the meeting moves to another day
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at - dt.timedelta(days=40))
    meeting.refresh_from_db()
    from core.templatetags.thai import thai_date

    assert thai_date(timezone.localtime(meeting.starts_at)) in _page(c, plan)
    # approved: the resolution in the heading, the state in the revisions, the revise button
    res = helpers.resolution(meeting, sec, item=plan.agenda_item)
    assert c.post(f"/plans/{plan.pk}/do/approve/", {"resolution": res.pk}).status_code == 302
    html = _page(c, plan)
    assert 'data-testid="approval"' in html and "ที่ประชุมเห็นชอบ" in html and 'data-testid="revise"' in html
    # the resolution's text is corrected
    meeting_services.record_resolution(actor=sec, agenda_item=res.agenda_item, outcome=res.outcome, text="เห็นชอบ (แก้)")
    assert "เห็นชอบ (แก้)" in _page(c, plan)
    # a new revision: the approved one lists it, and its progress buttons and revise button go
    act = plan.activities.get()
    assert f'data-testid="progress-{act.pk}-q1"' in _page(c, plan)
    assert c.post(f"/plans/{plan.pk}/revise/").status_code == 302
    html = _page(c, plan)
    assert "ฉบับที่ 2" in html and f'data-testid="progress-{act.pk}-q1"' not in html
    assert 'data-testid="revise"' not in html


def test_each_reader_gets_their_own_buttons(world, client_for):
    plan = helpers.plan(world)
    act = plan.activities.get()
    sec_html = _page(client_for(world.users[Role.SECRETARIAT]), plan)
    assert f"/plans/activities/{act.pk}/edit/" in sec_html and f'data-testid="progress-{act.pk}-q1"' in sec_html
    for role in (Role.MEMBER, Role.CHAIR, Role.NATIONAL):
        html = _page(client_for(world.users[role]), plan)
        assert "กิจกรรมที่ 1" in html
        assert f"/plans/activities/{act.pk}/edit/" not in html and f"progress-{act.pk}-q1" not in html, role
        assert 'data-testid="add-activity"' not in html and 'data-testid="do-propose"' not in html, role
    # and the secretariat's buttons come back for the secretariat, after the others' visits
    assert _without_tokens(_page(client_for(world.users[Role.SECRETARIAT]), plan)) == _without_tokens(sec_html)


def test_another_province_gets_the_same_404_after_the_page_is_cached(world, client_for):
    own = helpers.plan(world)
    theirs = helpers.plan(world, sc=world.other_sc)
    helpers.activity(theirs, world.other_users[Role.SECRETARIAT], name="กิจกรรมยะลา")
    assert "กิจกรรมยะลา" in _page(client_for(world.other_users[Role.MEMBER]), theirs)
    assert "กิจกรรมที่ 1" in _page(client_for(world.users[Role.MEMBER]), own)
    for role in (Role.SECRETARIAT, Role.MEMBER, Role.CHAIR):
        assert client_for(world.users[role]).get(f"/plans/{theirs.pk}/").status_code == 404, role
        assert client_for(world.other_users[role]).get(f"/plans/{own.pk}/").status_code == 404, role
    missing = client_for(world.users[Role.MEMBER]).get("/plans/999999/")
    assert missing.status_code == 404
    national = client_for(world.users[Role.NATIONAL])
    assert "กิจกรรมยะลา" in _page(national, theirs) and "กิจกรรมที่ 1" in _page(national, own)


def test_thai_and_english_are_kept_apart(world, client_for):
    plan = helpers.plan(world)
    c = client_for(world.users[Role.MEMBER])
    thai = _page(c, plan)
    assert "ความก้าวหน้าตามเป้าหมายรายด้าน" in thai and "ปีงบประมาณ" in thai
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _page(c, plan)
    assert "ความก้าวหน้าตามเป้าหมายรายด้าน" not in english and "Fiscal year" in english
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    assert "ความก้าวหน้าตามเป้าหมายรายด้าน" in _page(c, plan)


def test_the_late_flag_follows_the_day(world, client_for, monkeypatch):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world, activities=0, fiscal_year=2567)
    helpers.activity(plan, sec, name="ต้องเสร็จไตรมาสแรก", q1=True, q2=False, q3=False, q4=False, target_quantity=2)
    reader = client_for(world.users[Role.MEMBER])
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2023, 12, 1))  # in Q1 of FY 2567
    assert 'data-testid="late"' not in _page(reader, plan)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2024, 1, 2))  # Q1 has ended
    assert 'data-testid="late"' in _page(reader, plan)


@override_settings(CACHES=DOWN)
def test_the_page_works_without_the_cache(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world)
    c = client_for(sec)
    html = _page(c, plan)
    assert "กิจกรรมที่ 1" in html and 'data-testid="add-activity"' in html
    helpers.activity(plan, sec, name="กิจกรรมที่ 2")
    assert "กิจกรรมที่ 2" in _page(c, plan)
    assert "กิจกรรมที่ 1" in _page(client_for(world.users[Role.MEMBER]), plan)
