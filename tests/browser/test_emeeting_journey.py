"""A hybrid meeting under the e-meeting decree, in Chromium, from the mode to the evidence bundle.

`hy-secretariat` makes the meeting hybrid, vouches for a member without a login,
uploads the recording and opens a vote; `hy-chair` checks in in the room and makes
the vote secret; `hy-member` checks in online, reports a fault and votes in secret
(the panel shows the running count, not the choice); the chair closes the vote;
the minutes list the online members, are adopted, and print the ledger hash that
the verification page finds; the chair downloads the evidence bundle.
"""

import hashlib
import io
import subprocess
import time
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from committees.choices import ChairCapacity, GrantRole, MemberRole
from core import thaidate
from emeetings.presence import REMOTE_NOTE
from fundproposals.choices import ProposalState
from meetings.models import AgendaItem, Attendance
from tests.browser.rooms import held_meeting
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORDING = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40


def _world():
    from tests.fundproposals.helpers import complete_proposal

    prov = province("12")
    sc = SubcommitteeFactory(province=prov)
    chair = MemberFactory(
        subcommittee=sc,
        user=UserFactory(username="hy-chair"),
        role=MemberRole.CHAIR,
        chair_capacity=ChairCapacity.VICE_GOVERNOR,
        order=1,
    )
    member = MemberFactory(subcommittee=sc, user=UserFactory(username="hy-member"), order=2)
    vouched = MemberFactory(subcommittee=sc, order=3)
    others = [MemberFactory(subcommittee=sc, order=4 + i) for i in range(2)]
    RoleGrantFactory(user=UserFactory(username="hy-secretariat"), role=GrantRole.SECRETARIAT, province=prov)
    proposer = UserFactory(username="hy-proposer")
    RoleGrantFactory(user=proposer, role=GrantRole.PROPOSER, province=prov)
    meeting, sections = held_meeting(sc, chair=chair, place="ห้องประชุมศาลากลางจังหวัดนนทบุรี")
    # in the room, marked by the secretariat: the chair and one member; one member absent
    Attendance.objects.create(meeting=meeting, member=chair, status="present", order=1)
    Attendance.objects.create(meeting=meeting, member=others[0], status="present", order=4)
    Attendance.objects.create(meeting=meeting, member=others[1], status="absent", absence_reason="ติดราชการ", order=5)
    world = type("W", (), {"own": prov, "users": {"proposer": proposer}})()
    p = complete_proposal(world, owner=proposer, province=prov, state=ProposalState.TABLED)
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=sections["for_consideration"],
        section_type="for_consideration",
        order=1,
        title="โครงการ",
    )
    p.agenda_item = item
    p.save()
    return meeting, p, member, vouched


