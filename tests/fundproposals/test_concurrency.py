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


# --- the secretariat's entries (roll call, mixed) ------------------------------


def _meeting_ballot(world, method, members):
    """An open meeting ballot of ``method`` on an item of a meeting every seat attends."""
    from tests.fundproposals.helpers import make_meeting, voting_proposal

    meeting = make_meeting(world, present=list(world.own_sc.members.all()))
    assert set(members) <= set(world.own_sc.members.all())
    _, ballot = voting_proposal(world, meeting=meeting)
    ballot.method = method
    ballot.save()
    return ballot


def _post_entry(client, ballot, member, choice):
    def job():
        return client.post(
            f"/proposals/ballots/{ballot.pk}/record/",
            {"member": member.pk, "choice": choice},
            HTTP_HX_REQUEST="true",
        )

    return job


def test_a_device_vote_racing_the_secretariats_entry_keeps_the_members_own(transactional_db):
    """Mixed method: whichever lands first, the member's own vote is the one vote that remains."""
    assert connection.vendor == "postgresql"
    world = build_world()
    seats = _members(world, 10)
    ballot = _meeting_ballot(world, "mixed", seats)
    member_clients = _clients([s.user for s in seats])
    secretariat_clients = _clients([world.users[Role.SECRETARIAT]] * len(seats))
    jobs = []
    for seat, own, sec in zip(seats, member_clients, secretariat_clients, strict=True):
        jobs += [_post_vote(own, ballot, "approve"), _post_entry(sec, ballot, seat, "reject")]
    responses = _run(jobs)
    own_responses, entry_responses = responses[0::2], responses[1::2]
    assert [r.status_code for r in own_responses] == [200] * len(seats)  # the member always gets through
    locked_out = [r for r in entry_responses if r.status_code == 409]
    for r in locked_out:
        assert "ลงมติด้วยตนเองแล้ว" in r.content.decode()
    votes = Vote.objects.filter(ballot=ballot, member__in=seats)
    assert votes.count() == len(seats)  # exactly one each
    assert set(votes.values_list("choice", "channel")) == {("approve", "device")}  # the member's own
    print(
        f"secretariat entries landed first and were replaced: {len(seats) - len(locked_out)}; locked out: {len(locked_out)}"
    )


def test_fifty_simultaneous_secretariat_entries_none_double_none_lost(transactional_db):
    assert connection.vendor == "postgresql"
    world = build_world()
    seats = _members(world, 50)
    ballot = _meeting_ballot(world, "roll_call", seats)
    clients = _clients([world.users[Role.SECRETARIAT]] * 50)
    expected = {seat.pk: CHOICES[i % len(CHOICES)] for i, seat in enumerate(seats)}
    jobs = [_post_entry(c, ballot, seat, expected[seat.pk]) for c, seat in zip(clients, seats, strict=True)]
    responses = _run(jobs)
    assert [r.status_code for r in responses] == [200] * 50
    stored = dict(Vote.objects.filter(ballot=ballot).values_list("member_id", "choice"))
    assert stored == expected  # 0 double (one row per member), 0 lost (every member's entry)
    assert set(Vote.objects.filter(ballot=ballot).values_list("channel", flat=True)) == {"secretariat"}
