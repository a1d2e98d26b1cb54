"""Who may see what: the one place that turns a user into scopes.

A user's roles come from two sources: ``RoleGrant`` rows (national officer,
secretariat, proposer, viewer) and current seats on a subcommittee linked to
their account (member; chair; the member-secretary and assistant secretary
also act as secretariat). Every selector and permission function starts from
the ``Access`` computed here, the way Zulip's ``access_*_by_*`` functions start
from the user's realm.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from committees.choices import MemberRole, Role

_SECRETARIAT_SEATS = {MemberRole.SECRETARY, MemberRole.ASSISTANT_SECRETARY}

# Roles that may read everything of a province (proposers see only their own proposals).
READ_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})


@dataclass(frozen=True)
class Access:
    user_id: int | None
    is_national: bool = False
    roles_by_province: dict[int, frozenset[str]] = field(default_factory=dict)
    seat_ids: dict[int, int] = field(default_factory=dict)
    """The user's current seat (``Member`` id) per province, the first in seating order."""

    def roles_in(self, province_id: int | None) -> frozenset[str]:
        """The user's roles in one province (national officers hold ``national`` everywhere)."""
        roles = self.roles_by_province.get(province_id, frozenset()) if province_id else frozenset()
        if self.is_national:
            roles = roles | {Role.NATIONAL}
        return roles

    def has(self, province_id: int | None, *roles: str) -> bool:
        return bool(self.roles_in(province_id) & set(roles))

    def province_ids(self, *roles: str) -> set[int]:
        """Provinces where the user holds any of ``roles`` (national scope not included)."""
        wanted = set(roles)
        return {pid for pid, held in self.roles_by_province.items() if held & wanted}

    def can_read_province(self, province_id: int) -> bool:
        return self.is_national or bool(self.roles_in(province_id) & READ_ROLES)

    def readable_province_ids(self) -> set[int] | None:
        """Provinces whose data the user may read; ``None`` means all (national)."""
        if self.is_national:
            return None
        return self.province_ids(*READ_ROLES)

    @property
    def all_roles(self) -> frozenset[str]:
        held: set[str] = set()
        for roles in self.roles_by_province.values():
            held |= roles
        if self.is_national:
            held.add(Role.NATIONAL)
        return frozenset(held)


NO_ACCESS = Access(user_id=None)


def compute_access(user) -> Access:
    """Read the user's grants and current seats (one query: both in a UNION ALL)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ACCESS
    from django.db.models import BigIntegerField, CharField, F, IntegerField, Value

    from committees.models import Member, RoleGrant

    grants = (
        RoleGrant.objects.filter(user=user)
        .annotate(
            kind=Value("grant", output_field=CharField()),
            pid=F("province_id"),
            seat=Value(None, output_field=BigIntegerField()),
            seat_order=Value(None, output_field=IntegerField()),
        )
        .order_by()  # no ORDER BY inside a UNION (SQLite refuses it); seats are ranked below
        .values_list("kind", "role", "pid", "seat", "seat_order")
    )
    seats = (
        Member.objects.current()
        .filter(user=user)
        .annotate(
            kind=Value("seat", output_field=CharField()),
            pid=F("subcommittee__province_id"),
            seat=F("pk"),
            seat_order=F("order"),
        )
        .order_by()
        .values_list("kind", "role", "pid", "seat", "seat_order")
    )
    by_province: dict[int, set[str]] = defaultdict(set)
    first_seat: dict[int, tuple[int, int]] = {}
    is_national = False
    for kind, role, province_id, seat, seat_order in grants.union(seats, all=True):
        if kind == "grant":
            if role == Role.NATIONAL:
                is_national = True
            elif province_id:
                by_province[province_id].add(role)
            continue
        by_province[province_id].add(Role.MEMBER)
        if role == MemberRole.CHAIR:
            by_province[province_id].add(Role.CHAIR)
        if role in _SECRETARIAT_SEATS:
            by_province[province_id].add(Role.SECRETARIAT)
        key = (seat_order or 0, seat)
        if province_id not in first_seat or key < first_seat[province_id]:
            first_seat[province_id] = key
    return Access(
        user_id=user.pk,
        is_national=is_national,
        roles_by_province={pid: frozenset(r) for pid, r in by_province.items()},
        seat_ids={pid: key[1] for pid, key in first_seat.items()},
    )
