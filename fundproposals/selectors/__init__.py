"""Reads of fund proposals, starting from what the user may see.

National officers see every proposal; secretariat, chair, members and viewers
their provinces'; a proposer only the proposals they own. Another province's
proposal gives the same 404 as a missing one.

The package re-exports every public name (``from fundproposals import selectors`` keeps working):
``proposals`` (lists, totals, one proposal, its files and history), ``page`` (the proposal page's head
and version), ``ballots`` (seats, reviews, ballots,
an item's decision), ``voters`` (who may vote, present, conflicted, counts), ``report_data`` (reads for
the reports app).
"""

from fundproposals.selectors.ballots import (
    ItemDecision,
    ballot_for,
    ballots_of,
    item_ballots,
    item_decision,
    member_seat,
    open_ballot,
    review_of,
    seat_in,
)
from fundproposals.selectors.page import ProposalHead, proposal_head
from fundproposals.selectors.proposals import (
    PillarTotal,
    attachment_for,
    proposal_for,
    proposal_list,
    revisions,
    timeline,
    totals_by_pillar,
    visible_proposals,
)
from fundproposals.selectors.report_data import (
    fiscal_year_querysets_for_report,
    fiscal_years_for_report,
    multi_pillar_count,
    own_proposal_ids,
    proposal_for_report,
    proposal_report_querysets,
    proposal_year_querysets,
    proposals_for_report,
)
from fundproposals.selectors.voters import (
    Electorate,
    circulated_to_report,
    conflicted_ids,
    current_member_ids,
    electorate,
    live_counts,
    members_by_id,
    present_ids,
    votes_with_seats,
)

__all__ = [
    "Electorate",
    "ItemDecision",
    "PillarTotal",
    "ProposalHead",
    "attachment_for",
    "ballot_for",
    "ballots_of",
    "circulated_to_report",
    "conflicted_ids",
    "current_member_ids",
    "electorate",
    "fiscal_year_querysets_for_report",
    "fiscal_years_for_report",
    "item_ballots",
    "item_decision",
    "live_counts",
    "member_seat",
    "members_by_id",
    "multi_pillar_count",
    "open_ballot",
    "own_proposal_ids",
    "present_ids",
    "proposal_for",
    "proposal_for_report",
    "proposal_head",
    "proposal_list",
    "proposal_report_querysets",
    "proposal_year_querysets",
    "proposals_for_report",
    "review_of",
    "revisions",
    "seat_in",
    "timeline",
    "totals_by_pillar",
    "visible_proposals",
    "votes_with_seats",
]
