"""Writing a demo proposal, walking it to its state (recorded in the audit trail), and its reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core import audit
from fundproposals import services
from fundproposals.choices import (
    CHECKLIST,
    OrganisationType,
    ProjectKind,
)
from fundproposals.demo.data import PATHS, REASONS, TARGETS, S
from fundproposals.models import Activity, BudgetLine, Proposal, ProposalPillar, ProposalRevision, Review


def _usable(meeting) -> bool:
    """A demo meeting that can still take agenda items and resolutions (not adopted)."""
    return meeting is not None and meeting.state in ("held", "minutes_drafted")


def _proposal(spec, *, province, fiscal_year, owner, secretariat, start: dt.date, district, subdistrict):
    title, org, org_type, pillars, requested, cofunding, state, extra = spec
    requested_d, cofunding_d = Decimal(requested), Decimal(cofunding)
    p = Proposal.objects.create(
        province=province,
        fiscal_year=fiscal_year,
        proposer=owner,
        title=title,
        organisation=org,
        organisation_type=org_type,
        responsible_name="นายบุญส่ง อาสา" if org_type == OrganisationType.PRIVATE else "ผู้อำนวยการหน่วยงาน",
        responsible_position="ประธานเครือข่าย" if org_type == OrganisationType.PRIVATE else "หัวหน้าส่วนราชการ",
        responsible_phone="08 1234 5678",
        kind=ProjectKind.NEW,
        rationale=(
            f"จังหวัด{province.name_th}มีแรงงานข้ามชาติและกลุ่มเปราะบางจำนวนมาก เสี่ยงต่อการถูกหลอกลวงและแสวงประโยชน์ "
            "จึงจำเป็นต้องเสริมความรู้และกลไกเฝ้าระวังในพื้นที่"
        ),
        objectives="1. เพื่อสร้างความรู้ความเข้าใจเรื่องการค้ามนุษย์\n2. เพื่อสร้างเครือข่ายเฝ้าระวังและแจ้งเบาะแส",
        targets="ผู้เข้าร่วมไม่น้อยกว่า 100 คน มีความรู้เพิ่มขึ้นร้อยละ 80",
        target_group="อพม. ผู้นำชุมชน ครู และเยาวชน",
        target_count=100,
        district_code=district[0],
        district_name=district[1],
        subdistrict_code=subdistrict[0],
        subdistrict_name=subdistrict[1],
        start_date=start,
        end_date=start + dt.timedelta(days=120),
        total_budget=requested_d + cofunding_d,
        requested_amount=requested_d,
        cofunding_amount=cofunding_d,
        cofunding_source="งบประมาณของหน่วยงาน" if cofunding_d else "",
        fund_need="หน่วยงานไม่มีงบประมาณสำหรับกิจกรรมนี้ในปีงบประมาณ",
        staffing="คณะทำงาน 8 คน",
        indicators="ร้อยละ 80 ของผู้เข้าร่วมมีความรู้เพิ่มขึ้น",
        evaluation="แบบทดสอบก่อนและหลังการอบรม และการติดตามผล 3 เดือน",
        expected_results="ชุมชนมีกลไกเฝ้าระวังและแจ้งเบาะแสการค้ามนุษย์",
        state=S.DRAFT,
    )
    for pillar in pillars:
        ProposalPillar.objects.create(proposal=p, pillar=pillar)
    Activity.objects.create(proposal=p, order=1, name="ประชุมเตรียมการ", period="เดือนที่ 1", cost=Decimal("5000"))
    Activity.objects.create(
        proposal=p, order=2, name="อบรมเชิงปฏิบัติการ", period="เดือนที่ 2-3", cost=requested_d + cofunding_d - 5000
    )
    BudgetLine.objects.create(proposal=p, order=1, item="ค่าอาหารและอาหารว่าง", amount=requested_d * Decimal("0.6"))
    BudgetLine.objects.create(proposal=p, order=2, item="ค่าตอบแทนวิทยากร", amount=requested_d * Decimal("0.4"))
    if cofunding_d:
        BudgetLine.objects.create(proposal=p, order=3, item="ค่าเอกสารและวัสดุ (งบสมทบ)", amount=cofunding_d)
    audit.record(actor=owner, action="proposal.create", target=p, province=province)
    return p, state, extra


def _walk(p, state, *, owner, secretariat, chair, national, at_meeting: bool):
    """Set the fields each step implies and record the steps in the audit trail."""
    path = PATHS[state]
    if not at_meeting and "open_vote" in path:
        path = [n for n in path if n not in ("table", "open_vote")]
        path.insert(path.index("close_vote"), "circulate")
    actors = {
        "submit": owner,
        "withdraw": owner,
        "report": owner,
        "close_vote": chair,
        "open_vote": chair,
        "fund_decision": national,
    }
    for name in path:
        before = p.state
        if name == "submit":
            p.code = services.next_project_code(p.province, p.fiscal_year)
            p.revision = 1
            p.submitted_at = timezone.now()
            p.received_on = p.start_date - dt.timedelta(days=45)
            ProposalRevision.objects.create(proposal=p, number=1, data=services.snapshot(p), submitted_by=owner)
        if name == "accept":
            p.checklist = {key: True for key, _ in CHECKLIST}
        p.state = TARGETS[name]
        audit.record(
            actor=actors.get(name, secretariat),
            action=f"transition:{name}",
            target=p,
            province=p.province,
            changes={"state": [before, p.state]},
            reason=REASONS.get(name, ""),
        )
    p.save()


def _reviews(p, seats, users):
    for i, seat in enumerate(seats[2:5]):
        Review.objects.get_or_create(
            proposal=p,
            member=seat,
            defaults={
                "author": users,
                "analysis": "โครงการสอดคล้องกับสภาพปัญหาในพื้นที่ งบประมาณเหมาะสม",
                "recommendation": "approve" if i < 2 else "in_principle",
                "recommended_amount": p.requested_amount,
            },
        )
