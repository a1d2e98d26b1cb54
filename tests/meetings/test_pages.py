"""Meetings through HTTP: scheduling, bad inputs, attendance and quorum, minutes locking, adoption, invitations."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from core import thaidate
from meetings import selectors, services
from meetings.choices import AdoptionMethod, AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
from meetings.models import AgendaPaper, Attendance, Meeting, Minutes, MinutesComment, MinutesVersion, Resolution
from tests.harness import assert_constant_queries
from tests.meetings.helpers import at, held, schedule

pytestmark = pytest.mark.django_db


def test_secretariat_schedules_a_meeting_with_be_date(world, client_for):
    c = client_for(world.users["secretariat"])
    day = timezone.localdate() + dt.timedelta(days=14)
    resp = c.post(
        f"/meetings/new/{world.own.code}/",
        {
            "date": thaidate.format_numeric(day),
            "time": "13.30",
            "place": "ห้องประชุมศาลากลางจังหวัด",
            "chair_member": world.seats["own"]["chair"].pk,
            "chair_capacity": "governor",
        },
    )
    assert resp.status_code == 302
    m = Meeting.objects.get()
    assert m.label == f"ครั้งที่ 1/{thaidate.be_year(day.year)}"
    assert timezone.localtime(m.starts_at).strftime("%H:%M") == "13:30"
    assert m.agenda_items.filter(parent__isnull=True).count() == 6
    assert m.chair_name == world.seats["own"]["chair"].full_name


def test_duplicate_number_gives_thai_message_on_form(world, client_for):
    past = schedule(world, days=-100, number=3)
    c = client_for(world.users["secretariat"])
    resp = c.post(
        f"/meetings/new/{world.own.code}/",
        {
            "date": thaidate.format_numeric(timezone.localtime(past.starts_at)),
            "time": "09.00",
            "place": "x",
            "number": 3,
        },
    )
    assert resp.status_code == 200
    assert f"มีการประชุม{past.label} อยู่แล้ว" in resp.content.decode()
    assert Meeting.objects.count() == 1


def test_ce_year_is_refused(world, client_for):
    c = client_for(world.users["secretariat"])
    resp = c.post(f"/meetings/new/{world.own.code}/", {"date": "27/01/2021", "time": "13.30", "place": "x"})
    assert "ดูเหมือนเป็นปีคริสต์ศักราช" in resp.content.decode()
    assert not Meeting.objects.exists()


def test_invitations_send_ics_to_members(world, client_for, django_capture_on_commit_callbacks):
    m = schedule(world, days=5)
    c = client_for(world.users["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(f"/meetings/{m.pk}/invite/")
    assert resp.status_code == 302
    assert len(mail.outbox) == 6  # every seat in the world has an address
    msg = mail.outbox[0]
    assert m.label in msg.subject
    assert "ระเบียบวาระที่ 2 เรื่องรับรองรายงานการประชุมครั้งที่แล้ว" in msg.body
    name, content, mimetype = msg.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text and "ห้องประชุมศาลากลางจังหวัด" in text.replace("\r\n ", "")
    m.refresh_from_db()
    assert m.invitations_sent_at is not None


def test_invitations_for_a_past_date_are_refused(world, client_for, django_capture_on_commit_callbacks):
    m = schedule(world, days=-2)
    c = client_for(world.users["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(f"/meetings/{m.pk}/invite/", follow=True)
    assert "วันประชุมผ่านมาแล้ว ส่งหนังสือเชิญประชุมไม่ได้" in resp.content.decode()
    assert mail.outbox == []
    m.refresh_from_db()
    assert m.invitations_sent_at is None


def test_member_downloads_ics_from_my_meetings(world, client_for):
    m = schedule(world, days=5)
    c = client_for(world.users["member"])
    page = c.get("/meetings/mine/").content.decode()
    assert m.label in page and f"/meetings/{m.pk}/calendar.ics" in page
    resp = c.get(f"/meetings/{m.pk}/calendar.ics")
    assert resp["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in resp.content


def test_attendance_page_refuses_stand_in_for_present_member_and_keeps_nothing(world, client_for):
    m = held(world, present=0)
    member = world.seats["own"]["member"]
    chair = world.seats["own"]["chair"]
    c = client_for(world.users["secretariat"])
    resp = c.post(
        f"/meetings/{m.pk}/attendance/",
        {
            f"m{chair.pk}_status": AttendanceStatus.PRESENT,
            f"m{member.pk}_status": AttendanceStatus.PRESENT,
            f"m{member.pk}_name": "นายแทน ใจดี",
        },
    )
    assert resp.status_code == 200
    assert "มาประชุมด้วยตนเอง จะบันทึกผู้มาประชุมแทนไม่ได้" in resp.content.decode()
    assert Attendance.objects.get(meeting=m, member=chair).status == AttendanceStatus.ABSENT


def test_quorum_box_follows_the_form_before_saving(world, client_for):
    m = held(world, present=0)
    c = client_for(world.users["secretariat"])
    seats = [world.seats["own"]["chair"], world.seats["own"]["member"], world.seats["own"]["others"][0]]
    data = {f"m{s.pk}_status": AttendanceStatus.PRESENT for s in seats}
    resp = c.post(f"/meetings/{m.pk}/attendance/quorum/", data, HTTP_HX_REQUEST="true")
    html = resp.content.decode()
    assert "ครบองค์ประชุม" in html and "มาประชุม 3 จาก 6 คน" in html
    resp = c.post(f"/meetings/{m.pk}/attendance/quorum/", {f"m{seats[0].pk}_status": "present"})
    assert "ยังไม่ครบองค์ประชุม" in resp.content.decode()
    assert selectors.meeting_quorum(m).present == 0  # nothing saved


def test_guest_and_stand_in_appear_in_minutes(world, client_for):
    m = held(world, present=3)
    c = client_for(world.users["secretariat"])
    absent = world.seats["own"]["others"][2]
    c.post(
        f"/meetings/{m.pk}/attendance/",
        {
            f"m{absent.pk}_status": AttendanceStatus.STAND_IN,
            f"m{absent.pk}_name": "นางแทน ดีงาม",
            f"m{absent.pk}_position": "รองหัวหน้า",
        },
    )
    c.post(f"/meetings/{m.pk}/attendance/", {"action": "guest", "person_name": "นายแขก มาดี", "person_agency": "มูลนิธิ"})
    doc = selectors.minutes_document(m)
    assert any(p.name == "นางแทน ดีงาม" and p.note == f"มาประชุมแทน {absent.position}" for p in doc.present)
    assert [g.name for g in doc.guests] == ["นายแขก มาดี"]
    assert doc.title == "รายงานการประชุม" and doc.date_text.startswith("เมื่อวันที่ ")


def test_paper_that_lies_about_its_type_is_refused(world, client_for):
    m = schedule(world, days=3)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_INFORMATION, title="รายงาน"
    )
    c = client_for(world.users["secretariat"])
    fake = SimpleUploadedFile("รายงาน.pdf", b"MZ\x90\x00 this is a program")
    resp = c.post(f"/meetings/items/{item.pk}/", {"action": "paper", "file": fake})
    assert "ไฟล์นี้ไม่ใช่ PDF ตามที่ระบุในชื่อไฟล์" in resp.content.decode()
    assert not AgendaPaper.objects.exists()
    good = SimpleUploadedFile("รายงาน.pdf", b"%PDF-1.4\n%%EOF\n")
    c.post(f"/meetings/items/{item.pk}/", {"action": "paper", "file": good})
    paper = AgendaPaper.objects.get()
    assert "รายงาน" not in paper.file.name
    resp = client_for(world.users["member"]).get(f"/meetings/papers/{paper.pk}/")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    assert client_for(world.other_users["secretariat"]).get(f"/meetings/papers/{paper.pk}/").status_code == 404


def test_resolution_form_and_empty_text(world, client_for):
    m = held(world)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผน"
    )
    c = client_for(world.users["secretariat"])
    resp = c.post(f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": ""})
    assert "กรุณาระบุมติที่ประชุม" in resp.content.decode()
    assert not Resolution.objects.exists()
    c.post(f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": "เห็นชอบแผน"})
    assert Resolution.objects.get().text == "เห็นชอบแผน"


def _draft(world, c, m, version, text):
    item = m.agenda_items.get(parent__isnull=True, order=1)
    return c.post(
        f"/meetings/{m.pk}/minutes/edit/",
        {"version": version, "start_time": "13.30", f"i{item.pk}_discussion": text, f"i{item.pk}_resolution": "รับทราบ"},
    )


def test_second_save_from_the_same_version_is_refused_and_nothing_is_lost(world, client_for):
    m = held(world)
    a = client_for(world.users["secretariat"])
    assert _draft(world, a, m, 0, "ร่างแรก").status_code == 302
    m.refresh_from_db()
    assert m.state == MeetingState.MINUTES_DRAFTED
    # two editors open version 1
    assert _draft(world, a, m, 1, "ข้อความของคนแรก").status_code == 302
    resp = _draft(world, a, m, 1, "ข้อความของคนที่สอง")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "หลังจากที่ท่านเริ่มแก้ไขจากฉบับที่ 1" in html
    assert "ข้อความของคนที่สอง" in html  # the refused text is kept in the form
    assert "ข้อความของคนแรก" in html  # and what changed is shown
    minutes = Minutes.objects.get(meeting=m)
    assert minutes.version == 2
    assert list(minutes.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    resp = a.get(f"/meetings/{m.pk}/minutes/versions/?a=1&b=2")
    assert "ร่างแรก" in resp.content.decode() and "ข้อความของคนแรก" in resp.content.decode()


def test_circulate_comment_adopt_at_next_meeting_freezes(world, client_for, django_capture_on_commit_callbacks):
    sec = world.users["secretariat"]
    m = held(world)
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผน")
    services.record_resolution(actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="เห็นชอบ")
    services.save_minutes(actor=sec, meeting=m, content={"start_time": "13.30"}, base_version=0)
    c = client_for(sec)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/meetings/{m.pk}/do/circulate/")
    m.refresh_from_db()
    assert m.state == MeetingState.CIRCULATED
    assert len(mail.outbox) == 6 and "เวียนร่างรายงานการประชุม" in mail.outbox[0].subject
    member = client_for(world.users["member"])
    member.post(f"/meetings/{m.pk}/minutes/", {"text": "ขอแก้ชื่อหน่วยงานในวาระ 5.1"})
    assert "ขอแก้ชื่อหน่วยงาน" in member.get(f"/meetings/{m.pk}/minutes/").content.decode()
    later = schedule(world, days=20)
    item2 = later.agenda_items.get(parent__isnull=True, section_type=SectionType.ADOPT_MINUTES)
    assert item2.minutes_to_adopt == m
    resp = c.post(
        f"/meetings/{m.pk}/minutes/adopt/",
        {
            "method": AdoptionMethod.NEXT_MEETING,
            "adopted_on": thaidate.format_numeric(timezone.localdate()),
            "under_item": item2.pk,
        },
    )
    assert resp.status_code == 302
    m.refresh_from_db()
    minutes = Minutes.objects.get(meeting=m)
    assert m.state == MeetingState.ADOPTED and minutes.adopted_version == 1
    # frozen: services refuse, pages refuse, and the database refuses a raw change
    with pytest.raises(Exception, match="รับรองแล้ว"):
        services.save_minutes(actor=sec, meeting=m, content={}, base_version=1)
    with pytest.raises(Exception, match="รับรองแล้ว"):
        services.record_resolution(actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="")
    assert c.get(f"/meetings/{m.pk}/minutes/edit/").status_code == 404
    with pytest.raises(DatabaseError), transaction.atomic():
        Minutes.objects.filter(pk=minutes.pk).update(content={"x": 1})
    with pytest.raises(DatabaseError), transaction.atomic():
        MinutesVersion.objects.filter(minutes=minutes).update(text="x")
    assert "รับรองแล้วเมื่อวันที่" in c.get(f"/meetings/{m.pk}/minutes/").content.decode()


def test_adoption_under_an_earlier_meeting_is_refused(world, client_for):
    sec = world.users["secretariat"]
    earlier = schedule(world, days=-30)
    m = held(world)
    services.save_minutes(actor=sec, meeting=m, content={}, base_version=0)
    item2 = earlier.agenda_items.get(parent__isnull=True, section_type=SectionType.ADOPT_MINUTES)
    resp = client_for(sec).post(
        f"/meetings/{m.pk}/minutes/adopt/",
        {
            "method": AdoptionMethod.NEXT_MEETING,
            "adopted_on": thaidate.format_numeric(timezone.localdate()),
            "under_item": item2.pk,
        },
    )
    assert resp.status_code == 200
    m.refresh_from_db()
    assert m.state == MeetingState.MINUTES_DRAFTED


def test_resolution_search_is_scoped_and_thai(world, client_for):
    for province in ("own", "other"):
        users = world.users if province == "own" else world.other_users
        m = held(world, province=province)
        it = services.add_agenda_item(
            actor=users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title=f"แผน {province}"
        )
        services.record_resolution(
            actor=users["secretariat"], agenda_item=it, outcome=ResolutionOutcome.APPROVED, text="เห็นชอบแผนปฏิบัติการ"
        )
    html = client_for(world.users["member"]).get("/meetings/resolutions/?q=แผนปฏิบัติ").content.decode()
    assert "แผน own" in html and "แผน other" not in html
    assert len(selectors.resolutions_search(world.users["national"], q="แผนปฏิบัติ")) == 2


def _grow_meetings(world):
    sec = world.users["secretariat"]

    def grow(n):
        while Meeting.objects.filter(subcommittee=world.own_sc).count() < n:
            schedule(world, days=-(Meeting.objects.count() + 1) * 3, actor=sec)

    return grow


def test_list_query_count_is_constant(world, client_for):
    c = client_for(world.users["national"])
    assert_constant_queries(c, "/meetings/", _grow_meetings(world))


def test_detail_and_agenda_query_counts_are_constant(world, client_for):
    m = held(world)
    sec = world.users["secretariat"]

    def grow(n):
        while m.agenda_items.filter(parent__isnull=False).count() < n:
            it = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_INFORMATION, title="เรื่อง")
            services.record_resolution(actor=sec, agenda_item=it, outcome=ResolutionOutcome.ACKNOWLEDGED, text="รับทราบ")
            services.add_guest(actor=sec, meeting=m, name="แขก")

    c = client_for(sec)
    for url in (
        f"/meetings/{m.pk}/",
        f"/meetings/{m.pk}/agenda/",
        f"/meetings/{m.pk}/minutes/",
        f"/meetings/{m.pk}/minutes/edit/",
    ):
        assert_constant_queries(c, url, grow)


def test_resolution_search_and_my_meetings_query_counts(world, client_for):
    sec = world.users["secretariat"]
    grow_meetings = _grow_meetings(world)

    def grow(n):
        grow_meetings(n)
        for m in Meeting.objects.filter(subcommittee=world.own_sc, state=MeetingState.SCHEDULED)[:n]:
            if m.starts_at < timezone.now():
                m = services.fire_transition(actor=sec, meeting=m, name="hold")
                it = m.agenda_items.get(parent__isnull=True, order=1)
                if not Resolution.objects.filter(agenda_item=it).exists():
                    services.record_resolution(actor=sec, agenda_item=it, outcome="acknowledged", text="รับทราบแผน")

    assert_constant_queries(client_for(world.users["member"]), "/meetings/resolutions/?q=แผน", grow)
    assert_constant_queries(client_for(world.users["member"]), "/meetings/mine/", grow)


def test_no_one_sees_other_provinces_meetings(world, client_for):
    other = schedule(world, days=5, province="other")
    own = schedule(world, days=5)
    for role in ("secretariat", "chair", "member", "viewer", "proposer"):
        c = client_for(world.users[role])
        assert c.get(f"/meetings/{other.pk}/").status_code == 404
        assert other.place not in c.get("/meetings/").content.decode() or other.place == own.place
        assert f"/meetings/{other.pk}/" not in c.get("/meetings/").content.decode()
    assert at(0) is not None


def test_autosave_returns_the_new_version_and_refuses_a_stale_one(world, client_for):
    m = held(world)
    c = client_for(world.users["secretariat"])
    item = m.agenda_items.get(parent__isnull=True, order=1)
    data = {"version": 0, f"i{item.pk}_discussion": "พิมพ์อยู่"}
    resp = c.post(f"/meetings/{m.pk}/minutes/edit/", data, HTTP_HX_REQUEST="true")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "บันทึกอัตโนมัติเป็นฉบับที่ 1" in html and 'value="1" id="id_version" hx-swap-oob="true"' in html
    resp = c.post(f"/meetings/{m.pk}/minutes/edit/", data, HTTP_HX_REQUEST="true")
    assert "หลังจากที่ท่านเริ่มแก้ไขจากฉบับที่ 0" in resp.content.decode()
    assert Minutes.objects.get(meeting=m).version == 1


def test_adoption_at_the_same_meeting_and_by_circulation(world, client_for):
    sec = world.users["secretariat"]
    for method in (AdoptionMethod.SAME_MEETING, AdoptionMethod.CIRCULATION):
        m = held(world)
        services.save_minutes(actor=sec, meeting=m, content={}, base_version=0)
        day = timezone.localtime(m.starts_at).date()
        resp = client_for(world.users["chair"]).post(
            f"/meetings/{m.pk}/minutes/adopt/",
            {"method": method, "adopted_on": thaidate.format_numeric(day - dt.timedelta(days=1))},
        )
        assert "วันที่รับรองต้องไม่ก่อนวันประชุม" in resp.content.decode()
        resp = client_for(world.users["chair"]).post(
            f"/meetings/{m.pk}/minutes/adopt/", {"method": method, "adopted_on": thaidate.format_numeric(day)}
        )
        assert resp.status_code == 302
        minutes = Minutes.objects.get(meeting=m)
        assert (minutes.adoption_method, minutes.adopted_on, minutes.adopted_under_item) == (method, day, None)


def test_documents_follow_form_eleven_order(world):
    sec = world.users["secretariat"]
    m = held(world, present=4)
    a = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_INFORMATION, title="ก")
    b = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_INFORMATION, title="ข")
    services.record_resolution(actor=sec, agenda_item=b, outcome=ResolutionOutcome.ACKNOWLEDGED, text="รับทราบ ข")
    doc = selectors.minutes_document(m)
    numbers = [it.number for it in doc.items]
    assert numbers == [
        "ระเบียบวาระที่ 1",
        "ระเบียบวาระที่ 2",
        "ระเบียบวาระที่ 3",
        "ระเบียบวาระที่ 4",
        "4.1",
        "4.2",
        "ระเบียบวาระที่ 5",
        "ระเบียบวาระที่ 6",
    ]
    assert doc.items[5].resolution == "รับทราบ ข"
    assert len(doc.present) == 4 and len(doc.absent) == 2
    text = selectors.minutes_text(m, selectors.initial_minutes_content(m))
    order = ["รายงานการประชุม", "ครั้งที่", "เมื่อวันที่", "ณ ", "ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา"]
    order += ["มติที่ประชุม", "เลิกประชุมเวลา", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม"]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)
    agenda_doc = selectors.agenda_document(m)
    assert [e.number for e in agenda_doc.entries][3:6] == ["ระเบียบวาระที่ 4", "4.1", "4.2"]
    assert agenda_doc.entries[4].title == a.title


def test_item_attendance_and_versions_pages_query_counts(world, client_for):
    m = held(world)
    sec = world.users["secretariat"]
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="x")
    from tests.factories import MemberFactory

    def grow(n):
        while Minutes.objects.filter(meeting=m).first() is None or Minutes.objects.get(meeting=m).version < n:
            current = Minutes.objects.filter(meeting=m).first()
            services.save_minutes(
                actor=sec, meeting=m, content={"opening": str(n)}, base_version=current.version if current else 0
            )
        while m.subcommittee.members.count() < n + 6:
            member = MemberFactory(subcommittee=m.subcommittee)
            services.declare_conflict(actor=sec, agenda_item=item, member=member, reason="ญาติ")
            services.add_paper(actor=sec, agenda_item=item, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))

    c = client_for(sec)
    for url in (
        f"/meetings/items/{item.pk}/",
        f"/meetings/{m.pk}/attendance/",
        f"/meetings/{m.pk}/minutes/versions/?a=1&b=2",
    ):
        assert_constant_queries(c, url, grow)


def test_cancelling_an_invited_meeting_tells_members(world, client_for, django_capture_on_commit_callbacks):
    m = schedule(world, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(actor=world.users["secretariat"], meeting=m)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client_for(world.users["chair"]).post(f"/meetings/{m.pk}/do/cancel/", {"reason": "ติดภารกิจเร่งด่วน"})
    assert resp.status_code == 302
    assert len(mail.outbox) == 6 and mail.outbox[0].subject.startswith("แจ้งยกเลิกการประชุม")
    ics = mail.outbox[0].attachments[0][1]
    assert "METHOD:CANCEL" in (ics.decode() if isinstance(ics, bytes) else ics)
    listing = client_for(world.users["member"]).get("/meetings/").content.decode()
    assert m.label in listing and "ยกเลิก" in listing


def test_cancel_needs_a_reason(world, client_for):
    m = schedule(world, days=5)
    resp = client_for(world.users["secretariat"]).post(f"/meetings/{m.pk}/do/cancel/", {"reason": ""})
    assert "กรุณาระบุเหตุผล" in resp.content.decode()
    m.refresh_from_db()
    assert m.state == MeetingState.SCHEDULED


def test_edit_meeting_keeps_its_number_and_refuses_another_year(world, client_for):
    m = schedule(world, days=5)
    c = client_for(world.users["secretariat"])
    day = timezone.localtime(m.starts_at).date()
    resp = c.post(
        f"/meetings/{m.pk}/edit/",
        {
            "date": thaidate.format_numeric(day),
            "time": "09.00",
            "place": "ห้องประชุมใหม่",
            "online_link": "https://meet.example.go.th/x",
        },
    )
    assert resp.status_code == 302
    m.refresh_from_db()
    assert (m.place, timezone.localtime(m.starts_at).hour, m.number) == ("ห้องประชุมใหม่", 9, 1)
    resp = c.post(
        f"/meetings/{m.pk}/edit/",
        {"date": thaidate.format_numeric(day.replace(year=day.year + 2)), "time": "09.00", "place": "x"},
    )
    assert "กรุณายกเลิกการประชุมนี้แล้วนัดประชุมใหม่" in resp.content.decode()
    m.refresh_from_db()
    assert m.place == "ห้องประชุมใหม่"


def test_agenda_page_adds_swaps_and_links_minutes(world, client_for):
    earlier = schedule(world, days=-40)
    m = schedule(world, days=5)
    c = client_for(world.users["secretariat"])
    resp = c.post(f"/meetings/{m.pk}/agenda/", {"action": "add", "section_type": "for_information", "title": ""})
    assert resp.status_code == 200
    assert not m.agenda_items.filter(parent__isnull=False).exists()
    c.post(f"/meetings/{m.pk}/agenda/", {"action": "add", "section_type": "for_information", "title": "รายงานผล"})
    c.post(f"/meetings/{m.pk}/agenda/", {"action": "swap"})
    sections = dict(m.agenda_items.filter(parent__isnull=True).values_list("section_type", "order"))
    assert sections[SectionType.FOR_INFORMATION] == 3
    assert m.agenda_items.get(title="รายงานผล").number == "3.1"
    item2 = m.agenda_items.get(parent__isnull=True, section_type=SectionType.ADOPT_MINUTES)
    assert item2.minutes_to_adopt == earlier
    c.post(f"/meetings/items/{item2.pk}/", {"action": "edit", "title": "รับรองรายงาน", "minutes_to_adopt": ""})
    item2.refresh_from_db()
    assert (item2.title, item2.minutes_to_adopt) == ("รับรองรายงาน", None)


def test_readers_cannot_write(world, client_for):
    m = held(world)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="x"
    )
    for role in ("member", "viewer", "national"):
        c = client_for(world.users[role])
        assert c.post(f"/meetings/{m.pk}/attendance/", {}).status_code == 404
        resp = c.post(f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": "x"})
        assert resp.status_code == 404
        assert c.post(f"/meetings/{m.pk}/agenda/", {"action": "swap"}).status_code == 404
        assert c.post(f"/meetings/{m.pk}/minutes/edit/", {"version": 0}).status_code == 404
    other = client_for(world.other_users["secretariat"])
    assert (
        other.post(
            f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": "x"}
        ).status_code
        == 404
    )
    assert not Resolution.objects.exists()


def test_minutes_times_are_checked_and_the_text_kept(world, client_for):
    m = held(world)
    c = client_for(world.users["secretariat"])
    resp = c.post(f"/meetings/{m.pk}/minutes/edit/", {"version": 0, "start_time": "บ่ายโมงครึ่ง", "opening": "เปิดประชุม"})
    html = resp.content.decode()
    assert "กรุณากรอกเวลาเป็น ชช.นน เช่น 13.30" in html and "เปิดประชุม" in html
    assert not Minutes.objects.filter(meeting=m, version__gt=0).exists()
    c.post(f"/meetings/{m.pk}/minutes/edit/", {"version": 0, "start_time": "13:30 น.", "end_time": "16.00"})
    assert Minutes.objects.get(meeting=m).content["start_time"] == "13.30"
    assert selectors.minutes_document(m).start_time == "13.30 น."


def test_member_comments_on_an_item_and_the_editor_returns_to_it(world, client_for):
    sec = world.users["secretariat"]
    m = held(world)
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผน")
    c = client_for(sec)
    resp = c.post(f"/meetings/{m.pk}/minutes/edit/", {"version": 0, "anchor": f"i{item.pk}"})
    assert resp["Location"].endswith(f"/minutes/edit/#i{item.pk}")
    resp = c.post(f"/meetings/{m.pk}/minutes/edit/", {"version": 1, "anchor": "javascript:alert(1)"})
    assert resp["Location"].endswith("/minutes/edit/")
    services.fire_transition(actor=sec, meeting=m, name="circulate")
    member = client_for(world.users["member"])
    assert f'value="{item.pk}"' in member.get(f"/meetings/{m.pk}/minutes/").content.decode()
    member.post(f"/meetings/{m.pk}/minutes/", {"agenda_item": item.pk, "text": "ขอแก้ตัวเลข"})
    comment = MinutesComment.objects.get()
    assert (comment.agenda_item, comment.version_number, comment.author) == (item, 2, world.users["member"])
    assert "ระเบียบวาระที่ 5.1" in member.get(f"/meetings/{m.pk}/minutes/").content.decode()
    # a viewer reads the minutes but may not comment
    resp = client_for(world.users["viewer"]).post(f"/meetings/{m.pk}/minutes/", {"text": "x"})
    assert resp.status_code == 404 and MinutesComment.objects.count() == 1
