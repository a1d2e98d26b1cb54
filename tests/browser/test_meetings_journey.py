"""sp-secretariat schedules a meeting, records attendance, writes two resolutions, circulates the minutes; sp-member reads them."""

import datetime as dt

import pytest
from django.core import mail
from playwright.sync_api import expect

from core import thaidate
from meetings.models import Meeting, Resolution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_runs_a_meeting_and_member_reads_the_minutes(page, live_server, login):
    from django.utils import timezone

    from tests.world import build_world

    world = build_world()
    sec, member = world.users["secretariat"], world.users["member"]
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    login(page, sec.username)
    page.goto(f"{live_server.url}/meetings/")
    page.click("main >> text=นัดประชุม")
    page.fill("#id_date", thaidate.format_numeric(yesterday))
    page.fill("#id_time", "13.30")
    page.fill("#id_place", "ห้องประชุมศาลากลางจังหวัดสมุทรปราการ")
    page.select_option("#id_chair_member", str(world.seats["own"]["chair"].pk))
    page.select_option("#id_chair_capacity", "governor")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("นัดประชุมครั้งที่ 1/")
    meeting = Meeting.objects.get()

    page.click("main >> text=บันทึกว่าได้ประชุมแล้ว")
    page.click("main [data-testid=confirm]")
    expect(page.locator("[data-testid=meeting-state]")).to_have_text("ประชุมแล้ว")

    # attendance: the quorum box follows the form before it is saved
    page.click("main >> text=บันทึกการเข้าประชุม")
    quorum = page.locator("[data-testid=quorum]")
    expect(quorum).to_contain_text("ยังไม่ครบองค์ประชุม")
    seats = [world.seats["own"]["chair"], world.seats["own"]["member"], world.seats["own"]["others"][0]]
    for seat in seats:
        page.select_option(f"#id_m{seat.pk}_status", "present")
    expect(quorum).to_contain_text("ครบองค์ประชุม · มาประชุม 3 จาก 6 คน")
    absent = world.seats["own"]["others"][1]
    page.select_option(f"#id_m{absent.pk}_status", "absent")
    page.fill(f"#id_m{absent.pk}_reason", "ติดราชการ")
    page.click("main [data-testid=save-attendance]")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("บันทึกการเข้าประชุมแล้ว")

    # two resolutions: on section 1 and on a new item 5.1
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.fill("#id_title", "(ร่าง) แผนปฏิบัติการ ประจำปีงบประมาณ 2569")
    page.click("main button[value=add]")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("เพิ่มระเบียบวาระที่ 5.1 แล้ว")
    page.click("main [data-testid=agenda] >> text=(ร่าง) แผนปฏิบัติการ ประจำปีงบประมาณ 2569")
    page.select_option("#id_outcome", "approved")
    page.fill("#id_text", "ที่ประชุมเห็นชอบแผนปฏิบัติการ")
    page.click("main button[value=resolution]")
    expect(page.locator("[data-testid=resolution]")).to_contain_text("ที่ประชุมเห็นชอบแผนปฏิบัติการ")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.click("main [data-testid=agenda] >> text=เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")
    page.select_option("#id_outcome", "acknowledged")
    page.fill("#id_text", "ที่ประชุมรับทราบข้อสั่งการของประธาน")
    page.click("main button[value=resolution]")
    expect(page.locator("[data-testid=resolution]")).to_contain_text("รับทราบข้อสั่งการ")
    assert Resolution.objects.filter(agenda_item__meeting=meeting).count() == 2

    # minutes: pre-filled from the resolutions, saved, then circulated
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.click("main >> text=ร่างรายงานการประชุม")
    page.fill("#id_end_time", "16.00")
    page.click("main [data-testid=save-minutes]")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("บันทึกรายงานการประชุมฉบับที่ 1 แล้ว")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.click("main >> text=เวียนร่างรายงานการประชุมให้อนุกรรมการ")
    page.click("main [data-testid=confirm]")
    expect(page.locator("[data-testid=meeting-state]")).to_have_text("เวียนรายงานการประชุม")
    assert any("เวียนร่างรายงานการประชุม" in m.subject for m in mail.outbox)

    # the member reads them
    page.context.clear_cookies()
    login(page, member.username)
    page.goto(f"{live_server.url}/meetings/mine/")
    page.click(f"main >> text={meeting.label}")
    page.click("main .nav-tabs >> text=รายงานการประชุม")
    doc = page.locator("[data-testid=minutes-doc]")
    expect(doc).to_contain_text("ผู้มาประชุม")
    expect(doc).to_contain_text("ผู้ไม่มาประชุม")
    expect(doc).to_contain_text("ติดราชการ")
    expect(doc).to_contain_text("มติที่ประชุม ที่ประชุมเห็นชอบแผนปฏิบัติการ")
    expect(doc).to_contain_text("เลิกประชุมเวลา 16.00 น.")
    page.fill("#id_text", "ขอแก้ไขชื่อหน่วยงานในระเบียบวาระที่ 5.1")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=comments]")).to_contain_text("ขอแก้ไขชื่อหน่วยงาน")
