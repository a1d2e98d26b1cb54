import pytest
from playwright.sync_api import expect

from actionplans.models import ActionPlan, Progress
from committees.choices import GrantRole, Role
from core.thaidate import current_fiscal_year
from tests.actionplans import helpers
from tests.factories import RoleGrantFactory, UserFactory
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_copies_last_years_plan_adds_an_activity_and_records_q1(page, live_server, login):
    world = build_world()
    sec = UserFactory(username="sp-secretariat")
    RoleGrantFactory(user=sec, role=GrantRole.SECRETARIAT, province=world.own)
    world.users[Role.SECRETARIAT] = sec
    this_year = current_fiscal_year()
    last = helpers.approve(helpers.plan(world, secretariat=sec, fiscal_year=this_year - 1, activities=2), world)

    login(page, "sp-secretariat")
    page.goto(f"{live_server.url}/plans/")
    page.click("main [data-testid=new-plan-11]")
    page.select_option("#id_fiscal_year", str(this_year))
    expect(page.locator("#id_copy_last_year")).to_be_checked()
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text(f"คัดลอกแผนปีงบประมาณ {this_year - 1}")
    expect(page.locator("[data-testid=activities] tbody tr")).to_have_count(2)
    protection = page.locator("[data-testid=pillar-protection]")
    expect(protection).to_have_attribute("aria-valuenow", "0")

    page.click("main [data-testid=add-activity]")
    page.select_option("#id_pillar", "protection")
    page.fill("#id_strategy", "คุ้มครองผู้เสียหาย")
    page.fill("#id_name", "ประชุมทีมสหวิชาชีพคัดแยกผู้เสียหาย")
    page.fill("#id_target_quantity", "2")
    page.fill("#id_target_unit", "ครั้ง")
    page.check("#id_q1")
    page.check("#id_q3")
    page.fill("#id_budget", "12000")
    page.select_option("#id_budget_source", "province")
    page.fill("#id_responsible_agency", "บ้านพักเด็กและครอบครัวจังหวัดสมุทรปราการ")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("ประชุมทีมสหวิชาชีพคัดแยกผู้เสียหาย")
    expect(page.locator("[data-testid=activities] tbody tr")).to_have_count(3)

    plan = ActionPlan.objects.get(fiscal_year=this_year)
    new_activity = plan.activities.get(name="ประชุมทีมสหวิชาชีพคัดแยกผู้เสียหาย")
    page.click(f"main [data-testid=progress-{new_activity.pk}-q1]")
    page.fill("#id_done", "ประชุมทีมสหวิชาชีพ 1 ครั้ง")
    page.fill("#id_quantity_achieved", "1")
    page.fill("#id_budget_spent", "6000")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("บันทึกผลการดำเนินงานไตรมาส 1")
    expect(protection).to_have_attribute("aria-valuenow", "50")
    expect(page.locator("[data-testid=pillar-protection-percent]")).to_have_text("50%")
    expect(page.locator("[data-testid=total-spent]")).to_contain_text("6,000.00")

    assert plan.copied_from == last and plan.state == "draft"
    assert Progress.objects.get(activity=new_activity).quantity_achieved == 1
