"""A small history that touches every kind of record the ledger covers, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from committees import services as committee_services
from committees.choices import Role
from fundproposals import services as fund_services
from fundproposals.choices import FundDecision, ProposalState
from meetings import services as meeting_services
from meetings.choices import AdoptionMethod, ResolutionOutcome, SectionType
from meetings.models import MinutesVersion
from tests.fundproposals.helpers import complete_proposal, voting_proposal
from tests.meetings.helpers import held


def history(world):
    """Votes, a closed ballot (its resolution), a resolution, adopted minutes, a fund decision, a risk group."""
    sec = world.users[Role.SECRETARIAT]
    chair = world.users[Role.CHAIR]
    meeting = held(world, present=6)
    _, ballot = voting_proposal(world, meeting=meeting)
    votes = [
        fund_services.cast_vote(actor=world.users[Role.CHAIR], ballot_id=ballot.pk, choice="approve"),
        fund_services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="approve"),
    ]
    fund_services.close_ballot(actor=chair, ballot_id=ballot.pk)
    item = meeting_services.add_agenda_item(
        actor=sec, meeting=meeting, section_type=SectionType.FOR_CONSIDERATION, title="แผนปฏิบัติการ"
    )
    resolution = meeting_services.record_resolution(
        actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="ที่ประชุมพิจารณาแล้ว มีมติเห็นชอบ"
    )
    meeting_services.save_minutes(actor=sec, meeting=meeting, content={"start_time": "13.30"}, base_version=0)
    meeting_services.fire_transition(actor=sec, meeting=meeting, name="circulate")
    minutes = meeting_services.adopt_minutes(
        actor=sec, meeting=meeting, method=AdoptionMethod.CIRCULATION, adopted_on=timezone.localdate()
    )
    version = MinutesVersion.objects.get(minutes=minutes, number=minutes.adopted_version)
    funded = complete_proposal(world, state=ProposalState.FORWARDED)
    fund_services.record_fund_decision(
        actor=sec,
        proposal=funded,
        decision=FundDecision.APPROVED,
        approved_amount=Decimal("100000.00"),
        decided_on=timezone.localdate() - dt.timedelta(days=1),
    )
    committee_services.set_risk_groups(actor=world.users[Role.NATIONAL], fiscal_year=2567, groups={"11": "B"})
    return {
        "meeting": meeting,
        "ballot": ballot,
        "votes": votes,
        "resolution": resolution,
        "minutes": minutes,
        "version": version,
        "proposal": funded,
    }
