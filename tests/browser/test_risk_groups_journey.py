import pytest
from playwright.sync_api import expect

from committees.choices import GrantRole
from tests.factories import RoleGrantFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_officer_sets_samut_prakan_to_c(page, live_server, login):
    officer = UserFactory(username="officer")
    RoleGrantFactory(user=officer, role=GrantRole.NATIONAL, province=None)
    login(page, "officer")
    page.goto(f"{live_server.url}/risk-groups/2564/")
    page.fill("#id_source_document", "หนังสือ ที่ พม 0211/ว 2564")
    page.select_option("#id_g_11", "C")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("บันทึกกลุ่มจังหวัดปีงบประมาณ 2564")

    page.goto(f"{live_server.url}/provinces/?fiscal_year=2564")
    expect(page.locator("[data-testid=group-11]")).to_have_text("C")
    page.click("text=สมุทรปราการ")
    expect(page.locator("[data-testid=risk-history]")).to_contain_text("ปีงบประมาณ 2564: C")
    expect(page.locator("[data-testid=risk-history]")).to_contain_text("หนังสือ ที่ พม 0211/ว 2564")
