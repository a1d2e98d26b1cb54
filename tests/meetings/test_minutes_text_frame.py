"""The minutes' text kept with each autosaved version (issue #12): its frame (heading, who came, item
headings, recusals) is kept in the cache until the data behind it changes, and every version's text is
still the whole text the data and the draft give, change after change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from committees.choices import Role
from meetings import selectors, services
from meetings.models import Minutes, MinutesVersion
from meetings.selectors.minutes_docs import minutes_document
from reports.documents import freshness
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _reference_text(meeting, content) -> str:
    """The text as it was built before the frame was kept: everything read from the database."""
    with translation.override("th"):
        doc = minutes_document(meeting, content=content, sections=selectors.agenda(meeting), for_text=True)
    lines = [f"{doc.title}{doc.body_name}", doc.number_label, doc.date_text, doc.place]
    if doc.chair:
        lines.append(f"{doc.chair.note} {doc.chair.name} {doc.chair.position}")
    lines += ["", "ผู้มาประชุม"]
    lines += [f"{i}. {p.name} {p.position} {p.note}".rstrip() for i, p in enumerate(doc.present, 1)]
    if doc.absent:
        lines += ["", "ผู้ไม่มาประชุม"]
        lines += [
            f"{i}. {p.name} {p.position} ({p.note})" if p.note else f"{i}. {p.name} {p.position}"
            for i, p in enumerate(doc.absent, 1)
        ]
    if doc.guests:
        lines += ["", "ผู้เข้าร่วมประชุม"]
        lines += [f"{i}. {p.name} {p.position}".rstrip() for i, p in enumerate(doc.guests, 1)]
    lines += ["", f"เริ่มประชุมเวลา {doc.start_time}", doc.opening]
    for it in doc.items:
        lines += ["", f"{it.number} {it.title}"]
        if it.discussion:
            lines += it.discussion.splitlines()
        lines += it.recusals
        if it.resolution:
            lines.append("มติที่ประชุม")
            lines += it.resolution.splitlines()
    lines += ["", f"เลิกประชุมเวลา {doc.end_time}", ""]
    lines += [f"{doc.recorder.name}", f"{doc.recorder.position}", "ผู้จดรายงานการประชุม", ""]
    lines += [f"{doc.checker.name}", f"{doc.checker.position}", "ผู้ตรวจรายงานการประชุม"]
    return "\n".join(lines)


class Desk:
    """The secretariat at the minutes editor, autosaving (htmx) from the version it got back."""

    def __init__(self, world, client_for, meeting):
        self.meeting, self.client = meeting, client_for(world.users[Role.SECRETARIAT])
        self.url = f"/meetings/{meeting.pk}/minutes/edit/"
        self.items = list(selectors.agenda_items_flat(meeting))
        self.version, self.n = 0, 0

    def save(self):
        self.n += 1
        data = {"version": self.version, "start_time": "09.30", "end_time": "12.00", "opening": f"เปิด {self.n}"}
        for i, it in enumerate(self.items):
            data[f"i{it.pk}_discussion"] = f"สรุป {it.title} ฉบับ {self.n}\nบรรทัดที่สอง" if i % 2 else ""
        with CaptureQueriesContext(connection) as ctx:
            resp = self.client.post(self.url, data, **HTMX)
        assert resp.status_code == 200 and "บันทึกอัตโนมัติเป็นฉบับที่" in resp.content.decode(), resp.content
        minutes = Minutes.objects.get(meeting=self.meeting)
        self.version = minutes.version
        stored = MinutesVersion.objects.get(minutes=minutes, number=minutes.version)
        self.meeting.refresh_from_db()
        assert stored.text == _reference_text(self.meeting, minutes.content)
        return stored.text, [q["sql"] for q in ctx.captured_queries]


def _reads(sqls, table):
    return [s for s in sqls if f'FROM "{table}"' in s]


def test_a_kept_frame_spares_the_attendance_and_the_conflicts(world, client_for):
    desk = Desk(world, client_for, held(world))
    desk.save()  # the first save drafts the minutes
    _text, first = desk.save()
    _text, second = desk.save()
    assert not _reads(second, "meetings_attendance") and not _reads(second, "meetings_conflictofinterest")
    assert len(second) <= len(first)


def test_each_change_behind_the_frame_is_in_the_next_version(world, client_for):
    meeting = held(world)
    sec = world.users[Role.SECRETARIAT]
    desk = Desk(world, client_for, meeting)
    desk.save()
    desk.save()
    # a guest recorded
    services.add_guest(actor=sec, meeting=meeting, name="นางสาวผู้เข้าร่วม ทดสอบ", position="นักวิชาการ")
    text, _ = desk.save()
    assert "นางสาวผู้เข้าร่วม ทดสอบ นักวิชาการ" in text
    # a conflict of interest declared on an item
    member = world.seats["own"]["member"]
    item = next(it for it in desk.items if it.parent_id is None)
    services.declare_conflict(actor=sec, agenda_item=item, member=member, reason="เป็นกรรมการของผู้เสนอ")
    text, _ = desk.save()
    assert f"{member.full_name} ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย" in text
    # a member renamed, the meeting's place changed
    member.full_name = "นายเปลี่ยนชื่อ ใหม่"
    member.save()
    meeting.place = "ห้องประชุมใหม่ ชั้น 9"
    meeting.save()
    text, _ = desk.save()
    assert "นายเปลี่ยนชื่อ ใหม่" in text and "ณ ห้องประชุมใหม่ ชั้น 9" in text
    # an item's title changed
    item.title = "หัวข้อที่แก้แล้ว"
    item.save()
    text, _ = desk.save()
    assert "หัวข้อที่แก้แล้ว" in text


def test_sections_renumbered_by_update_give_a_new_frame(world):
    meeting = schedule(world, days=7)
    sections = lambda: selectors.agenda(meeting, papers=False)  # noqa: E731
    before = selectors.minutes_text_frame(meeting, sections)
    services.swap_sections(actor=world.users[Role.SECRETARIAT], meeting=meeting)
    after = selectors.minutes_text_frame(meeting, sections)
    assert after != before and after == selectors.text_frame(meeting, sections())


def test_with_the_cache_down_every_version_is_still_the_whole_text(world, client_for, monkeypatch):
    monkeypatch.setattr(freshness, "versions", lambda labels: None)  # as when the cache does not answer
    desk = Desk(world, client_for, held(world))
    desk.save()
    desk.save()
    services.add_guest(actor=world.users[Role.SECRETARIAT], meeting=desk.meeting, name="นายแขก รับเชิญ")
    text, sqls = desk.save()
    assert "นายแขก รับเชิญ" in text and _reads(sqls, "meetings_attendance")