def _as(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def test_hybrid_meeting_check_in_secret_vote_minutes_ledger_and_evidence(page, live_server, login, tmp_path):
    started = time.monotonic()
    meeting, proposal, member, vouched = _world()
    url = live_server.url
    room = f"{url}/emeetings/{meeting.pk}/"

    # the secretariat: hybrid, how to join; vouches for a member without a login; the recording; opens the vote
    login(page, "hy-secretariat")
    page.goto(room)
    page.click("main summary:has-text('เปลี่ยนรูปแบบการประชุม')")
    page.select_option("main select[name=mode]", "hybrid")
    page.fill("textarea[name=join_instructions]", "Zoom ห้อง 123 456 7890 รหัสผ่าน 2567")
    page.click("main form:has(input[value=mode]) button[type=submit]")
    expect(page.locator("[data-testid=mode]")).to_have_text("ประชุม ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์")
    page.click("main summary:has-text('รับรองตัวตนอนุกรรมการ')")
    page.select_option("main select[name=member]", str(vouched.pk))
    page.select_option("main form:has(input[value=vouch]) select[name=location]", "remote")
    page.fill("main form:has(input[value=vouch]) [name=note]", "เห็นหน้าและบัตรประจำตัวทางวิดีโอ")
    page.click("main form:has(input[value=vouch]) button[type=submit]")
    expect(page.locator("main")).to_contain_text("รับรองตัวตนและบันทึกการเข้าประชุมแล้ว")
    expect(page.locator("main")).to_contain_text("เห็นหน้าและบัตรประจำตัวทางวิดีโอ")
    page.click("main a:has-text('อัปโหลดไฟล์บันทึกภาพและเสียง')")
    recording = tmp_path / "บันทึกการประชุม.mp4"
    recording.write_bytes(RECORDING)
    page.set_input_files("#id_file", str(recording))
    page.click("main button:has-text('อัปโหลด')")
    digest = hashlib.sha256(RECORDING).hexdigest()
    expect(page.locator("main")).to_contain_text(digest)
    page.goto(f"{url}/proposals/{proposal.pk}/")
    page.click("main [data-action=open_vote]")
    page.check("input[name=method][value=devices]")
    page.click("main button[type=submit]")
    ballot = proposal.ballots.get()

    # the chair: in the room, and makes the vote secret
    _as(page, login, "hy-chair")
    page.goto(room)
    page.click("main button[value=room]")
    expect(page.locator("main")).to_contain_text("ลงชื่อเข้าประชุมแล้ว")
    page.click("main button:has-text('ให้ลงคะแนนลับ')")
    expect(page.locator("main .badge:has-text('ลงคะแนนลับ')")).to_be_visible()

    # the member: online, reports a fault, votes in secret over htmx
    _as(page, login, "hy-member")
    page.goto(room)
    page.click("main button[value=remote]")
    expect(page.locator("main")).to_contain_text("ท่านอยู่ในที่ประชุม (ผ่านสื่ออิเล็กทรอนิกส์)")
    page.fill("main textarea[name=text]", "ภาพค้างและเสียงขาดหายช่วงวาระที่ 5")
    page.click("main button:has-text('แจ้งเหตุขัดข้อง')")
    expect(page.locator("main")).to_contain_text("ภาพค้างและเสียงขาดหายช่วงวาระที่ 5")
    page.click(f"main a[href='/proposals/ballots/{ballot.pk}/']")
    expect(page.locator("[data-testid=secret-ballot]")).to_be_visible()
    page.click("#vote-panel button[value=approve]")
    expect(page.locator("[data-testid=my-vote]")).to_have_text("ท่านลงคะแนนลับแล้ว")
    expect(page.locator("[data-testid=turnout]")).to_contain_text("ลงมติแล้ว 1 / 4 คน")
    expect(page.locator("#vote-panel button[name=choice]")).to_have_count(0)

    # the chair votes, sees the running tally (no one's choice), closes the vote
    _as(page, login, "hy-chair")
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/")
    page.click("#vote-panel button[value=approve]")
    expect(page.locator("[data-testid=turnout]")).to_contain_text("ลงมติแล้ว 2 / 4 คน")
    page.goto(f"{url}/proposals/ballots/{ballot.pk}/close/")
    expect(page.locator("[data-testid=tally] tr").first).to_contain_text("2")
    expect(page.locator("[data-testid=secret-ballot]")).to_be_visible()
    expect(page.locator("[data-testid=votes]")).to_have_count(0)
    page.click("main button:has-text('ปิดการลงมติและบันทึกมติ')")
    expect(page.locator("[data-testid=decision]")).to_be_visible()

    # the secretariat saves the minutes: the online members are listed and marked, with the counts
    _as(page, login, "hy-secretariat")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/edit/")
    page.click("main [data-testid=save-minutes]")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    doc = page.locator("[data-testid=minutes-doc]")
    expect(doc.locator("li", has_text=vouched.full_name)).to_contain_text(REMOTE_NOTE)
    expect(doc.locator("li", has_text=member.full_name)).to_contain_text(REMOTE_NOTE)
    expect(page.locator("[data-testid=electronic]")).to_contain_text("ณ ห้องประชุม 2 คน และผ่านสื่ออิเล็กทรอนิกส์ 2 คน")
    expect(doc).to_contain_text(digest)

    # the chair adopts them; the printed hash is found and checks out on the verification page
    _as(page, login, "hy-chair")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/adopt/")
    page.select_option("#id_method", "same_meeting")
    page.fill("#id_adopted_on", thaidate.format_numeric(timezone.localdate()))
    page.click("main button[type=submit]")
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    page.click("main a:has-text('ตรวจสอบความถูกต้องของบันทึก')")
    expect(page.locator(".alert-success")).to_contain_text("ถูกต้อง")
    page.click("main a:has-text('ตรวจสอบทั้งสาย')")
    expect(page.locator(".alert-success")).to_contain_text("ไม่พบการแก้ไขหรือการลบ")

    # the minutes PDF lists the online members too
    page.goto(f"{url}/meetings/{meeting.pk}/minutes/")
    page.click("main form.report-request button[type=submit]")
    expect(page.locator("main [data-testid=job-state]")).to_have_text("พร้อมดาวน์โหลด", timeout=60000)
    with page.expect_download() as download:
        page.click("main [data-testid=download]")
    target = tmp_path / "minutes.pdf"
    download.value.save_as(target)
    text = subprocess.run(["pdftotext", "-raw", str(target), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    flat = "".join(text.split())
    assert flat.count("".join(REMOTE_NOTE.split())) == 2 and digest in flat

    # the chair builds and downloads the evidence bundle
    page.goto(f"{room}evidence/")
    page.click("main button:has-text('สร้างชุดหลักฐานใหม่')")
    with page.expect_download() as download:
        page.click("main a:has-text('ดาวน์โหลด')")
    zf = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    manifest = zf.read("manifest.csv").decode("utf-8-sig").splitlines()[1:]
    assert len(manifest) == 8
    for line in manifest:
        name, size, sha = line.split(",")
        assert hashlib.sha256(zf.read(name)).hexdigest() == sha and len(zf.read(name)) == int(size)
    assert "ภาพค้าง" in zf.read("fault-reports.csv").decode("utf-8-sig")
    assert member.full_name not in zf.read("votes.csv").decode("utf-8-sig")
    elapsed = time.monotonic() - started
    print(f"e-meeting journey: {elapsed:.1f} s")  # 29 s on the 2-core development machine
