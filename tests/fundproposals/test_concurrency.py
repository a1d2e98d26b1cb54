"""Votes under concurrency, on PostgreSQL, through the real views.

Each thread has its own ``django.test.Client`` (logged in beforehand) and its
own database connection. A barrier releases them together.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from committees.choices import Role
from fundproposals.choices import BallotState
from fundproposals.models import Ballot, Proposal, Vote
from fundproposals.services import VOTE_CLOSED
from tests.factories import MemberFactory, UserFactory
from tests.fundproposals.helpers import circulating_proposal, complete_proposal
from tests.world import build_world

pytestmark = [pytest.mark.django_db(transaction=True)]

CHOICES = ["approve", "approve", "in_principle", "reject", "abstain"]


def _clients(users):
    out = []
    for user in users:
        c = Client()
        c.force_login(user)
        out.append(c)
    return out


def _run(jobs):
    """Run the callables at once (one thread each); return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _members(world, n):
    return [MemberFactory(subcommittee=world.own_sc, user=UserFactory(), order=10 + i) for i in range(n)]


def _post_vote(client, ballot, choice):
    def job():
        return client.post(f"/proposals/ballots/{ballot.pk}/", {"choice": choice}, HTTP_HX_REQUEST="true")

    return job


def test_fifty_two_concurrent_votes_with_double_submissions_give_one_vote_each(transactional_db):
    assert connection.vendor == "postgresql"  # the point of this module: real row locks
    world = build_world()
    seats = _members(world, 26)
    _, ballot = circulating_proposal(world)
    clients = _clients([s.user for s in seats])
    expected = Counter()
    jobs = []
    for i, (_seat, client) in enumerate(zip(seats, clients, strict=True)):
        choice = CHOICES[i % len(CHOICES)]
        expected[choice] += 1
        jobs += [_post_vote(client, ballot, choice), _post_vote(client, ballot, choice)]  # a double submission
    assert len(jobs) >= 50
    responses = _run(jobs)
    assert [r.status_code for r in responses] == [200] * len(jobs)
    votes = Vote.objects.filter(ballot=ballot)
    assert votes.count() == 26
    assert sorted(votes.values_list("member_id", flat=True)) == sorted(s.pk for s in seats)
    assert Counter(votes.values_list("choice", flat=True)) == expected

    chair = Client()
    chair.force_login(world.users[Role.CHAIR])
    assert chair.post(f"/proposals/ballots/{ballot.pk}/close/", {}).status_code == 302
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    assert ballot.tally == {
        "approve": expected["approve"],
        "in_principle": expected["in_principle"],
        "more_info": 0,
        "reject": expected["reject"],
        "abstain": expected["abstain"],
    }
    assert ballot.result == "approve" and ballot.present_count == 26 and ballot.quorum_met


def test_closing_while_votes_arrive_never_loses_or_miscounts_one(transactional_db):
    world = build_world()
    seats = _members(world, 50)
    proposal, ballot = circulating_proposal(world)
    clients = _clients([s.user for s in seats])
    chair = Client()
    chair.force_login(world.users[Role.CHAIR])
    jobs = [_post_vote(c, ballot, "approve") for c in clients]
    jobs.insert(20, lambda: chair.post(f"/proposals/ballots/{ballot.pk}/close/", {}))
    responses = _run(jobs)
    close_response = responses.pop(20)
    assert close_response.status_code == 302
    accepted = [r for r in responses if r.status_code == 200]
    refused = [r for r in responses if r.status_code == 409]
    assert len(accepted) + len(refused) == 50
    print(f"votes accepted before the close: {len(accepted)}, refused after it: {len(refused)}")
    for r in refused:
        assert VOTE_CLOSED in r.content.decode()
    ballot.refresh_from_db()
    stored = Vote.objects.filter(ballot=ballot).count()
    assert ballot.state == BallotState.CLOSED
    assert stored == len(accepted)  # no vote slipped in after the close
    assert sum(ballot.tally.values()) == stored == ballot.tally["approve"]  # every accepted vote counted
    assert ballot.present_count == stored
    assert Proposal.objects.get(pk=proposal.pk).state in ("resolved", "under_review")


def test_concurrent_submissions_get_distinct_running_codes(transactional_db):
    world = build_world()
    proposals = [complete_proposal(world) for _ in range(12)]
    client = Client()
    client.force_login(world.users[Role.PROPOSER])
    clients = _clients([world.users[Role.PROPOSER]] * 12)
    jobs = [
        (lambda c=c, p=p: c.post(f"/proposals/{p.pk}/step/submit/", {}))
        for c, p in zip(clients, proposals, strict=True)
    ]
    responses = _run(jobs)
    assert [r.status_code for r in responses] == [302] * 12
    codes = sorted(Proposal.objects.values_list("code", flat=True))
    assert codes == [f"ปคม/2567/สมุทรปราการ/{n:04d}" for n in range(1, 13)]
    assert not Ballot.objects.exists()
