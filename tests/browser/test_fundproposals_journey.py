"""A proposal from the proposer's form to the resolution in the minutes, in Chromium.

`proposer` fills in กปค.01 and submits it; `sp-secretariat` checks it and tables
it at a meeting under way; `sp-chair` opens the vote; `sp-member` (on a phone-sized
screen) and `sp-chair` vote; the chair closes the ballot and reads the
resolution in the meeting's minutes.
"""

import pytest
from playwright.sync_api import expect

from committees.choices import ChairCapacity, GrantRole, MemberRole
from meetings.models import Attendance
from tests.browser.rooms import held_meeting
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    sp = province("11")
    sc = SubcommitteeFactory(province=sp)
    chair = MemberFactory(
        subcommittee=sc,
        user=UserFactory(username="sp-chair"),
        role=MemberRole.CHAIR,
        chair_capacity=ChairCapacity.GOVERNOR,
        order=1,
    )
    member = MemberFactory(subcommittee=sc, user=UserFactory(username="sp-member"), order=2)
    others = [MemberFactory(subcommittee=sc, order=3 + i) for i in range(2)]
    RoleGrantFactory(user=UserFactory(username="sp-secretariat"), role=GrantRole.SECRETARIAT, province=sp)
    RoleGrantFactory(user=UserFactory(username="proposer"), role=GrantRole.PROPOSER, province=sp)
    meeting, _sections = held_meeting(sc, place="ห้องประชุมศาลากลางจังหวัดสมุทรปราการ", number=2)
    for i, seat in enumerate([chair, member, *others]):
        Attendance.objects.create(meeting=meeting, member=seat, status="present", order=i)
    return meeting


def test_proposal_from_form_to_minutes(page, live_server, login):
    meeting = _world()
    url = live_server.url

    # the proposer fills in กปค.01 section by section and submits it
    login(page, "proposer")
    page.goto(f"{url}/proposals/new/")
    page.select_option("#id_fiscal_year", "2567")
    page.fill("#id_title", "โครงการอบรม อพม. รู้เท่าทันการค้ามนุษย์")
    page.click("main button[type=submit]")
    page.fill("#id_organisation", "เครือข่าย อพม. จังหวัดสมุทรปราการ")
    page.check("input[name=organisation_type][value=private]")
    page.fill("#id_responsible_name", "นายบุญส่ง อาสา")
    page.fill("#id_responsible_position", "ประธานเครือข่าย")
    page.fill("#id_responsible_phone", "0812345678")
    page.click("main button[name=next]")
    page.check("input[name=pillars][value=prevention]")
    page.fill("#id_rationale", "แรงงานข้ามชาติในพื้นที่เสี่ยงต่อการถูกแสวงประโยชน์")
    page.fill("#id_objectives", "สร้างความตระหนักรู้")
    page.fill("#id_targets", "ผู้เข้าร่วม 60 คน")
    page.fill("#id_target_group", "อพม. และผู้นำชุมชน")
    page.fill("#id_target_count", "60")
    page.select_option("#id_district_code", "1101")
    page.select_option("#id_subdistrict_code", "110101")
    page.fill("#id_start_date", "01/01/2567")
    page.fill("#id_end_date", "31/03/2567")
    page.click("main button[name=next]")
    page.fill("#id_acts-0-name", "อบรมเชิงปฏิบัติการ")
    page.fill("#id_acts-0-period", "มกราคม 2567")
    page.fill("#id_acts-0-cost", "50000")
    page.click("main button[name=next]")
    page.fill("#id_total_budget", "50000")
    page.fill("#id_requested_amount", "45000")
    page.fill("#id_cofunding_amount", "5000")
    page.fill("#id_cofunding_source", "เทศบาล")
    page.fill("#id_fund_need", "ไม่มีงบประมาณ")
    page.fill("#id_lines-0-item", "ค่าอาหาร")
    page.fill("#id_lines-0-amount", "30000")
    page.fill("#id_lines-1-item", "ค่าวิทยากร")
    page.fill("#id_lines-1-amount", "20000")
    page.click("main button[name=save]")
    expect(page.locator("[data-testid=budget-check]")).to_contain_text("50,000.00 บาท (ห้าหมื่นบาทถ้วน)")
    page.click("main button[name=next]")
    page.fill("#id_staffing", "อพม. 8 คน")
    page.fill("#id_indicators", "ร้อยละ 80 มีความรู้เพิ่มขึ้น")
    page.fill("#id_evaluation", "แบบทดสอบ")
    page.fill("#id_expected_results", "ชุมชนเฝ้าระวังได้")
    page.click("main button[name=save]")
    page.click("text=ข้อมูลครบแล้ว ยื่นโครงการ")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("ยื่นโครงการแล้ว")
    expect(page.locator("[data-testid=project-code]")).to_have_text("ปคม/2567/สมุทรปราการ/0001")
    detail = page.url

    # the secretariat checks it and tables it at the meeting (agenda section 5)
    login(page, "sp-secretariat")
    page.goto(detail)
    page.click("main [data-action=accept]")
    for box in page.locator("main input[type=checkbox]").all():
        box.check()
    page.click("main button[name=accept]")
    expect(page.locator("[data-testid=state]")).to_have_text("อยู่ระหว่างอนุกรรมการพิจารณา")
    page.click("main [data-action=table]")
    page.select_option("#id_meeting", str(meeting.pk))
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("บรรจุระเบียบวาระการประชุมแล้ว")

    # the chair opens the vote and votes
    login(page, "sp-chair")
    page.goto(detail)
    page.click("main [data-action=open_vote]")
    page.check("input[name=method][value=devices]")  # members vote on their own phones
    page.click("main button[type=submit]")
    close_url = page.url
    vote_url = close_url.replace("close/", "")
    page.goto(vote_url)
    page.click("main button[value=approve]")
    expect(page.locator("[data-testid=my-vote]")).to_contain_text("เห็นชอบ")

    # the member votes on a phone-sized screen, changes their mind, votes again
    login(page, "sp-member")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(vote_url)
    page.click("main button[value=reject]")
    expect(page.locator("[data-testid=my-vote]")).to_contain_text("ไม่เห็นชอบ")
    page.click("main button[value=approve]")
    expect(page.locator("[data-testid=my-vote]")).to_contain_text("เห็นชอบ")
    expect(page.locator("[data-testid=turnout]")).to_contain_text("ลงมติแล้ว 2 / 4 คน")

    # the chair closes the ballot and reads the resolution in the minutes
    login(page, "sp-chair")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(close_url)
    expect(page.locator("[data-testid=votes]")).to_contain_text("เห็นชอบ")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=decision]")).to_contain_text("เห็นชอบ")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    minutes = page.locator("main")
    expect(minutes).to_contain_text("พิจารณาโครงการอบรม อพม. รู้เท่าทันการค้ามนุษย์")
    expect(minutes).to_contain_text("มีมติเห็นชอบ วงเงิน 45,000.00 บาท (สี่หมื่นห้าพันบาทถ้วน)")
    expect(minutes).to_contain_text("เห็นชอบ 2 เสียง")
