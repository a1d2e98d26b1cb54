"""A plan decided by show of hands at the meeting, in Chromium, and approved on its own page.

`pl-secretariat` opens the plan's agenda item from the plan page, opens the vote
by show of hands, enters the room's count (a count above the members present is
refused in Thai), closes the vote; the item carries the resolution in the
meeting's words and the plan page shows it approved at meeting 1/2567, item 5.1.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from actionplans import services as plan_services
from committees.choices import ChairCapacity, GrantRole, MemberRole
from core.pillars import Pillar
from meetings.models import Attendance
from tests.browser.rooms import held_meeting
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    sp = province("11")
    sc = SubcommitteeFactory(province=sp)
    chair = MemberFactory(
        subcommittee=sc,
        user=UserFactory(username="pl-chair"),
        role=MemberRole.CHAIR,
        chair_capacity=ChairCapacity.GOVERNOR,
        order=1,
    )
    seats = [chair, *[MemberFactory(subcommittee=sc, order=2 + i) for i in range(5)]]
    sec = UserFactory(username="pl-secretariat")
    RoleGrantFactory(user=sec, role=GrantRole.SECRETARIAT, province=sp)
    meeting, _sections = held_meeting(sc, chair=chair, place="ห้องประชุมศาลากลางจังหวัดสมุทรปราการ")
    for i, seat in enumerate(seats[:5]):  # five of six present
        Attendance.objects.create(meeting=meeting, member=seat, status="present", order=i)
    plan = plan_services.create_plan(actor=sec, subcommittee=sc, fiscal_year=2567)
    plan_services.add_activity(
        actor=sec,
        plan=plan,
        pillar=Pillar.PREVENTION,
        strategy="เสริมสร้างความตระหนักรู้",
        name="อบรมเครือข่ายภาคประชาสังคม",
        target_quantity=4,
        target_unit="รุ่น",
        q1=True,
        q2=True,
        q3=True,
        q4=True,
        budget=Decimal("40000.00"),
        budget_source="province",
        responsible_agency="สนง.พมจ.",
    )
    plan = plan_services.transition(actor=sec, doc=plan, name="propose", meeting=meeting)
    return meeting, plan


def test_the_secretariat_decides_a_plan_by_show_of_hands_and_the_plan_shows_it_approved(page, live_server, login):
    _meeting, plan = _world()
    url = live_server.url
    login(page, "pl-secretariat")

    # from the plan page to its agenda item, where the room's decision is taken
    page.goto(f"{url}/plans/{plan.pk}/")
    page.click(f"main a[href='/meetings/items/{plan.agenda_item_id}/']")
    expect(page.locator("[data-testid=decision]")).to_contain_text("การลงมติของที่ประชุม")
    page.check("input[name=method][value=show_of_hands]")
    page.click("main [data-testid=decision-open]")

    # the entry sheet: a count above the five present members is refused, then the real count
    expect(page.locator("[data-testid=item-title]")).to_contain_text("แผนปฏิบัติการ")
    page.fill("input[name=approve]", "5")
    page.fill("input[name=reject]", "1")
    page.click("main button[name=hands]")
    expect(page.locator("[data-testid=entry-sheet] .alert-danger")).to_contain_text(
        "เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (5 คน)"
    )
    page.fill("input[name=approve]", "4")
    page.fill("input[name=reject]", "0")
    page.fill("input[name=abstain]", "1")
    page.click("main button[name=hands]")
    expect(page.locator("[data-testid=entry-sheet]")).to_contain_text("บันทึกจำนวนเสียงแล้ว")

    # the count so far, then the close: the resolution lands on the item in the meeting's words
    page.click("text=ผลการลงมติขณะนี้และปิดการลงมติ")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=resolution-text]")).to_contain_text("มีมติเห็นชอบ")
    expect(page.locator("[data-testid=resolution-text]")).to_contain_text("โดยการยกมือ")
    expect(page.locator("[data-testid=decision-open]")).to_have_count(0)

    # the plan page shows it approved at meeting 1/2567, item 5.1
    page.goto(f"{url}/plans/{plan.pk}/")
    approval = page.locator("[data-testid=approval]")
    expect(approval).to_contain_text("เห็นชอบ")
    expect(approval).to_contain_text("ครั้งที่ 1/2567")
    expect(approval).to_contain_text("ระเบียบวาระที่ 5.1")
