"""Data in both provinces of the test world, for every dataset an export can hold."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from actionplans.models import SituationReport
from committees.models import RiskGroupAssignment
from fundproposals.choices import ProposalState
from fundproposals.models import Proposal
from tests.actionplans import helpers as plan_helpers
from tests.fundproposals.helpers import complete_proposal

FY = 2567


def fill(world) -> None:
    for province, sc, users in (
        (world.own, world.own_sc, world.users),
        (world.other, world.other_sc, world.other_users),
    ):
        RiskGroupAssignment.objects.create(province=province, fiscal_year=FY, group="B")
        actor = users["secretariat"]
        m = plan_helpers.meeting(sc, actor)
        plan_helpers.resolution(m, actor, title=f"เรื่องของ{province.name_th}")
        plan_helpers.plan(world, sc=sc, fiscal_year=FY, activities=2)
        SituationReport.objects.create(subcommittee=sc, year=FY - 1, victims_total=7, created_by=actor)
        p = complete_proposal(world, province=province, fiscal_year=FY, title=f"โครงการ{province.name_th}")
        Proposal.objects.filter(pk=p.pk).update(
            state=ProposalState.SUBMITTED, code=f"ปคม/{FY}/{province.code}/1", requested_amount=Decimal("1500.50")
        )


def rows_of(response) -> list[list]:
    """The rows of a CSV or XLSX response (header first), cells as the file holds them."""
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        assert body.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    wb = load_workbook(io.BytesIO(body), read_only=True)
    return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
