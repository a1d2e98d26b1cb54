import datetime as dt
from decimal import Decimal

from committees.choices import Role
from exports.writers import cell
from fundproposals.models import Proposal
from tests.exports.helpers import FY, fill, rows_of


def test_cells_neutralise_formulas_and_keep_numbers_and_be_dates():
    assert cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert cell("+66 81") == "'+66 81" and cell("-1+1") == "'-1+1" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("\t=1") == "'\t=1"
    assert cell(Decimal("1500.50")) == Decimal("1500.50") and cell(-3) == -3
    assert cell(dt.date(2021, 1, 27)) == "27/01/2564"
    assert cell("โครงการ") == "โครงการ"


def test_proposals_csv_has_bom_thai_headers_and_the_page_filters(world, client_for):
    fill(world)
    Proposal.objects.filter(province=world.own).update(title="=cmd|' /C calc'!A0")
    c = client_for(world.users[Role.NATIONAL])
    rows = rows_of(c.get(f"/exports/proposals.csv?province={world.own.pk}&fiscal_year={FY}"))
    assert rows[0][:4] == ["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ"]
    assert len(rows) == 2 and rows[1][1] == world.own.name_th
    assert rows[1][3].startswith("'=")
    assert rows[1][9] == "1500.50"


def test_proposals_xlsx_keeps_numbers_as_numbers(world, client_for):
    fill(world)
    resp = client_for(world.users[Role.SECRETARIAT]).get("/exports/proposals.xlsx")
    assert resp["Content-Disposition"].startswith("attachment;")
    rows = rows_of(resp)
    assert rows[0][0] == "รหัสโครงการ"
    assert len(rows) == 2
    assert rows[1][2] == FY and rows[1][9] == 1500.5  # numbers, not text


def test_meetings_export_dates_in_buddhist_era(world, client_for):
    fill(world)
    rows = rows_of(client_for(world.users[Role.CHAIR]).get("/exports/meetings.csv"))
    day = rows[1][3]
    assert int(day.split("/")[2]) > 2500, day


def test_unknown_dataset_or_format_is_404(world, client_for):
    c = client_for(world.users[Role.NATIONAL])
    assert c.get("/exports/nothing.csv").status_code == 404
    assert c.get("/exports/proposals.pdf").status_code == 404
