"""Every main page costs at most 10 queries, the same at 5, 50 and 500 rows (issue #12).

Rows are bulk-created (this is volume, not behaviour): lists at 5, 50 and 500 rows, detail
pages at 5 and 50 children. A list never shows more than PAGE_SIZE rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from actionplans.models import ActionPlan, Activity, Progress, SituationReport
from committees.choices import Role
from committees.models import Province, Subcommittee
from core.models import AuditEvent
from fundproposals.models import Proposal, ProposalPillar
from meetings.models import AgendaItem, Meeting
from tests.factories import SubcommitteeFactory
from tests.harness import PAGE_QUERY_BUDGET, assert_constant_queries, assert_page_budget, count_queries

pytestmark = pytest.mark.django_db

YEARS = range(2560, 2580)


def _subcommittees() -> list[Subcommittee]:
    return [SubcommitteeFactory(province=p) for p in Province.objects.order_by("code")]


def _grow_plans(n: int) -> None:
    have = ActionPlan.objects.count()
    if have >= n:
        return
    scs = _subcommittees()
    taken = set(ActionPlan.objects.values_list("subcommittee_id", "fiscal_year"))
    pairs = [(sc, fy) for fy in YEARS for sc in scs if (sc.pk, fy) not in taken][: n - have]
    ActionPlan.objects.bulk_create(
        [ActionPlan(subcommittee=sc, fiscal_year=fy, title=f"แผน {sc.province.name_th} {fy}") for sc, fy in pairs]
    )


def _grow_reports(n: int) -> None:
    have = SituationReport.objects.count()
    if have >= n:
        return
    scs = _subcommittees()
    taken = set(SituationReport.objects.values_list("subcommittee_id", "year"))
    pairs = [(sc, y) for y in YEARS for sc in scs if (sc.pk, y) not in taken][: n - have]
    SituationReport.objects.bulk_create([SituationReport(subcommittee=sc, year=y) for sc, y in pairs])


def _meetings(sc: Subcommittee, n: int) -> None:
    have = Meeting.objects.filter(subcommittee=sc).count()
    if have >= n:
        return
    start = timezone.make_aware(dt.datetime(2020, 1, 1, 9, 30))
    made = Meeting.objects.bulk_create(
        [
            Meeting(
                subcommittee=sc,
                number=1000 + k,
                number_year=2563 + k // 100,
                numbering_basis="calendar",
                fiscal_year=2563 + k // 100,
                starts_at=start + dt.timedelta(days=k),
                place="ห้องประชุม",
                state="adopted",
            )
            for k in range(have, n)
        ]
    )
    sections = AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=m, section_type="for_consideration", order=5, title="เพื่อพิจารณา") for m in made]
    )
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=s.meeting, parent=s, section_type="for_consideration", order=k + 1, title=f"เรื่อง {k}")
            for s in sections
            for k in range(2)
        ]
    )


def _grow_proposals(province: Province, user):
    def grow(n: int) -> None:
        have = Proposal.objects.filter(province=province).count()
        made = Proposal.objects.bulk_create(
            [
                Proposal(
                    province=province,
                    fiscal_year=2567,
                    code=f"ปคม/2567/{province.code}/{k:04d}",
                    state="submitted",
                    proposer=user,
                    title=f"โครงการที่ {k}",
                    organisation="หน่วยงาน",
                    requested_amount=Decimal(1000 + k),
                    revision=1,
                )
                for k in range(have, n)
            ]
        )
        ProposalPillar.objects.bulk_create(
            [ProposalPillar(proposal=p, pillar=pillar) for p in made for pillar in ("prevention", "database")]
        )

    return grow


def _grow_audit(province: Province):
    def grow(n: int) -> None:
        have = AuditEvent.objects.count()
        ct = ContentType.objects.get_for_model(Province)
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    action="member.update",
                    target_type=ct,
                    target_id=str(province.pk),
                    target_repr=province.name_th,
                    province=province,
                    changes={"position": ["ก", f"ข {k}"]},
                )
                for k in range(have, n)
            ]
        )

    return grow


def _rows(html: str) -> int:
    return html.count("<tr") - html.count("<thead") - html.count("<tfoot")


def test_plans_list(world, client_for):
    c = client_for(world.users[Role.NATIONAL])
    assert_page_budget(c, "/plans/", _grow_plans)
    assert _rows(c.get("/plans/").content.decode()) <= settings.PAGE_SIZE + 1


def test_plans_list_keeps_filters_in_page_links(world, client_for):
    _grow_plans(500)
    html = client_for(world.users[Role.NATIONAL]).get("/plans/?fiscal_year=2561").content.decode()
    assert "fiscal_year=2561&amp;page=2" in html


def test_situation_list(world, client_for):
    assert_page_budget(client_for(world.users[Role.NATIONAL]), "/plans/situation/", _grow_reports)


def test_meetings_list(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    assert_page_budget(c, "/meetings/", lambda n: _meetings(world.own_sc, n))
    html = c.get("/meetings/").content.decode()
    assert _rows(html) <= settings.PAGE_SIZE + 1
    assert "<td>2</td>" in html  # each meeting's sub-items counted


def test_proposals_list_and_totals(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    assert_page_budget(c, "/proposals/", _grow_proposals(world.own, world.users[Role.PROPOSER]))


def test_audit_list(world, client_for):
    assert_page_budget(client_for(world.users[Role.NATIONAL]), "/audit/", _grow_audit(world.own))


@pytest.mark.parametrize("url", ["/provinces/", "/risk-groups/2567/", "/plans/status/?fiscal_year=2567", "/reports/"])
def test_national_pages(world, client_for, url):
    _subcommittees()
    c = client_for(world.users[Role.NATIONAL])
    c.get(url)
    assert count_queries(c, url) <= PAGE_QUERY_BUDGET


def test_province_page(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    assert_constant_queries(
        c, f"/provinces/{world.own.code}/", lambda n: _meetings(world.own_sc, n), budget=PAGE_QUERY_BUDGET
    )


def test_plan_page(world, client_for):
    plan = ActionPlan.objects.create(subcommittee=world.own_sc, fiscal_year=2567, title="แผน")

    def grow(n: int) -> None:
        have = plan.activities.count()
        acts = Activity.objects.bulk_create(
            [
                Activity(
                    plan=plan,
                    order=k + 1,
                    pillar=["prosecution", "prevention", "protection", "database"][k % 4],
                    name=f"กิจกรรม {k}",
                    target_quantity=4,
                    target_unit="ครั้ง",
                    q1=True,
                    budget=Decimal(1000),
                    budget_source="province",
                    responsible_agency="หน่วยงาน",
                )
                for k in range(have, n)
            ]
        )
        Progress.objects.bulk_create(
            [Progress(activity=a, quarter=1, done="x", quantity_achieved=1, budget_spent=Decimal(10)) for a in acts]
        )

    assert_constant_queries(
        client_for(world.users[Role.SECRETARIAT]), f"/plans/{plan.pk}/", grow, budget=PAGE_QUERY_BUDGET
    )


def test_meeting_detail_and_minutes_editor(world, client_for):
    m = Meeting.objects.create(
        subcommittee=world.own_sc,
        number=1,
        number_year=2567,
        numbering_basis="calendar",
        fiscal_year=2567,
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="ห้องประชุม",
        state="held",
    )
    section = AgendaItem.objects.create(meeting=m, section_type="for_consideration", order=5, title="เพื่อพิจารณา")

    def grow(n: int) -> None:
        have = m.agenda_items.filter(parent__isnull=False).count()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=m, parent=section, section_type="for_consideration", order=k + 1, title=f"เรื่อง {k}")
                for k in range(have, n)
            ]
        )

    c = client_for(world.users[Role.SECRETARIAT])
    for url in (f"/meetings/{m.pk}/", f"/meetings/{m.pk}/minutes/edit/"):
        assert_constant_queries(c, url, grow, budget=PAGE_QUERY_BUDGET)


def test_plan_page_figures_are_the_databases(world):
    """The plan page computes progress in Python; it must say what the database says."""
    from actionplans import selectors

    plan = ActionPlan.objects.create(subcommittee=world.own_sc, fiscal_year=2567, title="แผน")
    for k in range(12):
        a = Activity.objects.create(
            plan=plan,
            order=k + 1,
            pillar=["prosecution", "prevention", "protection", "database"][k % 4],
            name=f"กิจกรรม {k}",
            target_quantity=3 + k,
            target_unit="ครั้ง",
            q1=k % 2 == 0,
            q2=k % 3 == 0,
            q3=True,
            q4=k % 4 == 1,
            budget=Decimal(1000 + k),
            budget_source=["province", "fund"][k % 2],
            responsible_agency="หน่วยงาน",
        )
        for q in range(1, 1 + k % 4):
            Progress.objects.create(
                activity=a, quarter=q, done="x", quantity_achieved=k % 5, budget_spent=Decimal(k * 10 + q)
            )
    fields = ["achieved", "spent", "scheduled", "ended_scheduled", "percent", "due_now", "is_late"]
    for today in (dt.date(2023, 12, 1), dt.date(2024, 4, 15), dt.date(2024, 9, 1), dt.date(2025, 1, 1)):
        db = {a.pk: [getattr(a, f) for f in fields] for a in selectors.activities_with_progress(plan, today)}
        page = {a.pk: [getattr(a, f) for f in fields] for a in selectors.activities_for_page(plan, today)}
        assert page == db
        pillars, totals, by_source = selectors.plan_figures(selectors.activities_for_page(plan, today))
        assert pillars == selectors.pillar_summary(plan, today)
        assert totals == selectors.plan_totals(plan, today)
        assert by_source == list(selectors.budget_by_source(plan))


def test_proposal_detail_within_budget_at_5_50_500_children(world, client_for):
    """Proposal detail: at most 10 queries for the chair, the secretariat and the proposer (an editable
    draft, whose page also lists what is missing), whatever the number of activities, budget lines,
    reviews, votes and audit events (issue #12: it was 11)."""
    from committees.models import Member
    from fundproposals.models import Activity, BudgetLine, Review, Vote
    from tests.fundproposals.helpers import complete_proposal, voting_proposal

    voting, ballot = voting_proposal(world)
    draft = complete_proposal(world, title="ร่างโครงการ")
    proposal_type = ContentType.objects.get_for_model(Proposal)

    def grow_for(p, with_votes):
        def grow(n: int) -> None:
            have = p.activities.count()
            Activity.objects.bulk_create(
                [Activity(proposal=p, order=100 + k, name=f"กิจกรรม {k}", cost=0) for k in range(have, n)]
            )
            BudgetLine.objects.bulk_create(
                [BudgetLine(proposal=p, order=100 + k, item=f"รายการ {k}", amount=0) for k in range(have, n)]
            )
            AuditEvent.objects.bulk_create(
                [
                    AuditEvent(
                        action=["proposal.update", "ballot.vote"][k % 2],
                        target_type=proposal_type,
                        target_id=str(p.pk),
                        target_repr=p.title,
                        province_id=p.province_id,
                        changes={},
                    )
                    for k in range(have, n)
                ]
            )
            if with_votes:
                members = Member.objects.bulk_create(
                    [
                        Member(subcommittee=world.own_sc, full_name=f"กรรมการ {k}", position="กรรมการ")
                        for k in range(have, n)
                    ]
                )
                Review.objects.bulk_create(
                    [
                        Review(
                            proposal=p, member=m, author=world.users[Role.CHAIR], analysis="x", recommendation="approve"
                        )
                        for m in members
                    ]
                )
                Vote.objects.bulk_create(
                    [Vote(ballot=ballot, member=m, choice="approve", cast_by=world.users[Role.CHAIR]) for m in members]
                )

        return grow

    for role in (Role.CHAIR, Role.SECRETARIAT):
        c = client_for(world.users[role])
        url = f"/proposals/{voting.pk}/"
        assert_page_budget(c, url, grow_for(voting, with_votes=True))
        assert c.get(url).context["see_votes"]
    owner = client_for(world.users[Role.PROPOSER])
    assert_page_budget(owner, f"/proposals/{draft.pk}/", grow_for(draft, with_votes=False))
    assert owner.get(f"/proposals/{draft.pk}/").context["editable"]


def _item_with_everything(world, *, scheduled: bool = False):
    """A held meeting's section-5 item with a resolution and an open decision (``scheduled``: a coming
    meeting's, whose agenda the secretariat still edits); ``grow(n)`` gives it n more members (present),
    papers, conflicts, votes and wordings of its resolution."""
    from committees.models import Member
    from fundproposals.models import Ballot, Vote
    from meetings import services as meeting_services
    from meetings.choices import SectionType
    from meetings.models import AgendaPaper, Attendance, ConflictOfInterest, ResolutionWording
    from tests.meetings.helpers import held, schedule

    m = schedule(world) if scheduled else held(world, present=5)
    sec_user = world.users[Role.SECRETARIAT]
    item = meeting_services.add_agenda_item(
        actor=sec_user, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณาเรื่องทดสอบ"
    )
    res = (
        meeting_services.record_resolution(actor=sec_user, agenda_item=item, outcome="approved", text="เห็นชอบ")
        if not scheduled
        else None
    )
    ballot = Ballot.objects.create(
        province=world.own, agenda_item=item, mode="meeting", method="devices", opened_by=sec_user
    )

    def grow(n: int) -> None:
        have = Member.objects.filter(subcommittee=world.own_sc, full_name__startswith="กรรมการเพิ่ม").count()
        members = Member.objects.bulk_create(
            [Member(subcommittee=world.own_sc, full_name=f"กรรมการเพิ่ม {k}", position="กรรมการ") for k in range(have, n)]
        )
        Attendance.objects.bulk_create([Attendance(meeting=m, member=x, status="present") for x in members])
        ConflictOfInterest.objects.bulk_create(
            [ConflictOfInterest(agenda_item=item, member=x, reason="ญาติ", declared_by=sec_user) for x in members]
        )
        Vote.objects.bulk_create([Vote(ballot=ballot, member=x, choice="approve", cast_by=sec_user) for x in members])
        AgendaPaper.objects.bulk_create(
            [
                AgendaPaper(
                    agenda_item=item,
                    file=f"papers/p{k}.pdf",
                    display_name=f"เอกสาร {k}.pdf",
                    content_type="application/pdf",
                    size=10,
                    sha256="0" * 64,
                    uploaded_by=sec_user,
                )
                for k in range(have, n)
            ]
        )
        if res is None:
            return
        last = res.wordings.count()
        ResolutionWording.objects.bulk_create(
            [
                ResolutionWording(
                    resolution=res, number=last + 1 + k, text=f"ฉบับ {k}", source="record", changed_by=sec_user
                )
                for k in range(n - have)
            ]
        )

    return item, grow


def test_agenda_item_page_within_budget_at_5_50_500(world, client_for):
    """The agenda item page (issue #12: it was 16 queries): at most 10 for the secretariat (who manages the
    meeting, with the decision card, the forms and the conflict list) and for a member, the same at 5, 50 and
    500 members, papers, conflicts, wordings of its resolution and votes on its decision."""
    item, grow = _item_with_everything(world)
    sec_user = world.users[Role.SECRETARIAT]
    url = f"/meetings/items/{item.pk}/"
    for role in (Role.SECRETARIAT, Role.MEMBER):
        c = client_for(world.users[role])
        assert_page_budget(c, url, grow)
    page = client_for(sec_user).get(url)
    assert page.status_code == 200 and page.context["decision"] is not None
    assert len(page.context["papers"]) == 500 and len(page.context["conflicts"]) == 500
    from meetings.selectors import item_quorum

    assert page.context["quorum"] == item_quorum(item)  # the same as counted from the database alone
    # a coming meeting's item: the secretariat also edits it (the form lists the earlier meetings)
    coming, grow_coming = _item_with_everything(world, scheduled=True)
    c = client_for(sec_user)
    assert_page_budget(c, f"/meetings/items/{coming.pk}/", grow_coming)
    assert c.get(f"/meetings/items/{coming.pk}/").context["can_edit_agenda"]


# Pages of the permission matrix that cost more than the budget before 29 Nov 2026 (issue #12): the proposal
# form's sections (13: the proposal read twice), the minutes page (11: the minutes read twice) and the
# e-meeting room (11: the members read twice, for the user's seat and the vouching form).
OVER_BUDGET_BEFORE = ("fundproposals:edit", "meetings:minutes", "emeetings:room")


@pytest.mark.parametrize("name", OVER_BUDGET_BEFORE)
def test_matrix_pages_once_over_budget(name, world, client_for):
    from tests.harness import ROLES
    from tests.test_permission_matrix import PAGES

    page = next(p for p in PAGES if p.name == name)
    if page.setup:
        page.setup(world)
    url = page.own(world)
    for role in ROLES:
        if role not in page.allowed:
            continue
        c = client_for(world.users[role])
        c.get(url)  # per-process caches (content types)
        n = count_queries(c, url)
        assert n <= PAGE_QUERY_BUDGET, f"{name} as {role}: {n} queries"
