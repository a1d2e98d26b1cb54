"""seed_demo loads into a database that already holds data (a benchmark's, another province's members)."""

import io

import pytest
from django.core.management import call_command

from fundproposals.choices import ProposalState
from fundproposals.models import Proposal
from meetings.models import Meeting
from tests.factories import MemberFactory, SubcommitteeFactory, province

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_on_a_database_that_already_holds_members():
    # what benchmarks/reports_benchmark.py leaves behind: 20 members in every subcommittee,
    # more than the demo's own roster, so the demo's votes cannot reach the quorum alone
    for code in ("11", "95"):
        sc = SubcommitteeFactory(province=province(code))
        MemberFactory.create_batch(20, subcommittee=sc)

    assert "demo data ready" in _seed()

    reported = Proposal.objects.filter(state=ProposalState.REPORTED).order_by("province__code")
    assert [p.province.code for p in reported] == ["11", "95"]
    for p in reported:
        assert p.fund_approved_amount == p.contract_amount and p.contract_amount > 0
        assert p.report_budget_spent + p.report_budget_returned == p.contract_amount
    counts = (Proposal.objects.count(), Meeting.objects.count())
    _seed()  # and again: nothing added
    assert (Proposal.objects.count(), Meeting.objects.count()) == counts
