"""The quorum rule (Administrative Procedure Act B.E. 2539, committee provisions).

A meeting has a quorum when at least half of the subcommittee's current members
are present. For one item, a member with a declared conflict of interest
neither votes nor counts: they leave both the body and the room for that item.
Pure functions on counts, so pages, ballots and the minutes all ask the same rule.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Quorum:
    members: int
    """Members the rule counts from (current members less those recused)."""
    present: int
    """Of those, how many are present (a stand-in counts for the member they replace)."""
    required: int

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.required

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.present)


def required_for(members: int) -> int:
    """At least half: 20 members need 10, 21 need 11."""
    return (members + 1) // 2


def quorum(*, current_members: int, present: int, recused_present: int = 0, recused_absent: int = 0) -> Quorum:
    """Quorum for a meeting or one of its items.

    ``present`` counts every member present (stand-ins included);
    ``recused_present``/``recused_absent`` are members with a conflict in the item.
    """
    if min(current_members, present, recused_present, recused_absent) < 0:
        raise ValueError("counts cannot be negative")
    if present > current_members:
        raise ValueError("more present than members")
    members = current_members - recused_present - recused_absent
    counted = present - recused_present
    return Quorum(members=members, present=counted, required=required_for(members))
