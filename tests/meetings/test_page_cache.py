"""The meeting page's kept body (issue #12): every kind of change it shows is seen on the next request,
the buttons stay per reader, no province sees another's meeting, Thai and English are kept apart, and a
lost cache only costs the drawing."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from committees import services as committee_services
from core import thaidate
from meetings import services
from meetings.choices import AttendanceStatus, SectionType
from meetings.models import AgendaItem, Attendance
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def _page(c, m) -> str:
    """The page, less its per-request CSRF tokens."""
    resp = c.get(f"/meetings/{m.pk}/")
    assert resp.status_code == 200
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", resp.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _section_line(html: str, title: str) -> str:
    """The agenda line of the section titled ``title`` (its number and its link)."""
    end = html.index(f">{title}</a>")
    return html[html.rindex("<strong>", 0, end) : end]


def test_a_scheduled_meetings_changes_show_on_the_next_request(world, client_for):
    m = schedule(world, days=5)
    sec = client_for(world.users["secretariat"])
    reader = client_for(world.users["member"])
    _page(reader, m)  # the reader's user and access read and kept
    m.save()  # a new fingerprint: the body is drawn again
    drawn, kept = [], []
    with connection.execute_wrapper(lambda execute, sql, *a: drawn.append(sql) or execute(sql, *a)):
        first = _page(reader, m)
    assert "ห้องประชุมศาลากลางจังหวัด" in first
    with connection.execute_wrapper(lambda execute, sql, *a: kept.append(sql) or execute(sql, *a)):
        assert _page(reader, m) == first  # kept: the same page
    assert _page(client_for(world.users["chair"]), m).count("ห้องประชุมศาลากลางจังหวัด") == 2  # nav and details
    assert len(drawn) == 7  # as many as before the body was kept
    # kept: one query of the page's own (the meeting, the minutes' version and the body's fingerprint)
    assert sum("meetings_" in sql for sql in kept) == 1 and len(kept) <= 2

    # the details (a form through the page)
    day = timezone.localtime(m.starts_at).date()
    resp = sec.post(
        f"/meetings/{m.pk}/edit/",
        {"date": thaidate.format_numeric(day), "time": "09.00", "place": "ห้องประชุมใหม่", "online_link": ""},
    )
    assert resp.status_code == 302
    html = _page(reader, m)
    assert "ห้องประชุมใหม่" in html and "ห้องประชุมศาลากลางจังหวัด" not in html and "09.00" in html

    # a new agenda item
    sec.post(f"/meetings/{m.pk}/agenda/", {"action": "add", "section_type": "for_information", "title": "รายงานผลใหม่"})
    assert "รายงานผลใหม่" in _page(reader, m)

    # sections 3 and 4 swapped (written by QuerySet.update, no signal)
    info = m.agenda_items.get(parent__isnull=True, section_type=SectionType.FOR_INFORMATION)
    before = _section_line(_page(reader, m), info.title)
    sec.post(f"/meetings/{m.pk}/agenda/", {"action": "swap"})
    after = _section_line(_page(reader, m), info.title)
    assert before != after and "ระเบียบวาระที่ 3" in after

    # a paper attached, then taken off
    item = m.agenda_items.get(title="รายงานผลใหม่")
    assert "bi-paperclip" not in _page(reader, m)
    sec.post(
        f"/meetings/items/{item.pk}/",
        {"action": "paper", "file": SimpleUploadedFile("รายงาน.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert "bi-paperclip" in _page(reader, m)
    paper = item.papers.get()
    sec.post(f"/meetings/items/{item.pk}/", {"action": "remove_paper", "paper": paper.pk})
    assert "bi-paperclip" not in _page(reader, m)

    # a sub-item withdrawn (the later ones move up by QuerySet.update)
    sec.post(f"/meetings/{m.pk}/agenda/", {"action": "add", "section_type": "for_information", "title": "เรื่องที่สอง"})
    assert "3.2 <a" in _page(reader, m)
    sec.post(f"/meetings/items/{item.pk}/", {"action": "withdraw", "reason": "ไม่ทันการประชุม"})
    html = _page(reader, m)
    assert f'3.1 <a href="/meetings/items/{m.agenda_items.get(title="เรื่องที่สอง").pk}/"' in html

    # cancelled: the state and the reason
    sec.post(f"/meetings/{m.pk}/do/cancel/", {"reason": "ผู้ว่าราชการติดภารกิจ"})
    html = _page(reader, m)
    assert "ผู้ว่าราชการติดภารกิจ" in html and "text-bg-danger" in html


def test_a_held_meetings_attendance_resolutions_and_names_show_on_the_next_request(world, client_for):
    m = held(world, present=2)
    sec = client_for(world.users["secretariat"])
    reader = client_for(world.users["member"])
    assert "มาประชุม 2 จาก 6 คน" in _page(reader, m)

    # attendance through the page: the list and the quorum
    absent = world.seats["own"]["others"][2]
    sec.post(
        f"/meetings/{m.pk}/attendance/",
        {
            f"m{absent.pk}_status": AttendanceStatus.STAND_IN,
            f"m{absent.pk}_name": "นางแทน ดีงาม",
            f"m{absent.pk}_position": "รองหัวหน้า",
        },
    )
    html = _page(reader, m)
    assert "นางแทน ดีงาม" in html and "มาประชุม 3 จาก 6 คน" in html

    # a resolution recorded on the item page
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผนงานใหม่"
    )
    assert "แผนงานใหม่" in _page(reader, m)
    sec.post(f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": "เห็นชอบแผน"})
    line = _page(reader, m).split(">แผนงานใหม่</a>")[1].split("</li>")[0]
    assert "เห็นชอบ" in line and "badge" in line

    # a member's name changed (a service of another app), then an attendance row changed without a signal
    committee_services.update_member(actor=world.users["secretariat"], member=absent, full_name="นายชื่อใหม่ ทดสอบ")
    assert "นายชื่อใหม่ ทดสอบ" in _page(reader, m)
    Attendance.objects.filter(meeting=m, member=world.seats["own"]["chair"]).update(status=AttendanceStatus.ABSENT)
    assert "มาประชุม 2 จาก 6 คน" in _page(reader, m)

    # an item's title changed by QuerySet.update
    AgendaItem.objects.filter(pk=item.pk).update(title="ชื่อวาระที่แก้")
    assert "ชื่อวาระที่แก้" in _page(reader, m)


def test_the_buttons_stay_per_reader_and_follow_the_minutes(world, client_for):
    m = held(world)
    sec = client_for(world.users["secretariat"])
    reader = client_for(world.users["member"])
    body = _page(reader, m)
    assert "ร่างรายงานการประชุม</a>" not in body and "บันทึกการเข้าประชุม</a>" not in body
    html = _page(sec, m)  # the same kept body, the secretariat's buttons
    assert "ร่างรายงานการประชุม</a>" in html and "บันทึกการเข้าประชุม</a>" in html
    assert "เวียนร่างรายงานการประชุมให้อนุกรรมการ" not in html
    assert "ร่างรายงานการประชุม</a>" not in _page(reader, m)
    # the first saved draft: the meeting moves on and the secretariat may circulate it
    section = m.agenda_items.get(parent__isnull=True, order=1)
    resp = sec.post(
        f"/meetings/{m.pk}/minutes/edit/",
        {"version": 0, "start_time": "13.30", f"i{section.pk}_discussion": "ร่าง", f"i{section.pk}_resolution": "ทราบ"},
    )
    assert resp.status_code == 302
    html = _page(sec, m)
    assert "เวียนร่างรายงานการประชุมให้อนุกรรมการ" in html and "บันทึกการรับรองรายงานการประชุม</a>" in html
    assert "เวียนร่างรายงานการประชุมให้อนุกรรมการ" not in _page(reader, m)


def test_no_province_sees_anothers_meeting_and_each_sees_its_own(world, client_for):
    own = schedule(world, days=5, place="ห้องจังหวัดเรา")
    other = schedule(world, days=5, province="other", place="ห้องจังหวัดอื่น")
    national = client_for(world.users["national"])
    assert "ห้องจังหวัดเรา" in _page(national, own) and "ห้องจังหวัดอื่น" in _page(national, other)
    assert world.own.name_th in _page(national, own) and world.other.name_th in _page(national, other)
    # both bodies are kept now; the other province's readers still get the same 404 as a missing meeting
    for user in world.other_users.values():
        if user.access.readable_province_ids() is not None:
            assert client_for(user).get(f"/meetings/{own.pk}/").status_code == 404
    assert client_for(world.users["secretariat"]).get(f"/meetings/{other.pk}/").status_code == 404
    assert client_for(world.users["secretariat"]).get("/meetings/999999/").status_code == 404
    html = _page(client_for(world.other_users["secretariat"]), other)
    assert "ห้องจังหวัดอื่น" in html and "ห้องจังหวัดเรา" not in html


def test_thai_and_english_are_kept_apart(world, client_for):
    m = held(world)
    c = client_for(world.users["member"])
    thai = _page(c, m)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _page(c, m)
    assert "ระเบียบวาระการประชุม</h2>" in thai and "ระเบียบวาระการประชุม</h2>" not in english
    assert "การเข้าประชุม</h2>" not in english
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    assert _page(c, m) == thai


@override_settings(CACHES=DOWN)
def test_with_the_cache_down_the_page_is_drawn_and_current(world, client_for):
    m = schedule(world, days=5)
    sec = client_for(world.users["secretariat"])
    assert "ห้องประชุมศาลากลางจังหวัด" in _page(sec, m)
    sec.post(f"/meetings/{m.pk}/agenda/", {"action": "add", "section_type": "for_information", "title": "ระหว่างแคชล่ม"})
    html = _page(sec, m)
    assert "ระหว่างแคชล่ม" in html and "แก้ไขรายละเอียด</a>" in html
    assert client_for(world.other_users["secretariat"]).get(f"/meetings/{m.pk}/").status_code == 404
