"""Home is a personal inbox: what waits for each role, counted in constant queries."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from committees.choices import GrantRole, Role
from fundproposals.choices import BallotMode, BallotState, ProposalState
from fundproposals.models import Ballot, Proposal, Vote
from tests.factories import RoleGrantFactory
from tests.fundproposals.helpers import circulating_proposal, complete_proposal
from tests.harness import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_counts():
    cache.clear()


def _item(html: str, key: str) -> str:
    start = html.find(f'data-inbox="{key}"')
    return html[start : html.find("</li>", start)] if start >= 0 else ""


def _grow(world, n: int) -> None:
    """``n`` proposals waiting for the secretariat's check and ``n`` circulated votes open to members."""
    have = Proposal.objects.filter(province=world.own, state=ProposalState.SUBMITTED).count()
    proposer = world.users[Role.PROPOSER]
    Proposal.objects.bulk_create(
        [
            Proposal(
                province=world.own,
                fiscal_year=2568,
                code=f"ปคม/2568/ตรวจ/{have + i:04d}",
                title=f"โครงการ {i}",
                proposer=proposer,
                state=ProposalState.SUBMITTED,
            )
            for i in range(n - have)
        ]
    )
    have = Ballot.objects.filter(proposal__province=world.own, state=BallotState.OPEN).count()
    voting = Proposal.objects.bulk_create(
        [
            Proposal(
                province=world.own,
                fiscal_year=2568,
                code=f"ปคม/2568/มติ/{have + i:04d}",
                title=f"ลงมติ {i}",
                proposer=proposer,
                state=ProposalState.VOTING,
            )
            for i in range(n - have)
        ]
    )
    Ballot.objects.bulk_create(
        [
            Ballot(
                proposal=p,
                province_id=p.province_id,
                mode=BallotMode.CIRCULATION,
                deadline=timezone.now() + dt.timedelta(days=2, minutes=i),
                opened_by=world.users[Role.SECRETARIAT],
            )
            for i, p in enumerate(voting)
        ]
    )
    cache.clear()


def test_member_sees_the_open_vote_with_its_deadline_until_voting(world, client_for):
    _p, ballot = circulating_proposal(world, deadline=timezone.now() + dt.timedelta(days=1))
    member = client_for(world.users[Role.MEMBER])
    html = member.get("/").content.decode()
    row = _item(html, "votes_open")
    assert f"/proposals/ballots/{ballot.pk}/" in row and "กำหนด" in row
    assert 'data-testid="nav-inbox"' in html
    Vote.objects.create(
        ballot=ballot, member=world.seats["own"]["member"], choice="approve", cast_by=world.users[Role.MEMBER]
    )
    cache.clear()
    assert _item(member.get("/").content.decode(), "votes_open") == ""
    # another province's member is told nothing of it
    assert _item(client_for(world.other_users[Role.MEMBER]).get("/").content.decode(), "votes_open") == ""


def test_secretariat_sees_proposals_to_check_and_the_chair_a_tie(world, client_for):
    complete_proposal(world, state=ProposalState.SUBMITTED)
    complete_proposal(world, state=ProposalState.SUBMITTED)
    html = client_for(world.users[Role.SECRETARIAT]).get("/").content.decode()
    assert ">2</span>" in _item(html, "proposals_to_check")
    assert _item(client_for(world.other_users[Role.SECRETARIAT]).get("/").content.decode(), "proposals_to_check") == ""
    _p, ballot = circulating_proposal(world, deadline=timezone.now() - dt.timedelta(minutes=5))
    chair = client_for(world.users[Role.CHAIR]).get("/").content.decode()
    assert f"/proposals/ballots/{ballot.pk}/close/" in _item(chair, "casting_vote")


def test_proposer_home_lists_its_provinces_and_returned_proposals(world, client_for):
    proposer = world.users[Role.PROPOSER]
    RoleGrantFactory(user=proposer, role=GrantRole.PROPOSER, province=world.other)
    complete_proposal(world, state=ProposalState.RETURNED)
    html = client_for(proposer).get("/").content.decode()
    provinces = html[html.find('data-testid="my-provinces"') :]
    assert world.own.name_th in provinces and world.other.name_th in provinces
    assert "ท่านยังไม่มีสิทธิ์ในจังหวัดใด" not in html
    assert "returned" in _item(html, "returned") or ">1</span>" in _item(html, "returned")


def test_nav_shows_the_inbox_count_on_every_page(world, client_for):
    _grow(world, 3)
    member = client_for(world.users[Role.MEMBER])
    html = member.get("/provinces/").content.decode()
    nav = html[html.find('data-testid="nav-inbox"') :][:400]
    assert ">3</span>" in nav


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MEMBER, Role.CHAIR, Role.NATIONAL, Role.PROPOSER])
def test_inbox_costs_at_most_ten_queries_with_5_or_500_waiting(world, client_for, role):
    user = world.users[role]
    client = client_for(user)
    counts = []
    for n in (5, 500):
        _grow(world, n)
        client.get("/")
        cache.clear()
        counts.append(count_queries(client, "/"))
    assert counts[0] == counts[1] <= 10, counts
    if role == Role.SECRETARIAT:
        assert ">500</span>" in _item(client.get("/").content.decode(), "proposals_to_check")


def test_nav_count_is_cached_between_pages(world, client_for):
    client = client_for(world.users[Role.MEMBER])
    client.get("/")  # computes and caches
    with_cache = count_queries(client, "/provinces/")
    # drop the two navigation counts only (the page's own cached table stays cached)
    from inbox.selectors import _count_key
    from notifications.services import unread_key

    cache.delete_many([_count_key(world.users[Role.MEMBER].pk), unread_key(world.users[Role.MEMBER].pk)])
    without = count_queries(client, "/provinces/")
    assert with_cache < without <= with_cache + 2  # the inbox and the unread count: at most a query each
