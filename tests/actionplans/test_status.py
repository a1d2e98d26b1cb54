"""The national status page: all 77 provinces, approved, missing and late after the configured deadline."""

import datetime as dt

from django.test import override_settings

from actionplans import selectors, services
from committees.choices import Role
from tests.actionplans import helpers
from tests.actionplans.matrix import FIGURES, NATIONALITIES


def _setup(world):
    sec, other_sec = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    helpers.approve(helpers.plan(world, fiscal_year=2567), world)
    helpers.plan(world, sc=world.other_sc, fiscal_year=2567)  # draft only
    helpers.approve(
        services.create_situation_report(
            actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
        ),
        world,
    )
    return sec, other_sec


def test_status_rows_and_lateness(world):
    _setup(world)
    before_due = dt.date(2023, 12, 1)
    rows, summary = selectors.national_status(2567, before_due)
    assert len(rows) == 77
    by_code = {r.province.code: r for r in rows}
    assert by_code["11"].plan_approved and by_code["11"].report_approved
    assert (by_code["95"].plan_approved, by_code["95"].plan_state, by_code["95"].report_id) == (False, "draft", None)
    assert by_code["10"].plan_id is None
    assert summary["plans_approved"] == 1 and summary["plans_missing"] == 75 and summary["plans_late"] == 0
    after_due = dt.date(2024, 1, 1)
    rows, summary = selectors.national_status(2567, after_due)
    by_code = {r.province.code: r for r in rows}
    assert (by_code["11"].plan_late, by_code["95"].plan_late, by_code["10"].plan_late) == (False, True, True)
    assert summary["plans_late"] == 76 and summary["reports_late"] == 76


def test_the_deadline_is_a_setting(world):
    _setup(world)
    with override_settings(PLAN_DUE_MONTH_DAY="03-31"):
        _rows, summary = selectors.national_status(2567, dt.date(2024, 1, 15))
    assert summary["plans_late"] == 0 and summary["plan_due"] == dt.date(2024, 3, 31)


def test_status_page(world, client_for):
    _setup(world)
    page = client_for(world.users[Role.NATIONAL]).get("/plans/status/?fiscal_year=2567").content.decode()
    assert page.count('data-testid="status-') == 77
    assert "เห็นชอบแล้ว 1/77" in page
    assert 'data-testid="plan-95"' in page
