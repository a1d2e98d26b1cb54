"""Fund proposals on form กปค.01, their reviews, ballots and votes.

A proposal moves through the states of ``fundproposals.workflow``; only
``core.workflow.fire`` (called by the services) changes its state. Nothing here
is ever deleted: a withdrawn proposal stays, a closed ballot keeps its votes.

``proposals`` holds the proposal, its parts and reviews; ``ballots`` the ballots, votes and hand counts.
Every model is imported here, so Django finds them and ``from fundproposals.models import X`` keeps working.
"""

from fundproposals.models.ballots import Ballot, HandCount, Vote
from fundproposals.models.proposals import (
    MONEY,
    Activity,
    Attachment,
    BudgetLine,
    ProjectCodeCounter,
    Proposal,
    ProposalPillar,
    ProposalRevision,
    Review,
)

__all__ = [
    "MONEY",
    "Activity",
    "Attachment",
    "Ballot",
    "BudgetLine",
    "HandCount",
    "ProjectCodeCounter",
    "Proposal",
    "ProposalPillar",
    "ProposalRevision",
    "Review",
    "Vote",
]
