"""Every list and detail page costs the same number of queries at 5 and at 50 rows."""

from decimal import Decimal

from actionplans import services
from actionplans.models import ActionPlan, Activity, Progress, SituationReport
from committees.choices import Role
from committees.models import Province
from tests.actionplans import helpers
from tests.actionplans.matrix import FIGURES, NATIONALITIES
from tests.factories import SubcommitteeFactory
from tests.harness import assert_constant_queries


def _grow_activities(plan, n):
    """Activities with progress in two quarters each (written directly: this is volume, not behaviour)."""
    while plan.activities.count() < n:
        i = plan.activities.count()
        act = Activity.objects.create(
            plan=plan,
            order=i + 1,
            pillar=["prosecution", "prevention", "protection", "database"][i % 4],
            name=f"กิจกรรม {i}",
            target_quantity=4,
            target_unit="ครั้ง",
            q1=True,
            q3=True,
            budget=Decimal("1000"),
            budget_source="province",
            responsible_agency="หน่วยงาน",
        )
        Progress.objects.create(activity=act, quarter=1, done="x", quantity_achieved=1, budget_spent=Decimal("10"))
        Progress.objects.create(activity=act, quarter=3, done="y", quantity_achieved=1, budget_spent=Decimal("5"))


def test_plan_page_does_not_grow_with_activities(world, client_for):
    plan = helpers.plan(world, activities=0)
    c = client_for(world.users[Role.SECRETARIAT])
    counts = assert_constant_queries(c, f"/plans/{plan.pk}/", lambda n: _grow_activities(plan, n))
    assert counts[0] < 30


def test_approved_plan_page_does_not_grow_with_activities(world, client_for):
    plan = helpers.approve(helpers.plan(world), world)
    c = client_for(world.users[Role.MEMBER])
    assert_constant_queries(c, f"/plans/{plan.pk}/", lambda n: _grow_activities(plan, n))


def _many_plans(n):
    provinces = list(Province.objects.order_by("code")[:50])
    for p in provinces[:n]:
        sc = SubcommitteeFactory(province=p)
        ActionPlan.objects.get_or_create(subcommittee=sc, fiscal_year=2567, defaults={"title": f"แผน {p.name_th}"})


def _many_reports(n):
    provinces = list(Province.objects.order_by("code")[:50])
    for p in provinces[:n]:
        sc = SubcommitteeFactory(province=p)
        if not SituationReport.objects.filter(subcommittee=sc, year=2566).exists():
            SituationReport.objects.create(subcommittee=sc, year=2566, victims_total=3, victims_male=3)


def test_plan_list_does_not_grow_with_plans(world, client_for):
    assert_constant_queries(client_for(world.users[Role.NATIONAL]), "/plans/", _many_plans)


def test_report_list_does_not_grow_with_reports(world, client_for):
    assert_constant_queries(client_for(world.users[Role.NATIONAL]), "/plans/situation/", _many_reports)


def test_national_status_does_not_grow_with_plans(world, client_for):
    def grow(n):
        _many_plans(n)
        _many_reports(n)

    assert_constant_queries(client_for(world.users[Role.NATIONAL]), "/plans/status/?fiscal_year=2567", grow)


def test_report_page_does_not_grow_with_revisions(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    report = services.create_situation_report(
        actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
    )

    def grow(n):
        while SituationReport.objects.count() < n:
            latest = SituationReport.objects.order_by("-revision").first()
            SituationReport.objects.filter(pk=latest.pk).update(state="superseded", resolution=_res())
            SituationReport.objects.create(subcommittee=world.own_sc, year=2566, revision=latest.revision + 1)

    res_holder = {}

    def _res():
        if "r" not in res_holder:
            res_holder["r"] = helpers.resolution(helpers.meeting(world.own_sc, sec), sec)
        return res_holder["r"]

    c = client_for(world.users[Role.MEMBER])
    assert_constant_queries(c, f"/plans/situation/{report.pk}/", grow)
