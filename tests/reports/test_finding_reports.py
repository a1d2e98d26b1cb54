"""The governor finds the report: years on the province page, one honest status, file names after the document."""

import re
from urllib.parse import unquote

import pytest

from committees.choices import Role
from core.thaidate import current_fiscal_year
from reports.models import ReportJob
from tests.reports.helpers import add_meeting, add_plan

pytestmark = pytest.mark.django_db


def _years_offered(html: str) -> list[int]:
    block = html.split('data-testid="annual-reports"', 1)[1].split("</ul>", 1)[0]
    return [int(y) for y in re.findall(r'name="fiscal_year" value="(\d+)"', block)]


def test_province_page_offers_the_annual_report_for_every_year_with_data_and_the_current_one(world, client_for):
    add_meeting(world.own_sc, fiscal_year=2564)  # a meeting, no risk group that year
    add_plan(world.own_sc, fiscal_year=2566)
    html = client_for(world.users[Role.CHAIR]).get("/provinces/11/").content.decode()
    years = _years_offered(html)
    assert years == sorted({2564, 2566, current_fiscal_year()}, reverse=True)
    # a member may read the province but not ask for the report: no list at all
    member_html = client_for(world.users[Role.MEMBER]).get("/provinces/11/").content.decode()
    assert 'data-testid="annual-reports"' not in member_html


def test_a_report_built_at_once_is_never_said_to_be_building(world, client_for, django_capture_on_commit_callbacks):
    add_meeting(world.own_sc)
    client = client_for(world.users[Role.CHAIR])
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    # the build ran after the request (as a worker does); the next page must not carry a stale "building"
    html = client.get(resp["Location"]).content.decode()
    assert 'data-state="ready"' in html
    assert "กำลังสร้าง" not in html and "รอคิว" not in html


def test_downloaded_minutes_are_named_after_the_document(world, client_for, django_capture_on_commit_callbacks):
    meeting = add_meeting(world.own_sc, number=2)
    client = client_for(world.users[Role.SECRETARIAT])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/request/minutes/", {"object": meeting.pk})
    job = ReportJob.objects.get()
    resp = client.get(f"/reports/jobs/{job.pk}/download/")
    disposition = resp["Content-Disposition"]
    # RFC 5987: the Thai name travels percent-encoded in filename*
    encoded = re.search(r"filename\*=utf-8''([^;]+)", disposition).group(1)
    assert unquote(encoded) == "รายงานการประชุม ครั้งที่ 2-2564.pdf"


def test_annual_report_file_name(world, client_for, django_capture_on_commit_callbacks):
    add_meeting(world.own_sc)
    client = client_for(world.users[Role.CHAIR])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/request/annual_province/", {"province": "11", "fiscal_year": "2564"})
    job = ReportJob.objects.get()
    disposition = client.get(f"/reports/jobs/{job.pk}/download/")["Content-Disposition"]
    encoded = re.search(r"filename\*=utf-8''([^;]+)", disposition).group(1)
    assert unquote(encoded) == "รายงานประจำปี ปีงบประมาณ 2564 จังหวัดสมุทรปราการ.pdf"


def test_a_new_years_first_row_shows_its_annual_report_on_the_next_request(world, client_for):
    """The years are kept in the cache between changes of the models they come from (issue #12)."""
    add_meeting(world.own_sc, fiscal_year=2564)
    chair = client_for(world.users[Role.CHAIR])
    assert 2562 not in _years_offered(chair.get("/provinces/11/").content.decode())
    add_plan(world.own_sc, fiscal_year=2562)
    assert 2562 in _years_offered(chair.get("/provinces/11/").content.decode())
    # another province's years are its own
    add_plan(world.other_sc, fiscal_year=2561)
    other = client_for(world.other_users[Role.CHAIR]).get(f"/provinces/{world.other.code}/").content.decode()
    assert 2561 in _years_offered(other) and 2564 not in _years_offered(other)
    assert 2561 not in _years_offered(chair.get("/provinces/11/").content.decode())
