"""A small world every permission test shares: two provinces, one user per role in each.

``own`` is Samut Prakan (11), ``other`` is Yala (95). ``users[role]`` hold that role
in ``own`` only; ``other_users[role]`` in ``other`` only; ``users["national"]`` everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from committees.choices import ChairCapacity, GrantRole, MemberRole, Role
from committees.models import Member, Province, Subcommittee
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

ROLES = [Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER]


@dataclass
class World:
    own: Province
    other: Province
    own_sc: Subcommittee
    other_sc: Subcommittee
    users: dict = field(default_factory=dict)
    other_users: dict = field(default_factory=dict)
    seats: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]


def _people(sc: Subcommittee, prefix: str) -> tuple[dict, dict]:
    users, seats = {}, {}
    chair = UserFactory(username=f"{prefix}-chair")
    member = UserFactory(username=f"{prefix}-member")
    seats["chair"] = MemberFactory(
        subcommittee=sc, user=chair, role=MemberRole.CHAIR, chair_capacity=ChairCapacity.GOVERNOR, order=1
    )
    seats["member"] = MemberFactory(subcommittee=sc, user=member, order=2)
    seats["others"] = [MemberFactory(subcommittee=sc, order=3 + i) for i in range(4)]
    users[Role.CHAIR] = chair
    users[Role.MEMBER] = member
    for role in (GrantRole.SECRETARIAT, GrantRole.PROPOSER, GrantRole.VIEWER):
        u = UserFactory(username=f"{prefix}-{role}")
        RoleGrantFactory(user=u, role=role, province=sc.province)
        users[role] = u
    return users, seats


def build_world() -> World:
    own_sc = SubcommitteeFactory(province=province("11"))
    other_sc = SubcommitteeFactory(province=province("95"))
    national = UserFactory(username="t-national")
    RoleGrantFactory(user=national, role=GrantRole.NATIONAL, province=None)
    users, seats = _people(own_sc, "own")
    other_users, other_seats = _people(other_sc, "other")
    users[Role.NATIONAL] = national
    other_users[Role.NATIONAL] = national
    world = World(own=own_sc.province, other=other_sc.province, own_sc=own_sc, other_sc=other_sc)
    world.users, world.other_users = users, other_users
    world.seats = {"own": seats, "other": other_seats}
    return world


def all_members(sc: Subcommittee):
    return Member.objects.filter(subcommittee=sc)
