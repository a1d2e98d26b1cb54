"""Counting a ballot: pure functions, so the chair's page, the close and the tests ask the same rule.

The decision with the most votes wins; abstentions are counted and shown but
are not votes for a decision. A tie between the leading decisions is settled
by the chair's casting vote, which must be one of the tied decisions.
Quorum is the meetings rule (``meetings.quorum``), checked by the caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fundproposals.choices import Decision, VoteChoice

DECISION_ORDER = tuple(Decision.values)


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]
    """Votes per decision, every decision present (0 when nobody chose it)."""
    abstain: int
    leading: tuple[str, ...]
    """The decisions with the most votes (more than one: a tie)."""
    casting_vote: str = ""
    result: str = ""
    """The winning decision, or empty when no decision was voted for or a tie awaits the chair."""

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.abstain

    @property
    def is_tie(self) -> bool:
        return len(self.leading) > 1

    @property
    def needs_casting_vote(self) -> bool:
        return self.is_tie and not self.casting_vote

    def as_json(self) -> dict:
        return {**self.counts, VoteChoice.ABSTAIN.value: self.abstain}

    def text(self) -> str:
        """``เห็นชอบ 5 เสียง ไม่เห็นชอบ 1 เสียง งดออกเสียง 2 เสียง``: every decision, then abstentions."""
        parts = [f"{Decision(d).label} {self.counts[d]} เสียง" for d in DECISION_ORDER]
        parts.append(f"{VoteChoice.ABSTAIN.label} {self.abstain} เสียง")
        return " ".join(parts)


class CastingVoteInvalid(ValueError):
    pass


def count(choices: Iterable[str], *, casting_vote: str = "") -> Tally:
    """Count the choices of the votes; ``casting_vote`` settles a tie (and only a tie)."""
    c = Counter(choices)
    counts = {d: c.get(d, 0) for d in DECISION_ORDER}
    abstain = c.get(VoteChoice.ABSTAIN.value, 0)
    top = max(counts.values())
    leading = tuple(d for d in DECISION_ORDER if counts[d] == top) if top > 0 else ()
    if casting_vote and (len(leading) < 2 or casting_vote not in leading):
        raise CastingVoteInvalid(_("ประธานชี้ขาดได้เฉพาะเมื่อคะแนนเสียงเท่ากัน และต้องเลือกหนึ่งในมติที่ได้คะแนนเท่ากัน"))
    if len(leading) == 1:
        result = leading[0]
    elif len(leading) > 1 and casting_vote:
        result = casting_vote
    else:
        result = ""
    return Tally(counts=counts, abstain=abstain, leading=leading, casting_vote=casting_vote, result=result)
