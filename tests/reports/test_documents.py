"""Every document type renders from real data; the text layer reads back through pdftotext."""

import pytest
from django.template import engines
from django.test import RequestFactory

from committees.choices import Role
from committees.models import Member
from reports import services
from reports.choices import JobState, ReportKind
from reports.models import ReportJob
from tests.reports.helpers import add_meeting, pdf_text, read_file, squeeze

pytestmark = pytest.mark.django_db


def _build(world, kind, obj, capture, role=Role.SECRETARIAT):
    target = services.target_for(kind, object_id=obj.pk)
    with capture(execute=True):
        job, _ = services.request_report(actor=world.users[role], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    return " ".join(pdf_text(read_file(job)).split())


def test_minutes_follow_form_11(world, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, members=Member.objects.filter(subcommittee=world.own_sc))
    text = _build(world, ReportKind.MINUTES, meeting, django_capture_on_commit_callbacks)
    order = ["รายงานการประชุม", "ครั้งที่ 1/2564", "เมื่อวันที่ 27 มกราคม 2564", "ณ ห้องประชุม", "ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา", "เลิกประชุมเวลา", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม"]  # fmt: skip
    positions = [text.find(w) for w in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_agenda_lists_its_items(world, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, items=2)
    text = _build(world, ReportKind.AGENDA, meeting, django_capture_on_commit_callbacks)
    assert "ระเบียบวาระการประชุม" in text
    assert "ระเบียบวาระที่ 5 เรื่องเพื่อพิจารณา" in text
    assert "5.2 พิจารณาแผนปฏิบัติการประจำปีงบประมาณ 2564 เรื่องที่ 2" in text


def test_request_button_partial_shows_only_to_requesters(world):
    meeting = add_meeting(world.own_sc)
    tpl = engines["django"].from_string(
        '{% include "reports/partials/request_button.html" with kind="minutes" obj=meeting %}'
        '{% include "reports/partials/request_button.html" with kind="annual_province" province=province fiscal_year=2564 %}'
    )
    for role, shown in ((Role.SECRETARIAT, True), (Role.CHAIR, True), (Role.MEMBER, False), (Role.VIEWER, False)):
        request = RequestFactory().get("/")
        request.user = world.users[role]
        html = tpl.render({"meeting": meeting, "province": world.own}, request)
        assert ("/reports/request/minutes/" in html) is shown, role
        assert ('name="province" value="11"' in html) is shown, role
    request = RequestFactory().get("/")
    request.user = world.other_users[Role.SECRETARIAT]
    assert "/reports/request/" not in tpl.render({"meeting": meeting, "province": world.own}, request)


def test_plan_document_shows_progress_by_pillar_and_amount_in_words(world, django_capture_on_commit_callbacks):
    from tests.reports.helpers import add_plan

    plan = add_plan(world.own_sc)
    text = squeeze(_build(world, ReportKind.PLAN, plan, django_capture_on_commit_callbacks))
    assert squeeze("จังหวัดสมุทรปราการ ประจำปีงบประมาณ พ.ศ. 2564") in text
    assert squeeze("ด้านการป้องกันปัญหาการค้ามนุษย์") in text
    # the activity table: target and unit, result, Thai percentage
    assert squeeze("10 คน (ผล 5 คน) ร้อยละ 50") in text
    assert "%" not in text
    assert squeeze("150,000.00 บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)") in text
    assert squeeze("การอนุมัติแผน ยังไม่ได้เสนอคณะอนุกรรมการให้ความเห็นชอบ") in text


def test_annual_report_has_plan_situation_and_charts(world, django_capture_on_commit_callbacks):
    from tests.reports.helpers import add_plan, add_situation

    add_plan(world.own_sc)
    add_situation(world.own_sc)
    target = services.target_for(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=2564)
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users[Role.CHAIR], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    raw = read_file(job)
    text = squeeze(pdf_text(raw))
    assert squeeze("อบรมให้ความรู้เครือข่ายภาคประชาสังคม รุ่นที่ 1") in text
    assert squeeze("คดีแสวงประโยชน์ทางเพศ 7") in text
    assert squeeze("ความก้าวหน้าเทียบเป้าหมายรายด้าน") in text
    assert squeeze("ยังไม่มีข้อมูลการประชุม") not in text  # the plan counts as data


def test_proposal_form_has_budget_table_and_amount_in_words(world, django_capture_on_commit_callbacks):
    from fundproposals.choices import ProposalState
    from tests.fundproposals.helpers import complete_proposal

    proposal = complete_proposal(world, state=ProposalState.SUBMITTED)
    text = squeeze(_build(world, ReportKind.PROPOSAL, proposal, django_capture_on_commit_callbacks))
    for needle in (
        "แบบกปค.01",
        proposal.code,
        "โครงการอบรมสร้างความตระหนักรู้การป้องกันการค้ามนุษย์",
        "☑ด้านการป้องกันปัญหาการค้ามนุษย์",
        "☐ด้านการดำเนินคดีและบังคับใช้กฎหมาย",
        "(ลงชื่อ)................................ผู้รับผิดชอบโครงการ",
        "(ลงชื่อ)................................หัวหน้าหน่วยงาน",
        "ขอรับการสนับสนุนจากกองทุน150,000.00บาท(หนึ่งแสนห้าหมื่นบาทถ้วน)",
        "ค่าอาหารและอาหารว่าง150,000.00",
        "รวมทั้งสิ้น(หนึ่งแสนเจ็ดหมื่นบาทถ้วน)170,000.00",
        "ตั้งแต่วันที่1มกราคม2567ถึงวันที่30มิถุนายน2567",
    ):
        assert squeeze(needle) in text, needle


def test_proposer_prints_own_proposal_only(world, client_for, django_capture_on_commit_callbacks):
    from fundproposals.choices import ProposalState
    from tests.fundproposals.helpers import complete_proposal

    own = complete_proposal(world, state=ProposalState.SUBMITTED)
    other = complete_proposal(world, province=world.other, state=ProposalState.SUBMITTED)
    proposer = client_for(world.users[Role.PROPOSER])
    with django_capture_on_commit_callbacks(execute=True):
        resp = proposer.post("/reports/request/proposal/", {"object": own.pk})
    assert resp.status_code == 302
    job = ReportJob.objects.get()
    assert proposer.get(f"/reports/jobs/{job.pk}/download/").status_code == 200
    assert proposer.post("/reports/request/proposal/", {"object": other.pk}).status_code == 404
    assert client_for(world.other_users[Role.PROPOSER]).get(f"/reports/jobs/{job.pk}/download/").status_code == 404


def test_annual_and_national_reports_count_proposals_by_pillar(world, django_capture_on_commit_callbacks):
    from fundproposals.choices import ProposalState
    from tests.fundproposals.helpers import complete_proposal

    complete_proposal(world, state=ProposalState.SUBMITTED, fiscal_year=2567)
    complete_proposal(world, state=ProposalState.DRAFT, fiscal_year=2567)  # drafts are not counted
    annual = services.target_for(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=2567)
    national = services.target_for(ReportKind.NATIONAL_SUMMARY, fiscal_year=2567)
    with django_capture_on_commit_callbacks(execute=True):
        a, _ = services.request_report(actor=world.users[Role.CHAIR], target=annual)
        n, _ = services.request_report(actor=world.users[Role.NATIONAL], target=national)
    a.refresh_from_db()
    n.refresh_from_db()
    assert a.state == n.state == JobState.READY, (a.failure_reason, n.failure_reason)
    text = squeeze(pdf_text(read_file(a)))
    assert squeeze("รวม 1 โครงการ ขอรับการสนับสนุน 150,000.00 บาท") in text
    assert squeeze("จำนวนและวงเงินตามสถานะ") in text
    assert squeeze("รวมทั้งสิ้น 1 150,000.00 0.00 0.00") in text
    text = squeeze(pdf_text(read_file(n)))
    assert squeeze("11 สมุทรปราการ - 0 ไม่มี ไม่มี 1 150,000.00 -") in text
    assert squeeze("ด้านการป้องกันปัญหาการค้ามนุษย์ 1 150,000.00 0.00") in text


def test_a_changed_budget_line_alone_changes_the_proposal_fingerprint(world):
    from fundproposals.choices import ProposalState
    from fundproposals.models import BudgetLine
    from reports.documents import document_for
    from tests.fundproposals.helpers import complete_proposal

    proposal = complete_proposal(world, state=ProposalState.SUBMITTED)
    target = services.target_for(ReportKind.PROPOSAL, object_id=proposal.pk)
    doc = document_for(ReportKind.PROPOSAL)
    before = doc.fingerprint(target)
    assert doc.fingerprint(target) == before  # the same data, the same digest
    line = BudgetLine.objects.filter(proposal=proposal).first()
    line.amount += 1
    line.save()  # no updated_at, same pk: only its content says it changed
    assert doc.fingerprint(target) != before
