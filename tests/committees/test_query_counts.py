from committees.choices import GrantRole, Role
from committees.models import Province, RoleGrant
from core import audit
from tests.factories import MemberFactory, UserFactory
from tests.harness import assert_constant_queries


def test_province_detail_cost_does_not_grow_with_members(world, client_for):
    c = client_for(world.users[Role.MEMBER])

    def grow(n):
        while world.own_sc.members.count() < n:
            MemberFactory(subcommittee=world.own_sc)

    assert_constant_queries(c, f"/provinces/{world.own.code}/", grow)


def test_province_list_cost_does_not_grow_with_visible_provinces(db, client_for):
    viewer = UserFactory()
    c = client_for(viewer)
    provinces = list(Province.objects.order_by("code"))

    def grow(n):
        for p in provinces[:n]:
            RoleGrant.objects.get_or_create(user=viewer, role=GrantRole.VIEWER, province=p)

    assert_constant_queries(c, "/provinces/", grow)


def test_audit_list_cost_does_not_grow_with_events(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])

    def grow(n):
        for _ in range(n):
            audit.record(actor=world.users[Role.SECRETARIAT], action="x", target=world.own_sc, province=world.own)

    assert_constant_queries(c, "/audit/", grow)


def test_province_detail_cost_does_not_grow_with_risk_group_years(world, client_for):
    """The chair sees an annual-report button per year: the buttons cost no query each."""
    from committees.models import RiskGroupAssignment

    c = client_for(world.users[Role.CHAIR])

    def grow(n):
        for year in range(2500, 2500 + n):
            RiskGroupAssignment.objects.get_or_create(province=world.own, fiscal_year=year, defaults={"group": "C"})

    assert_constant_queries(c, f"/provinces/{world.own.code}/", grow)
    assert "report-request" in c.get(f"/provinces/{world.own.code}/").content.decode()
