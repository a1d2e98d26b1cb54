"""Fifty members vote at the same moment through the real views, on PostgreSQL: the chain stays one valid line."""

import pytest
from django.db import connection

from fundproposals.models import Vote
from ledger import verify
from ledger.models import Entry, Head
from tests.fundproposals.helpers import circulating_proposal
from tests.fundproposals.test_concurrency import _clients, _members, _post_vote, _run
from tests.world import build_world

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_fifty_simultaneous_votes_give_a_valid_chain(transactional_db):
    assert connection.vendor == "postgresql"
    world = build_world()
    seats = _members(world, 50)
    _, ballot = circulating_proposal(world)
    clients = _clients([s.user for s in seats])
    responses = _run([_post_vote(c, ballot, "approve" if i % 3 else "reject") for i, c in enumerate(clients)])
    assert [r.status_code for r in responses] == [200] * 50
    assert Vote.objects.filter(ballot=ballot).count() == 50
    entries = list(Entry.objects.order_by("seq").values_list("seq", "kind", "object_id"))
    assert [e[0] for e in entries] == list(range(1, 51))
    assert sorted(e[2] for e in entries) == sorted(Vote.objects.filter(ballot=ballot).values_list("pk", flat=True))
    assert Head.objects.get().seq == 50
    report = verify.verify_chain()
    assert report.ok, report.problems
    assert report.entries == 50 and report.records == 50
