"""Set-up shared by the fund proposal tests: complete proposals in any state, meetings, ballots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from committees.choices import Role
from core.pillars import Pillar
from fundproposals import services
from fundproposals.choices import BallotMode, OrganisationType, ProposalState
from fundproposals.models import Activity, Ballot, BudgetLine, Proposal, ProposalPillar
from meetings.models import AgendaItem, Attendance, Meeting

_meeting_numbers: dict[int, int] = {}


def complete_proposal(
    world,
    *,
    owner=None,
    province=None,
    state: str = ProposalState.DRAFT,
    title: str = "โครงการอบรมสร้างความตระหนักรู้การป้องกันการค้ามนุษย์",
    requested: str = "150000.00",
    cofunding: str = "20000.00",
    pillars=(Pillar.PREVENTION,),
    lines=None,
    **over,
) -> Proposal:
    """A proposal with every field of กปค.01 filled in, budget lines adding up; in ``state``."""
    province = province or world.own
    owner = owner or (world.users[Role.PROPOSER] if province == world.own else world.other_users[Role.PROPOSER])
    requested_d, cofunding_d = Decimal(requested), Decimal(cofunding)
    district = "1101" if province.code == "11" else "9501"
    subdistrict = "110101" if province.code == "11" else "950101"
    names = ("เมืองสมุทรปราการ", "ปากน้ำ") if province.code == "11" else ("เมืองยะลา", "สะเตง")
    p = Proposal.objects.create(
        province=province,
        fiscal_year=over.pop("fiscal_year", 2567),
        proposer=owner,
        title=title,
        organisation="เครือข่ายอาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.)",
        organisation_type=OrganisationType.PRIVATE,
        responsible_name="นายบุญส่ง อาสา",
        responsible_position="ประธานเครือข่าย อพม.",
        responsible_phone="081-234-5678",
        rationale="พื้นที่มีแรงงานข้ามชาติจำนวนมาก เสี่ยงต่อการถูกแสวงประโยชน์",
        objectives="เพื่อสร้างความตระหนักรู้",
        targets="ผู้เข้าร่วม 100 คน",
        target_group="อพม. ผู้นำชุมชน ครู",
        target_count=100,
        district_code=district,
        subdistrict_code=subdistrict,
        district_name=names[0],
        subdistrict_name=names[1],
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 6, 30),
        total_budget=requested_d + cofunding_d,
        requested_amount=requested_d,
        cofunding_amount=cofunding_d,
        cofunding_source="องค์การบริหารส่วนจังหวัด" if cofunding_d else "",
        fund_need="ไม่มีงบประมาณของหน่วยงานเพียงพอ",
        staffing="อพม. 10 คน",
        indicators="ผู้เข้าร่วมร้อยละ 80 มีความรู้เพิ่มขึ้น",
        evaluation="แบบทดสอบก่อนและหลัง",
        expected_results="ชุมชนเฝ้าระวังการค้ามนุษย์ได้",
        **over,
    )
    for pillar in pillars:
        ProposalPillar.objects.create(proposal=p, pillar=pillar)
    Activity.objects.create(proposal=p, order=1, name="อบรมเชิงปฏิบัติการ", period="ม.ค. 2567", cost=requested_d)
    for i, (item, amount) in enumerate(
        lines or [("ค่าอาหารและอาหารว่าง", requested_d), ("ค่าวิทยากร (งบสมทบ)", cofunding_d)], start=1
    ):
        BudgetLine.objects.create(proposal=p, order=i, item=item, amount=Decimal(amount))
    if state != ProposalState.DRAFT:
        with transaction.atomic():
            p.code = services.next_project_code(province, p.fiscal_year)
        p.revision = 1
        p.received_on = timezone.localdate()
        p.state = state
        p.save()
    return p


def make_meeting(world, *, province=None, state: str = "held", present=None, starts_at=None) -> Meeting:
    """A meeting of the province's subcommittee; ``present`` seats marked present (default: every seat)."""
    sc = world.own_sc if (province or world.own) == world.own else world.other_sc
    n = _meeting_numbers.get(sc.pk, 0) + 1
    while Meeting.objects.filter(subcommittee=sc, number=n, number_year=2567).exists():
        n += 1
    _meeting_numbers[sc.pk] = n
    m = Meeting.objects.create(
        subcommittee=sc,
        number=n,
        number_year=2567,
        numbering_basis="calendar",
        fiscal_year=2567,
        starts_at=starts_at or timezone.now() - dt.timedelta(hours=1),
        place="ห้องประชุมศาลากลางจังหวัด",
        state=state,
    )
    for order, section in enumerate(
        ["chair_informs", "adopt_minutes", "follow_up", "for_information", "for_consideration", "other"], start=1
    ):
        AgendaItem.objects.create(meeting=m, section_type=section, order=order, title=section)
    seats = present if present is not None else list(sc.members.all())
    for i, seat in enumerate(seats):
        Attendance.objects.create(meeting=m, member=seat, status="present", order=i)
    return m


def tabled_proposal(world, *, meeting=None, **kw):
    """A proposal on the meeting's agenda (section 5), state ``tabled``."""
    meeting = meeting or make_meeting(world, province=kw.get("province"))
    p = complete_proposal(world, state=ProposalState.TABLED, **kw)
    section = AgendaItem.objects.filter(meeting=meeting, parent__isnull=True, section_type="for_consideration").first()
    if section is None:
        section = AgendaItem.objects.create(
            meeting=meeting, section_type="for_consideration", order=5, title="เรื่องเพื่อพิจารณา"
        )
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=section,
        section_type="for_consideration",
        order=section.children.count() + 1,
        title=f"พิจารณา{p.title}",
    )
    p.agenda_item = item
    p.save()
    return p


def voting_proposal(world, *, meeting=None, **kw):
    """A tabled proposal with an open meeting ballot."""
    p = tabled_proposal(world, meeting=meeting, **kw)
    p.state = ProposalState.VOTING
    p.save()
    ballot = Ballot.objects.create(
        proposal=p, mode=BallotMode.MEETING, agenda_item=p.agenda_item, opened_by=world.users[Role.CHAIR]
    )
    return p, ballot


def circulating_proposal(world, *, deadline=None, **kw):
    p = complete_proposal(world, state=ProposalState.VOTING, **kw)
    ballot = Ballot.objects.create(
        proposal=p,
        mode=BallotMode.CIRCULATION,
        deadline=deadline or timezone.now() + dt.timedelta(days=3),
        opened_by=world.users[Role.SECRETARIAT],
    )
    return p, ballot


def seats(world, province="own"):
    """Every seat of the subcommittee in seating order: chair, member, then four others."""
    s = world.seats[province]
    return [s["chair"], s["member"], *s["others"]]
