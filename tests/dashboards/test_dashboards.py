import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone

from committees.choices import Role
from committees.models import Province, RiskGroupAssignment
from dashboards.provincemap import GROUP_COLOURS, HIDDEN, boundaries, province_codes
from fundproposals.choices import ProposalState
from fundproposals.models import Proposal
from meetings.choices import MeetingState
from meetings.models import Meeting
from tests.fundproposals.helpers import complete_proposal
from tests.harness import assert_constant_queries

FY = 2567


def _money(world, province, requested, approved):
    p = complete_proposal(world, province=province, fiscal_year=FY)
    Proposal.objects.filter(pk=p.pk).update(
        state=ProposalState.FUND_DECIDED,
        code=f"T/{p.pk}",
        requested_amount=Decimal(requested),
        fund_approved_amount=Decimal(approved),
    )
    return p


def test_boundaries_hold_all_77_provinces_once_and_the_lake_as_water():
    codes = province_codes()
    assert len(codes) == 77 and len(set(codes)) == 77
    assert "38" in codes  # Bueng Kan
    data = boundaries()
    assert list(data["water"]) == ["lake-songkhla"]
    assert data["water"]["lake-songkhla"] not in data["provinces"].values()
    assert data["viewBox"] == "0 0 560 1025"


def test_every_province_has_a_boundary(db):
    assert set(province_codes()) == set(Province.objects.values_list("code", flat=True))


def _shapes(html):
    """(href, accessible name, fill) of each linked province on the map."""
    return re.findall(r'<a href="(/dashboard/\d\d/)"><title>([^<]+)</title><path d="[^"]+" fill="([^"]+)"', html)


def _outside(html):
    """How many provinces are drawn as a shape only (outside the user's scope or filter)."""
    group = re.search(rf'<g class="outside" fill="{HIDDEN}"[^>]*>(.*?)</g>', html).group(1)
    return group.count("<path ")


def test_national_map_links_every_province_and_colours_groups(world, client_for):
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=FY, group="C")
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY, group="A")
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY - 1, group="D")
    html = client_for(world.users[Role.NATIONAL]).get(f"/dashboard/?fiscal_year={FY}").content.decode()
    shapes = {href: (name, fill) for href, name, fill in _shapes(html)}
    assert len(shapes) == 77 and set(shapes) == {f"/dashboard/{code}/" for code in province_codes()}
    assert shapes[f"/dashboard/{world.own.code}/"] == ("สมุทรปราการ กลุ่ม C", GROUP_COLOURS["C"])
    assert shapes[f"/dashboard/{world.other.code}/"] == ("ยะลา กลุ่ม A", GROUP_COLOURS["A"])
    assert shapes["/dashboard/10/"] == ("กรุงเทพมหานคร ยังไม่กำหนดกลุ่ม", "url(#no-group)")
    assert sum(fill == "url(#no-group)" for _, fill in shapes.values()) == 75
    assert "แผนที่: MapSVG / svg-maps (CC BY 4.0)" in html and _outside(html) == 0
    # the year chosen decides the colour
    html = client_for(world.users[Role.NATIONAL]).get(f"/dashboard/?fiscal_year={FY - 1}").content.decode()
    assert {h: (n, f) for h, n, f in _shapes(html)}[f"/dashboard/{world.other.code}/"][1] == GROUP_COLOURS["D"]


def test_province_user_sees_only_own_province_on_the_map(world, client_for):
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY, group="A")
    html = client_for(world.users[Role.SECRETARIAT]).get(f"/dashboard/?fiscal_year={FY}").content.decode()
    assert [href for href, _, _ in _shapes(html)] == [f"/dashboard/{world.own.code}/"]
    assert "ยะลา" not in html and "กลุ่ม A" not in html
    assert _outside(html) == 76  # the other provinces still draw their shape, nothing else


def test_province_dashboard_outlines_its_province(world, client_for):
    html = client_for(world.users[Role.CHAIR]).get(f"/dashboard/{world.own.code}/?fiscal_year={FY}").content.decode()
    assert [href for href, _, _ in _shapes(html)] == [f"/dashboard/{world.own.code}/"]
    assert 'stroke="#1b1b1b" stroke-width="2.5"' in html and _outside(html) == 76


def test_budgets_by_pillar_and_scope(world, client_for):
    _money(world, world.own, "100000.00", "80000.00")
    _money(world, world.other, "555555.00", "0")
    national = client_for(world.users[Role.NATIONAL]).get(f"/dashboard/?fiscal_year={FY}").content.decode()
    own = client_for(world.users[Role.VIEWER]).get(f"/dashboard/?fiscal_year={FY}").content.decode()
    assert "655,555.00" in national
    assert "100,000.00" in own and "80,000.00" in own
    assert "555,555" not in own and "655,555" not in own


def test_filters_by_region_and_group(world, client_for):
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=FY, group="C")
    RiskGroupAssignment.objects.create(province=world.other, fiscal_year=FY, group="A")
    c = client_for(world.users[Role.NATIONAL])
    south = c.get(f"/dashboard/?fiscal_year={FY}&region=south").content.decode()
    assert 'href="/dashboard/95/">ยะลา' in south and 'href="/dashboard/11/">สมุทรปราการ' not in south
    group_c = c.get(f"/dashboard/?fiscal_year={FY}&group=C").content.decode()
    assert 'href="/dashboard/11/">สมุทรปราการ' in group_c and 'href="/dashboard/95/">ยะลา' not in group_c


def test_meetings_counted_per_fiscal_quarter(world, client_for):
    tz = timezone.get_current_timezone()
    for month, year in ((11, 2023), (2, 2024), (2, 2024)):  # FY 2567: Q1 once, Q2 twice
        Meeting.objects.create(
            subcommittee=world.own_sc,
            number=Meeting.objects.count() + 1,
            number_year=2567,
            numbering_basis="calendar",
            fiscal_year=FY,
            starts_at=dt.datetime(year, month, 10, 13, 30, tzinfo=tz),
            place="ห้องประชุม",
            state=MeetingState.HELD,
        )
    html = client_for(world.users[Role.CHAIR]).get(f"/dashboard/{world.own.code}/?fiscal_year={FY}").content.decode()
    assert "1 / 2 / 0 / 0" in html


def test_overview_costs_at_most_ten_queries_whatever_the_provinces_and_years(world, client_for):
    c = client_for(world.users[Role.NATIONAL])
    provinces = list(Province.objects.order_by("code"))

    def grow(n):
        for p in provinces[:n]:
            for year in range(FY - 4, FY + 1):
                RiskGroupAssignment.objects.get_or_create(province=p, fiscal_year=year, defaults={"group": "B"})
        for _ in range(n // 5):
            _money(world, world.own, "1000.00", "500.00")

    counts = assert_constant_queries(c, f"/dashboard/?fiscal_year={FY}", grow)
    assert counts[0] <= 10, counts


def test_province_dashboard_costs_at_most_ten_queries(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])

    def grow(n):
        for year in range(FY - n, FY + 1):
            RiskGroupAssignment.objects.get_or_create(province=world.own, fiscal_year=year, defaults={"group": "D"})
        for _ in range(n // 5):
            _money(world, world.own, "1000.00", "500.00")

    counts = assert_constant_queries(c, f"/dashboard/{world.own.code}/?fiscal_year={FY}", grow)
    assert counts[0] <= 10, counts
