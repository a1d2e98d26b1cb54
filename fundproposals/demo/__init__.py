"""Demo fund proposals: Samut Prakan's อพม. projects of FY 2564 and Yala agencies' FY 2567 proposals.

Every state of the workflow appears in each province; where the state implies
a vote, the ballot and its votes are there (Samut Prakan's at meeting 2/2564,
on agenda section 5, with the resolution in the minutes; Yala's by circulation).
Written directly (a fixture, run once): the history each state implies is
recorded in the audit trail so the timeline reads as it would have. Idempotent:
a proposal already there (same province and title) is left alone.

``data`` holds the proposals' rows and the paths to each state, ``proposals`` writes a proposal and
its history and reviews, ``ballots`` its ballot, votes and what follows the vote, ``seed`` one province's
proposals and the ``load`` that seed_demo calls (re-exported here).
"""

from fundproposals.demo.data import PATHS, REASONS, SAMUT_PRAKAN, SP_ORG, TARGETS, VOTED, YALA, S
from fundproposals.demo.seed import load

__all__ = ["PATHS", "REASONS", "SAMUT_PRAKAN", "SP_ORG", "TARGETS", "VOTED", "YALA", "S", "load"]
