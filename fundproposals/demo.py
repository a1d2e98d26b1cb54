"""Demo fund proposals: Samut Prakan's อพม. projects of FY 2564 and Yala agencies' FY 2567 proposals.

Every state of the workflow appears in each province; where the state implies
a vote, the ballot and its votes are there (Samut Prakan's at meeting 2/2564,
on agenda section 5, with the resolution in the minutes; Yala's by circulation).
Written directly (a fixture, run once): the history each state implies is
recorded in the audit trail so the timeline reads as it would have. Idempotent:
a proposal already there (same province and title) is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core import audit
from fundproposals import services
from fundproposals.choices import (
    CHECKLIST,
    BallotMode,
    BallotState,
    OrganisationType,
    ProjectKind,
    ProposalState,
)
from fundproposals.models import Activity, Ballot, BudgetLine, Proposal, ProposalPillar, ProposalRevision, Review, Vote

S = ProposalState

# The transitions that bring a proposal from draft to each state (for the timeline).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.RETURNED: ["submit", "return"],
    S.UNDER_REVIEW: ["submit", "accept"],
    S.TABLED: ["submit", "accept", "table"],
    S.VOTING: ["submit", "accept", "circulate"],
    S.RESOLVED: ["submit", "accept", "table", "open_vote", "close_vote"],
    S.FORWARDED: ["submit", "accept", "table", "open_vote", "close_vote", "forward"],
    S.FUND_DECIDED: ["submit", "accept", "table", "open_vote", "close_vote", "forward", "fund_decision"],
    S.CONTRACTED: ["submit", "accept", "table", "open_vote", "close_vote", "forward", "fund_decision", "contract"],
    S.REPORTED: [
        "submit",
        "accept",
        "table",
        "open_vote",
        "close_vote",
        "forward",
        "fund_decision",
        "contract",
        "report",
    ],
    S.WITHDRAWN: ["submit", "withdraw"],
}
TARGETS = {
    "submit": S.SUBMITTED,
    "return": S.RETURNED,
    "accept": S.UNDER_REVIEW,
    "table": S.TABLED,
    "circulate": S.VOTING,
    "open_vote": S.VOTING,
    "close_vote": S.RESOLVED,
    "forward": S.FORWARDED,
    "fund_decision": S.FUND_DECIDED,
    "contract": S.CONTRACTED,
    "report": S.REPORTED,
    "withdraw": S.WITHDRAWN,
}
REASONS = {
    "return": "ขาดหนังสือรับรองการจดทะเบียนองค์กร และรายละเอียดค่าใช้จ่ายไม่ครบ",
    "withdraw": "หน่วยงานได้รับงบประมาณจากแหล่งอื่นแล้ว",
}

SP_ORG = "เครือข่ายอาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) จังหวัดสมุทรปราการ"
# (title, organisation, type, pillars, requested, cofunding, state, extra)
SAMUT_PRAKAN = [
    (
        "โครงการอบรมสร้างความตระหนักรู้การป้องกันการค้ามนุษย์แก่เครือข่ายภาคประชาสังคม (อพม. ผู้นำชุมชน ครู)",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention"],
        "98000",
        "12000",
        S.REPORTED,
        {},
    ),
    (
        "โครงการอบรมเด็กและเยาวชนรู้เท่าทันการค้ามนุษย์",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention", "protection"],
        "85000",
        "0",
        S.CONTRACTED,
        {},
    ),
    (
        "โครงการ อพม. เฝ้าระวังการค้ามนุษย์ในแรงงานประมง ตำบลปากน้ำ",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention", "database"],
        "120000",
        "10000",
        S.FUND_DECIDED,
        {},
    ),
    (
        "โครงการจัดทำฐานข้อมูลกลุ่มเสี่ยงในชุมชนแรงงานข้ามชาติ",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["database"],
        "60000",
        "0",
        S.FORWARDED,
        {},
    ),
    (
        "โครงการศูนย์ช่วยเหลือผู้เสียหายเบื้องต้นโดยชุมชน",
        "เทศบาลเมืองสมุทรปราการ",
        OrganisationType.LOCAL,
        ["protection"],
        "150000",
        "50000",
        S.RESOLVED,
        {"decision": "more_info"},
    ),
    (
        "โครงการรณรงค์ต่อต้านการค้ามนุษย์ในสถานประกอบการ",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention"],
        "45000",
        "0",
        S.VOTING,
        {},
    ),
    (
        "โครงการอบรม อพม. รุ่นที่ 2 การคัดกรองผู้เสียหายจากการค้ามนุษย์",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["protection", "prevention"],
        "70000",
        "5000",
        S.TABLED,
        {},
    ),
    (
        "โครงการเสริมสร้างศักยภาพพนักงานสอบสวนคดีค้ามนุษย์",
        "ตำรวจภูธรจังหวัดสมุทรปราการ",
        OrganisationType.GOVERNMENT,
        ["prosecution"],
        "180000",
        "20000",
        S.UNDER_REVIEW,
        {},
    ),
    (
        "โครงการประชาสัมพันธ์ช่องทางแจ้งเบาะแสการค้ามนุษย์ในชุมชน",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention"],
        "30000",
        "0",
        S.SUBMITTED,
        {},
    ),
    (
        "โครงการอบรมผู้ประกอบการเรื่องการจ้างแรงงานข้ามชาติอย่างถูกกฎหมาย",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention"],
        "55000",
        "0",
        S.RETURNED,
        {},
    ),
    (
        "โครงการค่ายเยาวชนต้านการค้ามนุษย์ (ร่าง)",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["prevention"],
        "40000",
        "0",
        S.DRAFT,
        {},
    ),
    (
        "โครงการเยี่ยมบ้านกลุ่มเสี่ยง",
        SP_ORG,
        OrganisationType.PRIVATE,
        ["protection"],
        "25000",
        "0",
        S.WITHDRAWN,
        {},
    ),
]

YALA = [
    (
        "โครงการพัฒนาศักยภาพพนักงานสอบสวนและผู้ปฏิบัติงานคดีค้ามนุษย์จังหวัดยะลา",
        "ตำรวจภูธรจังหวัดยะลา",
        OrganisationType.GOVERNMENT,
        ["prosecution"],
        "200000",
        "30000",
        S.REPORTED,
        {},
    ),
    (
        "โครงการป้องกันการหลอกลวงแรงงานไปทำงานต่างประเทศ",
        "สำนักงานจัดหางานจังหวัดยะลา",
        OrganisationType.GOVERNMENT,
        ["prevention"],
        "150000",
        "0",
        S.CONTRACTED,
        {},
    ),
    (
        "โครงการช่วยเหลือและฟื้นฟูผู้เสียหายจากการค้ามนุษย์",
        "บ้านพักเด็กและครอบครัวจังหวัดยะลา",
        OrganisationType.GOVERNMENT,
        ["protection"],
        "180000",
        "20000",
        S.FUND_DECIDED,
        {},
    ),
    (
        "โครงการพัฒนาระบบฐานข้อมูลการค้ามนุษย์จังหวัดยะลา เชื่อมโยง PROTECT-U",
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดยะลา",
        OrganisationType.GOVERNMENT,
        ["database"],
        "120000",
        "0",
        S.FORWARDED,
        {},
    ),
    (
        "โครงการเทศบาลนครยะลาร่วมเฝ้าระวังการค้ามนุษย์",
        "เทศบาลนครยะลา",
        OrganisationType.LOCAL,
        ["prevention", "protection"],
        "90000",
        "30000",
        S.RESOLVED,
        {},
    ),
    (
        "โครงการอบรมผู้นำศาสนาและผู้นำชุมชนรู้เท่าทันการค้ามนุษย์",
        "เครือข่ายสตรีชายแดนใต้",
        OrganisationType.PRIVATE,
        ["prevention"],
        "60000",
        "0",
        S.VOTING,
        {},
    ),
    (
        "โครงการคัดกรองผู้เสียหายในกลุ่มแรงงานข้ามแดน",
        "ด่านตรวจคนเข้าเมืองเบตง",
        OrganisationType.GOVERNMENT,
        ["prosecution", "protection"],
        "110000",
        "0",
        S.UNDER_REVIEW,
        {},
    ),
    (
        "โครงการ อพม. ยะลาเฝ้าระวังการค้ามนุษย์ในชุมชน",
        "เครือข่าย อพม. จังหวัดยะลา",
        OrganisationType.PRIVATE,
        ["prevention"],
        "50000",
        "0",
        S.SUBMITTED,
        {},
    ),
    (
        "โครงการฝึกอาชีพสตรีกลุ่มเสี่ยง",
        "องค์การบริหารส่วนตำบลสะเตงนอก",
        OrganisationType.LOCAL,
        ["prevention"],
        "80000",
        "10000",
        S.RETURNED,
        {},
    ),
    (
        "โครงการสื่อสร้างสรรค์ต้านการค้ามนุษย์สำหรับเยาวชน (ร่าง)",
        "เครือข่าย อพม. จังหวัดยะลา",
        OrganisationType.PRIVATE,
        ["prevention"],
        "35000",
        "0",
        S.DRAFT,
        {},
    ),
    (
        "โครงการอบรมล่ามภาษามลายูถิ่นเพื่อการคัดกรองผู้เสียหาย",
        "เครือข่าย อพม. จังหวัดยะลา",
        OrganisationType.PRIVATE,
        ["protection"],
        "40000",
        "0",
        S.WITHDRAWN,
        {},
    ),
    (
        "โครงการแลกเปลี่ยนข้อมูลคดีค้ามนุษย์ระหว่างหน่วยงาน",
        "สำนักงานอัยการจังหวัดยะลา",
        OrganisationType.GOVERNMENT,
        ["prosecution", "database"],
        "75000",
        "0",
        S.TABLED,
        {},
    ),
]

VOTED = {S.RESOLVED, S.FORWARDED, S.FUND_DECIDED, S.CONTRACTED, S.REPORTED}


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


def _ballot(p, *, mode, agenda_item, opened_by, members, choices, closed: bool, deadline=None):
    ballot = Ballot.objects.create(
        proposal=p,
        mode=mode,
        agenda_item=agenda_item,
        opened_by=opened_by,
        deadline=deadline,
    )
    for member, choice in zip(members, choices, strict=False):
        Vote.objects.create(ballot=ballot, member=member, choice=choice, cast_by=opened_by)
    if not closed:
        return ballot
    ballot = Ballot.objects.select_related("proposal__province").prefetch_related("votes").get(pk=ballot.pk)
    tally, q, electorate = services.preview(ballot)
    ballot.state = BallotState.CLOSED
    ballot.closed_at = timezone.now()
    ballot.closed_by = opened_by if mode == BallotMode.MEETING else None  # a circulated vote closes at its deadline
    ballot.eligible_count = len(electorate.eligible)
    ballot.present_count = q.present
    ballot.quorum_required = q.required
    ballot.quorum_met = q.met
    ballot.tally = tally.as_json()
    ballot.result = tally.result if q.met else ""
    amount = p.requested_amount if ballot.result in ("approve", "in_principle") else None
    ballot.result_text = services._result_text(p, ballot, tally, q, amount)
    ballot.save()
    p.decision = ballot.result
    p.recommended_amount = amount
    return ballot


def _votes_for(p, extra) -> list[str]:
    if extra.get("decision") == "more_info":
        return ["more_info"] * 9 + ["approve"] * 3 + ["abstain"]
    return ["approve"] * 10 + ["in_principle"] * 2 + ["abstain"]


def _after_vote(p, state):
    if state in (S.FUND_DECIDED, S.CONTRACTED, S.REPORTED):
        p.fund_decision = "approved"
        # On a database that already holds other members of the subcommittee (a benchmark's, say)
        # the demo's votes may miss the quorum and recommend no amount: the fund still approves
        # the amount asked for, so the later steps have figures to work with.
        p.fund_approved_amount = p.recommended_amount or p.requested_amount
        p.fund_decided_on = p.start_date - dt.timedelta(days=10)
    if state in (S.CONTRACTED, S.REPORTED):
        p.contract_number = f"กปค. {p.pk}/{p.fiscal_year}"
        p.contract_date = p.start_date - dt.timedelta(days=5)
        p.contract_amount = p.fund_approved_amount
        p.contract_months = 4
    if state == S.FORWARDED or p.fund_decision:
        p.forwarded_on = p.start_date - dt.timedelta(days=20)
    if state == S.REPORTED:
        spent = (p.contract_amount * Decimal("0.97")).quantize(Decimal("0.01"))
        p.report_activities = "จัดอบรมเชิงปฏิบัติการ 2 รุ่น และจัดตั้งเครือข่ายเฝ้าระวังในชุมชน"
        p.report_people_reached = 112
        p.report_budget_received = p.contract_amount
        p.report_budget_spent = spent
        p.report_budget_returned = p.contract_amount - spent
        p.report_problems = "ผู้เข้าร่วมบางส่วนไม่สะดวกเดินทาง"
        p.report_suggestions = "ควรจัดกิจกรรมในพื้นที่ชุมชนโดยตรง"
        p.reported_on = p.end_date
    p.save()


def _province(
    ctx,
    code,
    specs,
    fiscal_year,
    start,
    meeting,
    district,
    subdistrict,
    *,
    secretariat_name,
    chair_name,
    vote_at_meeting,
):
    users = ctx["users"]
    province = ctx["provinces"][code]
    owner = users["proposer"]
    secretariat, chair, national = users[secretariat_name], users[chair_name], users["national"]
    seats = [m for (c, _i), m in sorted(ctx["seats"].items(), key=lambda kv: kv[0][1]) if c == code]
    made = 0
    for n, spec in enumerate(specs):
        if Proposal.objects.filter(province=province, title=spec[0]).exists():
            continue
        # agencies' proposals in Yala are keyed in by the secretariat on their behalf
        who = owner if spec[2] == OrganisationType.PRIVATE or code == "11" else secretariat
        p, state, extra = _proposal(
            spec,
            province=province,
            fiscal_year=fiscal_year,
            owner=who,
            secretariat=secretariat,
            start=start + dt.timedelta(days=14 * n),
            district=district,
            subdistrict=subdistrict,
        )
        use_meeting = _usable(meeting) and (state == S.TABLED or (vote_at_meeting and state in VOTED))
        _walk(p, state, owner=who, secretariat=secretariat, chair=chair, national=national, at_meeting=use_meeting)
        if state in VOTED | {S.TABLED, S.VOTING, S.UNDER_REVIEW}:
            _reviews(p, seats, secretariat)
        item = None
        if use_meeting:
            from meetings.services import add_agenda_item

            item = add_agenda_item(
                actor=secretariat,
                meeting=meeting,
                section_type="for_consideration",
                title=f"พิจารณา{services.project_name(p)} ({p.code}) ขอรับการสนับสนุนจากกองทุน",
                presenter="ฝ่ายเลขานุการ",
            )
            p.agenda_item = item
            p.save()
        if state in VOTED:
            if item is not None:
                present = sorted(
                    (
                        a.member
                        for a in meeting.attendance.filter(status__in=("present", "stand_in")).select_related("member")
                    ),
                    key=lambda m: m.order,
                )
                ballot = _ballot(
                    p,
                    mode=BallotMode.MEETING,
                    agenda_item=item,
                    opened_by=chair,
                    members=present,
                    choices=_votes_for(p, extra),
                    closed=True,
                )
                from meetings.services import record_resolution

                outcome = services.RESOLUTION_OUTCOME.get(ballot.result, "deferred")
                record_resolution(actor=secretariat, agenda_item=item, outcome=outcome, text=ballot.result_text)
            else:
                _ballot(
                    p,
                    mode=BallotMode.CIRCULATION,
                    agenda_item=None,
                    opened_by=secretariat,
                    members=seats,
                    choices=_votes_for(p, extra),
                    closed=True,
                    deadline=timezone.now() - dt.timedelta(days=30),
                )
            _after_vote(p, state)
        elif state == S.VOTING:
            _ballot(
                p,
                mode=BallotMode.CIRCULATION,
                agenda_item=None,
                opened_by=secretariat,
                members=[s for s in seats if s.user_id is None][:5],
                choices=["approve", "approve", "in_principle", "abstain", "approve"],
                closed=False,
                deadline=timezone.now() + dt.timedelta(days=7),
            )
        elif state == S.TABLED and item is None:
            # no meeting open for agenda items: keep it waiting for one instead
            p.state = S.UNDER_REVIEW
            p.save()
        made += 1
    return made


def load(ctx: dict) -> dict | None:
    meetings = ctx.get("meetings") or {}
    _province(
        ctx,
        "11",
        SAMUT_PRAKAN,
        2564,
        dt.date(2021, 3, 1),
        meetings.get("sp-2-2564"),
        ("1101", "เมืองสมุทรปราการ"),
        ("110101", "ปากน้ำ"),
        secretariat_name="sp-secretariat",
        chair_name="sp-chair",
        vote_at_meeting=True,
    )
    _province(
        ctx,
        "95",
        YALA,
        2567,
        dt.date(2023, 11, 1),
        meetings.get("yala-2566-09-12"),
        ("9501", "เมืองยะลา"),
        ("950101", "สะเตง"),
        secretariat_name="yala-secretariat",
        chair_name="yala-secretariat",  # Yala's chair has no demo account; its votes were circulated
        vote_at_meeting=False,
    )
    return None
