"""A show of hands in the room, in Chromium: a tie settled by the chair with one member recused,
the resolution corrected in the minutes, the minutes adopted, the corrected wording everywhere.

`sp-secretariat` opens the vote on item 5.1 by show of hands and enters the
counts 2 : 2; `sp-chair` sees the tie and the recused member and gives the
casting vote; the secretariat corrects the wording in the minutes; the chair
adopts them; the item page and the minutes PDF carry the corrected wording.
"""

import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from committees.choices import ChairCapacity, GrantRole, MemberRole
from core import thaidate
from fundproposals.choices import ProposalState
from meetings.models import AgendaItem, Attendance, ConflictOfInterest, Resolution
from tests.browser.rooms import held_meeting
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTED = "ที่ประชุมพิจารณาแล้ว มีมติเห็นชอบโครงการ โดยให้ผู้เสนอปรับกลุ่มเป้าหมายตามข้อสังเกตของที่ประชุม"


def _world():
    from tests.fundproposals.helpers import complete_proposal

    sp = province("11")
    sc = SubcommitteeFactory(province=sp)
    chair = MemberFactory(
        subcommittee=sc,
        user=UserFactory(username="sp-chair"),
        role=MemberRole.CHAIR,
        chair_capacity=ChairCapacity.VICE_GOVERNOR,
        order=1,
    )
    seats = [chair, *[MemberFactory(subcommittee=sc, order=2 + i) for i in range(5)]]
    RoleGrantFactory(user=UserFactory(username="sp-secretariat"), role=GrantRole.SECRETARIAT, province=sp)
    proposer = UserFactory(username="proposer")
    RoleGrantFactory(user=proposer, role=GrantRole.PROPOSER, province=sp)
    meeting, sections = held_meeting(sc, chair=chair, place="ห้องประชุมศาลากลางจังหวัดสมุทรปราการ", minutes_ago=45)
    for i, seat in enumerate(seats):
        Attendance.objects.create(meeting=meeting, member=seat, status="present", order=i)
    world = type("W", (), {"own": sp, "users": {"proposer": proposer}})()
    p = complete_proposal(world, owner=proposer, province=sp, state=ProposalState.TABLED)
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=sections["for_consideration"],
        section_type="for_consideration",
        order=1,
        title="พิจารณาโครงการ",
    )
    p.agenda_item = item
    p.save()
    recused = seats[5]
    ConflictOfInterest.objects.create(agenda_item=item, member=recused, reason="เป็นกรรมการขององค์กรผู้เสนอ")
    return meeting, item, p, recused


def test_show_of_hands_tie_casting_vote_correction_adoption_and_pdf(page, live_server, login, tmp_path):
    meeting, item, proposal, recused = _world()
    url = live_server.url

    # the secretariat opens the vote by show of hands and enters the room's count: a tie
    login(page, "sp-secretariat")
    page.goto(f"{url}/proposals/{proposal.pk}/")
    page.click("main [data-action=open_vote]")
    page.check("input[name=method][value=show_of_hands]")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=method]")).to_contain_text("ยกมือ")
    page.click("main [data-testid=record-link]")
    expect(page.locator("[data-testid=recused]")).to_contain_text(recused.full_name)
    page.fill("input[name=approve]", "3")
    page.fill("input[name=reject]", "3")
    page.click("main button[name=hands]")
    expect(page.locator("[data-testid=entry-sheet] .alert-danger")).to_contain_text(
        "เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (5 คน)"
    )
    page.fill("input[name=approve]", "2")
    page.fill("input[name=reject]", "2")
    page.click("main button[name=hands]")
    expect(page.locator("[data-testid=entry-sheet]")).to_contain_text("บันทึกจำนวนเสียงแล้ว")

    # the chair sees the tie and who is recused, and gives the casting vote
    page.context.clear_cookies()
    login(page, "sp-chair")
    ballot = proposal.ballots.get()
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/close/")
    expect(page.locator("main")).to_contain_text("คะแนนเสียงเท่ากัน ประธานต้องออกเสียงชี้ขาด")
    expect(page.locator("[data-testid=recused]")).to_contain_text(recused.full_name)
    page.check("input[name=casting_vote][value=approve]")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=decision]")).to_contain_text("ประธานจึงออกเสียงชี้ขาดให้เห็นชอบ")

    # the secretariat corrects the wording in the minutes
    page.context.clear_cookies()
    login(page, "sp-secretariat")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/edit/")
    page.fill(f"#id_i{item.pk}_resolution", CORRECTED)
    page.click("main [data-testid=save-minutes]")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("บันทึกรายงานการประชุมฉบับที่ 1 แล้ว")
    page.goto(f"{url}/meetings/items/{item.pk}/")
    expect(page.locator("[data-testid=resolution-text]")).to_contain_text("ปรับกลุ่มเป้าหมาย")
    expect(page.locator("[data-testid=resolution-draft]")).to_be_visible()

    # the chair adopts the minutes at the same meeting
    page.context.clear_cookies()
    login(page, "sp-chair")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/adopt/")
    page.select_option("#id_method", "same_meeting")
    page.fill("#id_adopted_on", thaidate.format_numeric(timezone.localdate()))
    page.click("main button[type=submit]")
    page.goto(f"{url}/meetings/items/{item.pk}/")
    expect(page.locator("[data-testid=resolution-text]")).to_contain_text("ปรับกลุ่มเป้าหมาย")
    expect(page.locator("[data-testid=resolution-draft]")).to_have_count(0)
    page.goto(f"{url}/proposals/{proposal.pk}/")
    expect(page.locator("[data-testid=decision] [data-testid=resolution-text]")).to_contain_text("ปรับกลุ่มเป้าหมาย")
    assert Resolution.objects.get(agenda_item=item).text == CORRECTED

    # the minutes PDF carries the corrected wording, the recusal and the chair's capacity
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    page.click("main form.report-request button[type=submit]")
    expect(page.locator("main [data-testid=job-state]")).to_have_text("พร้อมดาวน์โหลด", timeout=60000)
    with page.expect_download() as download:
        page.click("main [data-testid=download]")
    target = tmp_path / "minutes.pdf"
    download.value.save_as(target)
    text = subprocess.run(["pdftotext", "-raw", str(target), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    flat = " ".join(text.split())
    assert "ปรับกลุ่มเป้าหมายตามข้อสังเกตของที่ประชุม" in flat.replace(" ", "")
    assert "ไม่ร่วมพิจารณาและไม่ร่วมลงมติ" in flat.replace(" ", "")
    assert "รองผู้ว่าราชการจังหวัด" in flat.replace(" ", "")
