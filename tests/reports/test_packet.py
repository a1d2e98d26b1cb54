"""The meeting packet: agenda, minutes to adopt and papers in one bookmarked PDF, numbered once."""

import io

import pytest
from pypdf import PdfReader

from committees.choices import Role
from committees.models import Member
from meetings.models import AgendaItem
from reports import services
from reports.choices import JobState, ReportKind
from reports.models import ReportJob
from tests.reports.helpers import add_meeting, pdf_text, read_file, squeeze
from tests.reports.packet_helpers import add_paper, blank_pdf, encrypted_pdf, text_pdf

pytestmark = pytest.mark.django_db


def _packet(world, meeting, capture):
    target = services.target_for(ReportKind.PACKET, object_id=meeting.pk)
    with capture(execute=True):
        job, _ = services.request_report(actor=world.users[Role.SECRETARIAT], target=target)
    job.refresh_from_db()
    return job


def test_packet_binds_agenda_minutes_and_papers_in_order_and_survives_bad_papers(
    world, django_capture_on_commit_callbacks, settings
):
    settings.REPORTS_PACKET_MAX_PAGES = 300
    members = Member.objects.filter(subcommittee=world.own_sc)
    first = add_meeting(world.own_sc, number=1, members=members)
    second = add_meeting(world.own_sc, number=2, members=members)
    AgendaItem.objects.create(
        meeting=second, section_type="adopt_minutes", order=2, title="เรื่องรับรองรายงานการประชุม", minutes_to_adopt=first
    )
    items = list(AgendaItem.objects.filter(meeting=second, parent__isnull=False).order_by("order"))
    add_paper(items[1], "later.pdf", text_pdf(2, "เอกสารวาระห้าสอง"))
    add_paper(items[0], "first.pdf", text_pdf(3, "เอกสารวาระห้าหนึ่ง"))
    add_paper(items[0], "broken.pdf", b"%PDF-1.4 this is not really a pdf")
    add_paper(items[0], "locked.pdf", encrypted_pdf())
    add_paper(items[0], "huge.pdf", blank_pdf(500))
    add_paper(
        items[2],
        "sheet.xlsx",
        b"PK\x03\x04 not merged",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

    job = _packet(world, second, django_capture_on_commit_callbacks)
    assert job.state == JobState.READY, job.failure_reason
    data = read_file(job)
    reader = PdfReader(io.BytesIO(data))
    n = len(reader.pages)
    assert job.pages == n
    text = pdf_text(data)
    flat = squeeze(text)
    # one numbering across the whole packet, also on the merged papers' pages
    for page in range(1, n + 1):
        assert f"หน้า {page} จาก {n}" in pdf_text(data, page=page), page
    # papers in agenda order: 5.1's paper before 5.2's; the minutes to adopt before the papers
    assert flat.index(squeeze("รายงานการประชุมคณะ")) < flat.index("เอกสารวาระห้าหนึ่ง") < flat.index("เอกสารวาระห้าสอง")
    # bad papers are listed on the cover with a Thai note, nothing else fails
    assert squeeze("ไม่ใช่ PDF ที่อ่านได้") in flat
    assert squeeze("ตั้งรหัสผ่านไว้") in flat
    assert squeeze("ไฟล์นี้มี 500 หน้า เกิน 300 หน้า") in flat
    assert squeeze("ไม่ได้รวมไว้ในแฟ้มนี้") in flat
    # bookmarks: the cover and agenda, the minutes under item 2, the items with papers
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "ปกและระเบียบวาระการประชุม"
    assert titles[1] == "ระเบียบวาระที่ 2 รายงานการประชุมครั้งที่ 1/2564"
    assert titles[2].startswith("ระเบียบวาระที่ 5.1") and titles[3].startswith("ระเบียบวาระที่ 5.2")


def test_packet_is_scoped_like_the_meeting(world, client_for, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client_for(world.users[Role.SECRETARIAT]).post("/reports/request/packet/", {"object": meeting.pk})
    assert resp.status_code == 302
    job = ReportJob.objects.get()
    assert job.state == JobState.READY
    assert client_for(world.users[Role.MEMBER]).get(f"/reports/jobs/{job.pk}/download/").status_code == 200
    other = client_for(world.other_users[Role.SECRETARIAT])
    assert other.get(f"/reports/jobs/{job.pk}/download/").status_code == 404
    assert other.post("/reports/request/packet/", {"object": meeting.pk}).status_code == 404
    assert (
        client_for(world.users[Role.MEMBER]).post("/reports/request/packet/", {"object": meeting.pk}).status_code == 404
    )


def test_packet_prints_the_ledger_hash_of_the_adopted_minutes(world, django_capture_on_commit_callbacks):
    """A printed packet can be checked on "ตรวจสอบความถูกต้องของบันทึก": its cover and the minutes it binds
    print the adopted version's ledger entry; a draft says it is a draft."""
    import datetime as dt

    from ledger.models import Entry
    from meetings import services as meeting_services
    from meetings.choices import AdoptionMethod

    members = Member.objects.filter(subcommittee=world.own_sc)
    first = add_meeting(world.own_sc, number=1, members=members)
    second = add_meeting(world.own_sc, number=2, members=members)
    AgendaItem.objects.create(
        meeting=second, section_type="adopt_minutes", order=2, title="เรื่องรับรองรายงานการประชุม", minutes_to_adopt=first
    )
    sec = world.users[Role.SECRETARIAT]
    meeting_services.save_minutes(actor=sec, meeting=first, content={"start_time": "13.30"}, base_version=0)
    meeting_services.fire_transition(actor=sec, meeting=first, name="circulate")
    draft = pdf_text(read_file(_packet(world, second, django_capture_on_commit_callbacks)))
    assert "ค่าแฮช" not in draft and squeeze("ร่าง ฉบับที่ 1") in squeeze(draft)

    meeting_services.adopt_minutes(
        actor=sec, meeting=first, method=AdoptionMethod.CIRCULATION, adopted_on=dt.date(2021, 2, 15)
    )
    entry = Entry.objects.get(kind="minutes")
    data = read_file(_packet(world, second, django_capture_on_commit_callbacks))
    cover = squeeze(pdf_text(data, page=1))
    assert squeeze(f"ตรวจสอบความถูกต้องของบันทึก รายการที่ {entry.seq} ค่าแฮช {entry.hash}") in cover
    # and the bound minutes themselves end with the same line, as the minutes PDF does
    assert squeeze(pdf_text(data)).count(entry.hash) == 2


def test_page_numbers_share_one_font_and_leave_the_pages_content_alone():
    """Pages sharing one resources object still get their own number; the stamp font is written once."""
    from pypdf import PdfWriter

    from reports.documents.stamps import number_pages

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf(3, "เอกสารแรก"))))
    writer.append(PdfReader(io.BytesIO(blank_pdf(30))))
    before = [p.get_contents().get_data() for p in writer.pages[:3]]
    number_pages(writer)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    for page in (1, 2, 17, 33):
        assert f"หน้า {page} จาก 33" in pdf_text(data, page=page), page
    reader = PdfReader(io.BytesIO(data))
    stamp_fonts = {
        ref.idnum for p in reader.pages for name, ref in p["/Resources"]["/Font"].items() if name.startswith("/PkN")
    }
    assert len(stamp_fonts) == 1
    # each page's own content is kept byte for byte, between "q" and the number
    for page, own in zip(reader.pages[:3], before, strict=True):
        parts = page["/Contents"]
        assert parts[0].get_object().get_data() == b"q\n" and own in b"".join(c.get_object().get_data() for c in parts)
