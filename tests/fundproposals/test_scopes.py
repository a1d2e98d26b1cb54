"""Who sees which proposals, the list's filters and totals, and what pages cost in queries."""

from decimal import Decimal

from committees.choices import GrantRole, Role
from core.pillars import Pillar
from fundproposals.choices import ProposalState
from fundproposals.models import Review, Vote
from tests.factories import MemberFactory, RoleGrantFactory, UserFactory
from tests.fundproposals.helpers import complete_proposal, voting_proposal
from tests.harness import assert_constant_queries


def _second_proposer(world):
    user = UserFactory(username="another-proposer")
    RoleGrantFactory(user=user, role=GrantRole.PROPOSER, province=world.own)
    return user


def test_a_proposer_sees_only_their_own_proposals(world, client_for):
    mine = complete_proposal(world, title="โครงการของฉัน", state=ProposalState.SUBMITTED)
    other_owner = _second_proposer(world)
    theirs = complete_proposal(world, owner=other_owner, title="โครงการของผู้เสนอรายอื่น", state=ProposalState.SUBMITTED)
    c = client_for(world.users[Role.PROPOSER])
    listing = c.get("/proposals/").content.decode()
    assert "โครงการของฉัน" in listing and "โครงการของผู้เสนอรายอื่น" not in listing
    assert c.get(f"/proposals/{mine.pk}/").status_code == 200
    for url in ("", "revisions/", "edit/general/", "step/withdraw/"):
        assert c.get(f"/proposals/{theirs.pk}/{url}").status_code == 404
    # and nothing of it through a step either
    assert c.post(f"/proposals/{theirs.pk}/step/withdraw/", {"reason": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == ProposalState.SUBMITTED


def test_members_and_viewers_see_their_province_national_sees_all(world, client_for):
    complete_proposal(world, title="โครงการสมุทรปราการ")
    complete_proposal(world, province=world.other, title="โครงการยะลา")
    for role in (Role.MEMBER, Role.VIEWER, Role.SECRETARIAT, Role.CHAIR):
        text = client_for(world.users[role]).get("/proposals/").content.decode()
        assert "โครงการสมุทรปราการ" in text and "โครงการยะลา" not in text, role
    text = client_for(world.users[Role.NATIONAL]).get("/proposals/").content.decode()
    assert "โครงการสมุทรปราการ" in text and "โครงการยะลา" in text


def test_filters_and_totals_by_pillar_are_summed_in_the_database(world, client_for):
    complete_proposal(world, title="ก", pillars=[Pillar.PREVENTION], requested="100000.25", cofunding="0")
    b = complete_proposal(
        world, title="ข", pillars=[Pillar.PREVENTION, Pillar.PROTECTION], requested="50000.50", cofunding="0"
    )
    b.recommended_amount = Decimal("40000.00")
    b.fund_approved_amount = Decimal("30000.00")
    b.organisation_type = "local"
    b.save()
    c = client_for(world.users[Role.SECRETARIAT])
    page = c.get("/proposals/").content.decode()
    assert "150,000.75" in page  # prevention requested: 100,000.25 + 50,000.50
    assert "40,000.00" in page and "30,000.00" in page
    filtered = c.get("/proposals/?pillar=protection").content.decode()
    assert ">ข<" in filtered and ">ก<" not in filtered
    assert ">ก<" not in c.get("/proposals/?organisation_type=local").content.decode()
    assert ">ก<" in c.get("/proposals/?fiscal_year=2567&state=draft").content.decode()


def test_who_voted_what_is_for_the_subcommittee_the_tally_for_everyone(world, client_for):
    p, ballot = voting_proposal(world)
    seat = world.seats["own"]["others"][0]
    Vote.objects.create(ballot=ballot, member=seat, choice="approve", cast_by=world.users[Role.CHAIR])
    chair_page = client_for(world.users[Role.CHAIR]).get(f"/proposals/ballots/{ballot.pk}/close/").content.decode()
    assert seat.full_name in chair_page
    assert seat.full_name in client_for(world.users[Role.MEMBER]).get(f"/proposals/{p.pk}/").content.decode()
    for role in (Role.VIEWER, Role.PROPOSER):
        assert seat.full_name not in client_for(world.users[role]).get(f"/proposals/{p.pk}/").content.decode()
        assert (
            seat.full_name not in client_for(world.users[role]).get(f"/proposals/ballots/{ballot.pk}/").content.decode()
        )


def test_list_cost_does_not_grow_with_proposals(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])

    def grow(n):
        from fundproposals.models import Proposal

        while Proposal.objects.count() < n:
            complete_proposal(world, pillars=[Pillar.PREVENTION, Pillar.DATABASE])

    assert_constant_queries(c, "/proposals/", grow)


def test_detail_cost_does_not_grow_with_lines_reviews_and_votes(world, client_for):
    p, ballot = voting_proposal(world)
    c = client_for(world.users[Role.CHAIR])

    def grow(n):
        from fundproposals.models import Activity, BudgetLine

        for i in range(n - p.activities.count()):
            Activity.objects.create(proposal=p, order=10 + i, name=f"กิจกรรม {i}", cost=0)
            BudgetLine.objects.create(proposal=p, order=10 + i, item=f"รายการ {i}", amount=0)
        while Review.objects.filter(proposal=p).count() < n:
            m = MemberFactory(subcommittee=world.own_sc)
            Review.objects.create(
                proposal=p, member=m, author=world.users[Role.CHAIR], analysis="x", recommendation="approve"
            )
            Vote.objects.create(ballot=ballot, member=m, choice="approve", cast_by=world.users[Role.CHAIR])

    assert_constant_queries(c, f"/proposals/{p.pk}/", grow)


def test_ballot_pages_cost_does_not_grow_with_votes(world, client_for):
    _p, ballot = voting_proposal(world)
    c = client_for(world.users[Role.CHAIR])

    def grow(n):
        while Vote.objects.filter(ballot=ballot).count() < n:
            m = MemberFactory(subcommittee=world.own_sc)
            Vote.objects.create(ballot=ballot, member=m, choice="reject", cast_by=world.users[Role.CHAIR])

    assert_constant_queries(c, f"/proposals/ballots/{ballot.pk}/close/", grow)
    assert_constant_queries(c, f"/proposals/ballots/{ballot.pk}/", grow)


def test_api_lists_the_callers_scope_with_money_as_decimal_strings(world, client_for):
    mine = complete_proposal(world, title="โครงการของฉัน", state=ProposalState.SUBMITTED, requested="150000.50")
    complete_proposal(world, owner=_second_proposer(world), title="ของผู้อื่น")
    complete_proposal(world, province=world.other, title="ของยะลา")
    data = client_for(world.users[Role.PROPOSER]).get("/api/v1/proposals/").json()
    assert [r["title"] for r in data["results"]] == ["โครงการของฉัน"]
    row = data["results"][0]
    assert row["requested_amount"] == "150000.50" and row["code"] == mine.code and row["pillars"] == ["prevention"]
    titles = {r["title"] for r in client_for(world.users[Role.NATIONAL]).get("/api/v1/proposals/").json()["results"]}
    assert titles == {"โครงการของฉัน", "ของผู้อื่น", "ของยะลา"}
    viewer = client_for(world.users[Role.VIEWER]).get("/api/v1/proposals/").json()
    assert {r["title"] for r in viewer["results"]} == {"โครงการของฉัน", "ของผู้อื่น"}


def test_api_list_cost_does_not_grow(world, client_for):
    c = client_for(world.users[Role.NATIONAL])

    def grow(n):
        from fundproposals.models import Proposal

        while Proposal.objects.count() < n:
            complete_proposal(world)

    assert_constant_queries(c, "/api/v1/proposals/", grow)


def test_api_refuses_anonymous_and_hides_other_provinces(world, client_for):
    other = complete_proposal(world, province=world.other, title="ของยะลา")
    assert client_for(None).get("/api/v1/proposals/").status_code in (401, 403)
    for role in (Role.SECRETARIAT, Role.MEMBER, Role.VIEWER, Role.PROPOSER, Role.CHAIR):
        assert client_for(world.users[role]).get(f"/api/v1/proposals/{other.pk}/").status_code == 404
    assert client_for(world.users[Role.NATIONAL]).get(f"/api/v1/proposals/{other.pk}/").status_code == 200


def test_the_proposer_is_not_sent_to_meeting_pages_they_cannot_open(world, client_for):
    from tests.fundproposals.helpers import voting_proposal

    proposal, ballot = voting_proposal(world)
    minutes_url = f"/meetings/{ballot.agenda_item.meeting_id}/minutes/"
    proposer = client_for(proposal.proposer)
    assert proposer.get(minutes_url).status_code == 404
    assert minutes_url not in proposer.get(f"/proposals/{proposal.pk}/").content.decode()
    member_page = client_for(world.users["member"]).get(f"/proposals/{proposal.pk}/").content.decode()
    assert minutes_url in member_page
