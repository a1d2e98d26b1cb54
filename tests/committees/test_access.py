import datetime as dt

from committees.choices import Role
from tests.factories import MemberFactory, RoleGrantFactory, UserFactory, province


def test_roles_come_from_grants_and_current_seats(world):
    chair = world.users[Role.CHAIR]
    access = chair.access
    assert access.roles_in(world.own.pk) == {Role.CHAIR, Role.MEMBER}
    assert access.roles_in(world.other.pk) == frozenset()
    assert access.can_read_province(world.own.pk)
    assert not access.can_read_province(world.other.pk)


def test_an_ended_term_gives_no_role(world):
    user = UserFactory()
    MemberFactory(subcommittee=world.own_sc, user=user, term_end=dt.date(2021, 9, 30))
    assert user.access.roles_in(world.own.pk) == frozenset()


def test_a_person_may_hold_roles_in_several_provinces(world):
    regional = UserFactory()
    RoleGrantFactory(user=regional, role=Role.VIEWER, province=world.own)
    RoleGrantFactory(user=regional, role=Role.SECRETARIAT, province=province("24"))
    access = regional.access
    assert access.roles_in(world.own.pk) == {Role.VIEWER}
    assert access.roles_in(province("24").pk) == {Role.SECRETARIAT}
    assert access.readable_province_ids() == {world.own.pk, province("24").pk}


def test_proposers_do_not_read_the_province(world):
    assert not world.users[Role.PROPOSER].access.can_read_province(world.own.pk)


def test_national_officers_read_everything(world):
    assert world.users[Role.NATIONAL].access.readable_province_ids() is None
