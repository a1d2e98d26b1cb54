import subprocess

import pytest
from playwright.sync_api import expect

from committees.choices import ChairCapacity, MemberRole
from reports.models import ReportJob
from tests.factories import MemberFactory, UserFactory
from tests.reports.helpers import add_meeting, set_group
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_requests_the_annual_report_for_2564_and_downloads_it(page, live_server, login, tmp_path):
    world = build_world()
    chair = UserFactory(username="sp-chair")
    MemberFactory(subcommittee=world.own_sc, user=chair, role=MemberRole.CHAIR, chair_capacity=ChairCapacity.GOVERNOR)
    set_group(world.own, 2564, "C")
    add_meeting(world.own_sc, items=2)

    login(page, "sp-chair")
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#fy-11", "2564")
    page.click("main [data-testid=request-annual-11]")
    expect(page.locator("main h1")).to_contain_text("รายงานผลการดำเนินงานประจำปีงบประมาณ 2564 จังหวัดสมุทรปราการ")
    expect(page.locator("main [data-testid=job-state]")).to_have_text("พร้อมดาวน์โหลด")
    with page.expect_download() as download:
        page.click("main [data-testid=download]")
    target = tmp_path / "report.pdf"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-raw", str(target), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "จังหวัดสมุทรปราการ" in text
    assert "27 มกราคม 2564" in text
    job = ReportJob.objects.get()
    assert job.requested_by == chair and job.fiscal_year == 2564

    page.goto(f"{live_server.url}/reports/")
    expect(page.locator("main table")).to_contain_text("รายงานผลการดำเนินงานประจำปีงบประมาณ 2564")
