"""Defaults that match the calendar: the current fiscal year; upcoming meetings of the subcommittee first."""

import datetime as dt

from django.utils import timezone

from committees.choices import Role
from core.thaidate import current_fiscal_year
from fundproposals.choices import ProposalState
from tests.fundproposals.helpers import complete_proposal, make_meeting


def test_a_new_proposal_defaults_to_the_current_fiscal_year(world, client_for):
    page = client_for(world.users[Role.PROPOSER]).get("/proposals/new/").content.decode()
    assert f'value="{current_fiscal_year()}" selected' in page
    assert f'value="{current_fiscal_year() + 1}" selected' not in page


def test_tabling_offers_the_next_upcoming_meeting_first(world, client_for):
    old = make_meeting(world, state="held", starts_at=timezone.now() - dt.timedelta(days=400))
    soon = make_meeting(world, state="scheduled", starts_at=timezone.now() + dt.timedelta(days=5))
    later = make_meeting(world, state="scheduled", starts_at=timezone.now() + dt.timedelta(days=40))
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    page = client_for(world.users[Role.SECRETARIAT]).get(f"/proposals/{p.pk}/table/").content.decode()
    positions = [page.index(f'value="{m.pk}"') for m in (soon, later, old)]
    assert positions == sorted(positions)
    assert f'value="{soon.pk}" selected' in page
