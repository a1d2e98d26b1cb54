"""กปค.01 online: drafting in sections, the rules checked on submission, revisions, attachments."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.choices import Role
from core.models import AuditEvent
from fundproposals.choices import ProposalState
from fundproposals.models import Attachment, Proposal, ProposalRevision
from tests.fundproposals.helpers import complete_proposal

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _state(p):
    p.refresh_from_db()
    return p.state


def test_proposer_drafts_in_sections_and_submits(world, client_for, django_capture_on_commit_callbacks):
    c = client_for(world.users[Role.PROPOSER])
    resp = c.post("/proposals/new/", {"province": world.own.pk, "fiscal_year": "2567", "title": "โครงการอบรม อพม."})
    p = Proposal.objects.get(title="โครงการอบรม อพม.")
    assert resp.status_code == 302 and resp["Location"] == f"/proposals/{p.pk}/edit/general/"
    assert p.state == ProposalState.DRAFT and p.code is None and p.proposer == world.users[Role.PROPOSER]

    general = {
        "title": "โครงการอบรม อพม.",
        "fiscal_year": "2567",
        "organisation": "เครือข่าย อพม. จังหวัดสมุทรปราการ",
        "organisation_type": "private",
        "responsible_name": "นายบุญส่ง อาสา",
        "responsible_position": "ประธานเครือข่าย",
        "responsible_phone": "0812345678",
        "kind": "new",
        "previous_project": "",
    }
    assert c.post(f"/proposals/{p.pk}/edit/general/", {**general, "next": "1"}).status_code == 302
    content = {
        "pillars": ["prevention", "protection"],
        "rationale": "เหตุผล",
        "objectives": "วัตถุประสงค์",
        "targets": "เป้าหมาย",
        "target_group": "อพม.",
        "target_count": "60",
        "district_code": "1101",
        "subdistrict_code": "110101",
        "start_date": "01/01/2567",
        "end_date": "31/03/2567",
    }
    assert c.post(f"/proposals/{p.pk}/edit/content/", content).status_code == 302
    acts = {
        "acts-TOTAL_FORMS": "3",
        "acts-INITIAL_FORMS": "0",
        "acts-0-name": "อบรม",
        "acts-0-period": "ม.ค.",
        "acts-0-cost": "100000",
    }
    assert c.post(f"/proposals/{p.pk}/edit/activities/", acts).status_code == 302
    budget = {
        "total_budget": "100000",
        "requested_amount": "90000",
        "cofunding_amount": "10000",
        "cofunding_source": "อบจ.",
        "fund_need": "ไม่มีงบ",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-0-item": "ค่าอาหาร",
        "lines-0-amount": "60000.50",
        "lines-1-item": "ค่าวิทยากร",
        "lines-1-amount": "39999.50",
    }
    assert c.post(f"/proposals/{p.pk}/edit/budget/", budget).status_code == 302
    mgmt = {"staffing": "10 คน", "indicators": "ร้อยละ 80", "evaluation": "แบบทดสอบ", "expected_results": "ผล"}
    assert c.post(f"/proposals/{p.pk}/edit/management/", mgmt).status_code == 302
    p.refresh_from_db()
    assert p.requested_amount == Decimal("90000.00") and isinstance(p.requested_amount, Decimal)
    assert sorted(p.pillars) == ["prevention", "protection"]
    assert p.district_name == "เมืองสมุทรปราการ" and p.subdistrict_name == "ปากน้ำ"
    assert p.start_date == dt.date(2024, 1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(f"/proposals/{p.pk}/step/submit/", {})
    assert resp.status_code == 302, resp.content.decode()
    p.refresh_from_db()
    assert p.state == ProposalState.SUBMITTED
    assert p.code == "ปคม/2567/สมุทรปราการ/0001"
    assert p.received_on is not None and p.revision == 1
    assert ProposalRevision.objects.get(proposal=p, number=1).data["requested_amount"] == "90000.00"
    assert any(p.code in m.subject for m in mail.outbox)
    page = c.get(f"/proposals/{p.pk}/").content.decode()
    assert "ปคม/2567/สมุทรปราการ/0001" in page and "เก้าหมื่นบาทถ้วน" in page
    assert "ยื่นโครงการ" in page  # the timeline


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no_pillar", "ต้องเลือกด้านยุทธศาสตร์อย่างน้อย 1 ด้าน"),
        ("lines", "ผลรวมรายการงบประมาณ 160,000.00 บาท (หนึ่งแสนหกหมื่นบาทถ้วน) ไม่เท่ากับ"),
        ("ceiling", "ขอรับการสนับสนุนจากกองทุนได้ไม่เกิน 2,000,000.00 บาท"),
    ],
)
def test_submission_is_refused_with_a_thai_message_and_nothing_changes(world, client_for, change, message):
    p = complete_proposal(world)
    if change == "no_pillar":
        p.pillar_rows.all().delete()
    elif change == "lines":
        p.budget_lines.filter(order=2).update(amount=Decimal("10000.00"))
    elif change == "ceiling":
        Proposal.objects.filter(pk=p.pk).update(requested_amount=Decimal("2500000"), total_budget=Decimal("2520000"))
        p.budget_lines.filter(order=1).update(amount=Decimal("2500000"))
    c = client_for(world.users[Role.PROPOSER])
    events = AuditEvent.objects.count()
    resp = c.post(f"/proposals/{p.pk}/step/submit/", {})
    assert resp.status_code == 200
    assert message in resp.content.decode()
    p.refresh_from_db()
    assert p.state == ProposalState.DRAFT and p.code is None and p.revision == 0
    assert not ProposalRevision.objects.filter(proposal=p).exists()
    assert AuditEvent.objects.count() == events


def test_budget_mismatch_message_shows_both_amounts_in_words(world, client_for):
    p = complete_proposal(world)
    p.budget_lines.filter(order=2).update(amount=Decimal("10000.00"))
    resp = client_for(world.users[Role.PROPOSER]).post(f"/proposals/{p.pk}/step/submit/", {})
    text = resp.content.decode()
    assert "160,000.00 บาท (หนึ่งแสนหกหมื่นบาทถ้วน)" in text
    assert "170,000.00 บาท (หนึ่งแสนเจ็ดหมื่นบาทถ้วน)" in text


def test_end_before_start_is_refused_on_the_form(world, client_for):
    p = complete_proposal(world)
    c = client_for(world.users[Role.PROPOSER])
    data = {
        "pillars": ["prevention"],
        "rationale": "x",
        "objectives": "x",
        "targets": "x",
        "target_group": "x",
        "target_count": "5",
        "district_code": "1101",
        "subdistrict_code": "",
        "start_date": "01/06/2567",
        "end_date": "01/01/2567",
    }
    resp = c.post(f"/proposals/{p.pk}/edit/content/", data)
    assert resp.status_code == 200
    assert "วันสิ้นสุดโครงการต้องไม่ก่อนวันเริ่มโครงการ" in resp.content.decode()
    p.refresh_from_db()
    assert p.start_date == dt.date(2024, 1, 1) and p.rationale != "x"


def test_a_district_of_another_province_is_refused(world, client_for):
    p = complete_proposal(world)
    c = client_for(world.users[Role.PROPOSER])
    data = {
        "pillars": ["prevention"],
        "rationale": "x",
        "objectives": "x",
        "targets": "x",
        "target_group": "x",
        "target_count": "5",
        "district_code": "9501",
        "subdistrict_code": "",
        "start_date": "",
        "end_date": "",
    }
    resp = c.post(f"/proposals/{p.pk}/edit/content/", data)
    assert resp.status_code == 200
    p.refresh_from_db()
    assert p.district_code == "1101"


def test_return_revise_resubmit_keeps_every_revision(world, client_for, django_capture_on_commit_callbacks):
    p = complete_proposal(world)
    proposer = client_for(world.users[Role.PROPOSER])
    secretariat = client_for(world.users[Role.SECRETARIAT])
    proposer.post(f"/proposals/{p.pk}/step/submit/", {})
    with django_capture_on_commit_callbacks(execute=True):
        resp = secretariat.post(f"/proposals/{p.pk}/check/", {"return": "1", "note": "ขาดหนังสือรับรององค์กร"})
    assert resp.status_code == 302
    assert "ขาดหนังสือรับรององค์กร" in mail.outbox[-1].body
    assert _state(p) == ProposalState.RETURNED
    assert "ขาดหนังสือรับรององค์กร" in proposer.get(f"/proposals/{p.pk}/").content.decode()

    mgmt = {"staffing": "อพม. 12 คน", "indicators": "ร้อยละ 90", "evaluation": "แบบทดสอบ", "expected_results": "ผล"}
    assert proposer.post(f"/proposals/{p.pk}/edit/management/", mgmt).status_code == 302
    assert proposer.post(f"/proposals/{p.pk}/step/resubmit/", {}).status_code == 302
    p.refresh_from_db()
    assert p.state == ProposalState.SUBMITTED and p.revision == 2
    assert p.code.endswith("/0001")  # the code given on first submission is kept
    compare = secretariat.get(f"/proposals/{p.pk}/revisions/").content.decode()
    assert "อพม. 10 คน" in compare and "อพม. 12 คน" in compare
    assert compare.count('data-changed="1"') == 4  # the four fields of section 5
    # codes read as Thai labels and dates in the Buddhist Era
    assert "ด้านการป้องกันปัญหาการค้ามนุษย์" in compare and ">prevention<" not in compare
    assert "1 มกราคม 2567" in compare and "2024-01-01" not in compare


def test_secretariat_checklist_must_be_complete_to_accept(world, client_for):
    p = complete_proposal(world, state=ProposalState.SUBMITTED)
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/proposals/{p.pk}/check/", {"accept": "1", "c_form_complete": "on"})
    assert resp.status_code == 200 and "ยังตรวจความครบถ้วนไม่ครบทุกข้อ" in resp.content.decode()
    assert _state(p) == ProposalState.SUBMITTED
    full = {f"c_{k}": "on" for k in ("form_complete", "signed", "budget_detail", "pillar_fit", "org_documents")}
    assert c.post(f"/proposals/{p.pk}/check/", {"accept": "1", **full}).status_code == 302
    assert _state(p) == ProposalState.UNDER_REVIEW


def test_return_needs_a_reason(world, client_for):
    p = complete_proposal(world, state=ProposalState.SUBMITTED)
    resp = client_for(world.users[Role.SECRETARIAT]).post(f"/proposals/{p.pk}/check/", {"return": "1", "note": ""})
    assert "กรุณาระบุเหตุผลที่ส่งกลับให้ปรับปรุง" in resp.content.decode()
    assert _state(p) == ProposalState.SUBMITTED


def test_proposer_withdraws_with_a_reason_and_the_proposal_is_kept(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    c = client_for(world.users[Role.PROPOSER])
    assert "กรุณาระบุเหตุผล" in c.post(f"/proposals/{p.pk}/step/withdraw/", {"reason": ""}).content.decode()
    assert _state(p) == ProposalState.UNDER_REVIEW
    assert c.post(f"/proposals/{p.pk}/step/withdraw/", {"reason": "ได้งบจากแหล่งอื่น"}).status_code == 302
    assert _state(p) == ProposalState.WITHDRAWN
    assert "ได้งบจากแหล่งอื่น" in c.get(f"/proposals/{p.pk}/").content.decode()


def test_attachment_checked_by_content(world, client_for, settings):
    p = complete_proposal(world)
    c = client_for(world.users[Role.PROPOSER])
    liar = SimpleUploadedFile("หนังสือรับรอง.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    resp = c.post(f"/proposals/{p.pk}/edit/attachments/", {"file": liar})
    assert resp.status_code == 200 and "ไฟล์นี้ไม่ใช่ PDF" in resp.content.decode()
    assert not Attachment.objects.exists()
    settings.UPLOAD_MAX_BYTES = 10
    big = SimpleUploadedFile("ใหญ่.pdf", PDF, content_type="application/pdf")
    resp = c.post(f"/proposals/{p.pk}/edit/attachments/", {"file": big})
    assert "เกินขนาดที่รับได้" in resp.content.decode()
    assert not Attachment.objects.exists()
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    ok = SimpleUploadedFile("หนังสือรับรอง.pdf", PDF, content_type="application/pdf")
    assert c.post(f"/proposals/{p.pk}/edit/attachments/", {"file": ok}).status_code == 302
    att = Attachment.objects.get()
    assert att.display_name == "หนังสือรับรอง.pdf"
    download = c.get(f"/proposals/{p.pk}/files/{att.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client_for(world.other_users[Role.SECRETARIAT]).get(f"/proposals/{p.pk}/files/{att.pk}/").status_code == 404


def test_codes_run_per_province_and_year(world, client_for):
    a = complete_proposal(world)
    b = complete_proposal(world)
    y = complete_proposal(world, province=world.other)
    for p, user in (
        (a, world.users[Role.PROPOSER]),
        (b, world.users[Role.PROPOSER]),
        (y, world.other_users[Role.PROPOSER]),
    ):
        assert client_for(user).post(f"/proposals/{p.pk}/step/submit/", {}).status_code == 302
    codes = sorted(Proposal.objects.values_list("code", flat=True))
    assert codes == ["ปคม/2567/ยะลา/0001", "ปคม/2567/สมุทรปราการ/0001", "ปคม/2567/สมุทรปราการ/0002"]
