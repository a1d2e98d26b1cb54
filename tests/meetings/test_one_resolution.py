"""One resolution text everywhere; recusals and the chair's capacity in the minutes."""

from django.template.loader import render_to_string
from django.utils import timezone

from core import thaidate
from meetings import selectors, services
from meetings.choices import ResolutionOutcome, SectionType
from meetings.models import ConflictOfInterest, Meeting, Resolution, ResolutionWording
from tests.meetings.helpers import held


def _item_with_resolution(world, text="ที่ประชุมมีมติเห็นชอบ"):
    sec = world.users["secretariat"]
    m = held(world, present=5)
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณา ก")
    services.record_resolution(actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=text)
    return m, item


def _save(client, m, item, version, resolution):
    return client.post(
        f"/meetings/{m.pk}/minutes/edit/",
        {"version": version, "start_time": "13.30", f"i{item.pk}_resolution": resolution},
    )


def test_a_correction_in_the_minutes_is_the_one_text_everywhere_until_adopted(world, client_for):
    m, item = _item_with_resolution(world)
    sec = client_for(world.users["secretariat"])
    # the editor starts from the recorded text
    assert "ที่ประชุมมีมติเห็นชอบ" in sec.get(f"/meetings/{m.pk}/minutes/edit/").content.decode()
    assert _save(sec, m, item, 0, "ที่ประชุมมีมติเห็นชอบ โดยให้ปรับกิจกรรมตามข้อสังเกต").status_code == 302
    res = Resolution.objects.get(agenda_item=item)
    assert res.text == "ที่ประชุมมีมติเห็นชอบ โดยให้ปรับกิจกรรมตามข้อสังเกต"
    wordings = list(ResolutionWording.objects.filter(resolution=res).values_list("text", "source"))
    assert wordings == [
        ("ที่ประชุมมีมติเห็นชอบ", "record"),
        ("ที่ประชุมมีมติเห็นชอบ โดยให้ปรับกิจกรรมตามข้อสังเกต", "minutes"),
    ]
    page = sec.get(f"/meetings/items/{item.pk}/").content.decode()
    assert "โดยให้ปรับกิจกรรมตามข้อสังเกต" in page and 'data-testid="resolution-draft"' in page
    assert 'data-testid="wordings"' in page
    search = sec.get("/meetings/resolutions/?q=ปรับกิจกรรม").content.decode()
    assert "โดยให้ปรับกิจกรรมตามข้อสังเกต" in search
    doc = selectors.minutes_document(m)
    assert "โดยให้ปรับกิจกรรมตามข้อสังเกต" in next(it.resolution for it in doc.items if it.title == "พิจารณา ก")
    pdf_html = render_to_string("pdf/minutes.html", selectors.minutes_for_report(m))
    assert "โดยให้ปรับกิจกรรมตามข้อสังเกต" in pdf_html
    # a change made on the item page reaches the minutes too
    services.record_resolution(
        actor=world.users["secretariat"], agenda_item=item, outcome="approved", text="ที่ประชุมมีมติเห็นชอบตามที่เสนอ"
    )
    assert "ที่ประชุมมีมติเห็นชอบตามที่เสนอ" in sec.get(f"/meetings/{m.pk}/minutes/").content.decode()
    # adoption freezes it
    day = timezone.localtime(m.starts_at).date()
    resp = client_for(world.users["chair"]).post(
        f"/meetings/{m.pk}/minutes/adopt/", {"method": "same_meeting", "adopted_on": thaidate.format_numeric(day)}
    )
    assert resp.status_code == 302
    page = sec.get(f"/meetings/items/{item.pk}/").content.decode()
    assert 'data-testid="resolution-draft"' not in page
    resp = sec.post(f"/meetings/items/{item.pk}/", {"action": "resolution", "outcome": "approved", "text": "อื่น"})
    assert resp.status_code in (200, 404)  # refused either way (the form is gone once adopted)
    assert Resolution.objects.get(agenda_item=item).text == "ที่ประชุมมีมติเห็นชอบตามที่เสนอ"


def test_recusals_are_written_under_the_item_in_the_minutes_and_pdf(world, client_for):
    m, item = _item_with_resolution(world)
    member = world.seats["own"]["member"]
    ConflictOfInterest.objects.create(agenda_item=item, member=member, reason="เป็นกรรมการขององค์กรผู้เสนอ")
    line = f"{member.full_name} ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย"
    page = client_for(world.users["member"]).get(f"/meetings/{m.pk}/minutes/").content.decode()
    assert line in page
    assert line in render_to_string("pdf/minutes.html", selectors.minutes_for_report(m))
    assert line in selectors.minutes_text(m, {})


def test_the_chairs_capacity_on_the_meeting_page_and_in_the_minutes(world, client_for):
    m = held(world)
    Meeting.objects.filter(pk=m.pk).update(chair_capacity="vice_governor")  # set-up: a vice governor acted
    m.refresh_from_db()
    page = client_for(world.users["member"]).get(f"/meetings/{m.pk}/").content.decode()
    assert "ในฐานะรองผู้ว่าราชการจังหวัด (ปฏิบัติราชการแทน)" in page
    doc = selectors.minutes_document(m)
    assert doc.chair.note == "ประธานในที่ประชุม ในฐานะรองผู้ว่าราชการจังหวัด (ปฏิบัติราชการแทน)"
    assert doc.chair.note in render_to_string("pdf/minutes.html", selectors.minutes_for_report(m))
    assert doc.chair.note in client_for(world.users["member"]).get(f"/meetings/{m.pk}/minutes/").content.decode()
