"""Word copies of the minutes and the agenda: the same form as the PDF, Sarabun 16 pt, built by the worker."""

import io
from urllib.parse import unquote

import pytest
from docx import Document

from committees.choices import Role
from committees.models import Member
from reports.models import ReportJob
from tests.reports.helpers import add_meeting

pytestmark = pytest.mark.django_db


def _word(client, kind, meeting, capture):
    with capture(execute=True):
        resp = client.post(f"/reports/request/{kind}/", {"object": meeting.pk})
    assert resp.status_code == 302
    job = ReportJob.objects.get(kind=kind)
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return job, Document(io.BytesIO(b"".join(download.streaming_content)))


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_minutes_word_copy_follows_form_11_in_sarabun_16(world, client_for, django_capture_on_commit_callbacks):
    from committees.choices import MemberRole

    members = Member.objects.filter(subcommittee=world.own_sc)
    chair = members.filter(role=MemberRole.CHAIR).first()
    meeting = add_meeting(world.own_sc, number=2, members=members)
    client = client_for(world.users[Role.SECRETARIAT])
    job, doc = _word(client, "minutes_docx", meeting, django_capture_on_commit_callbacks)
    disposition = client.get(f"/reports/jobs/{job.pk}/download/")["Content-Disposition"]
    assert unquote(disposition.split("filename*=utf-8''")[1]) == "รายงานการประชุม ครั้งที่ 2-2564.docx"
    normal = doc.styles["Normal"]
    assert normal.font.name == "Sarabun" and normal.font.size.pt == 16
    paragraphs = [p.text for p in doc.paragraphs]
    order = ["ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา", "เลิกประชุมเวลา"]
    positions = [next(i for i, t in enumerate(paragraphs) if t.startswith(w)) for w in order]
    assert positions == sorted(positions)
    text = _text(doc)
    assert "ครั้งที่ 2/2564" in text
    assert "(ลงชื่อ) ................................ ผู้จดรายงานการประชุม" in text
    if chair is not None:
        assert "ประธานอนุกรรมการ" in text
    # the attendee list as LibreOffice and Word both lay it out (checked as pictures, README): fixed
    # columns filling the text width, rows never split across pages, names never broken
    from docx.oxml.ns import qn

    people = doc.tables[0]
    assert people._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) for c in people._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) - 9072) <= 4  # 16 cm in twips
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in people.rows)
    names = [row.cells[1].text for row in people.rows]
    assert names and all(" " not in n and "\u00a0" in n for n in names)


def test_agenda_word_copy_lists_items_and_is_scoped(world, client_for, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, items=2)
    job, doc = _word(client_for(world.users[Role.CHAIR]), "agenda_docx", meeting, django_capture_on_commit_callbacks)
    text = _text(doc)
    assert "ระเบียบวาระการประชุม" in text
    assert "5.2 พิจารณาแผนปฏิบัติการประจำปีงบประมาณ 2564 เรื่องที่ 2" in text
    assert client_for(world.other_users[Role.SECRETARIAT]).get(f"/reports/jobs/{job.pk}/download/").status_code == 404
    assert (
        client_for(world.users[Role.MEMBER]).post("/reports/request/agenda_docx/", {"object": meeting.pk}).status_code
        == 404
    )
