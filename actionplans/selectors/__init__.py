"""Reads of plans, progress and situation reports, starting from what the user may see.

Totals are computed by the database (Subquery/Sum/Avg), so a plan page costs the
same number of queries whatever the number of activities.

The package re-exports every public name (``from actionplans import selectors`` keeps working):
``common`` (fiscal quarters, due dates, scope, progress sums), ``plans`` (plans, activities, files),
``plan_page`` (the plan page's data version),
``figures`` (totals by pillar and budget source), ``history`` (revisions, meetings and resolutions of a
document), ``situation`` (situation reports), ``national`` (national status), ``report_data`` (reads for
the reports app).
"""

from actionplans.choices import OPEN_STATES  # views read it as selectors.OPEN_STATES
from actionplans.selectors.common import MONEY, _activity_sum, due_date, ended_quarters, quarter_end
from actionplans.selectors.figures import PillarRow, budget_by_source, pillar_summary, plan_figures, plan_totals
from actionplans.selectors.history import (
    approving_resolutions,
    has_newer_revision,
    has_open_revision,
    meetings_for_proposal,
    revisions_of,
)
from actionplans.selectors.national import StatusRow, national_status
from actionplans.selectors.plan_page import PlanVersion, plan_page_version
from actionplans.selectors.plans import (
    activities_for_page,
    activities_with_progress,
    activity_for_user,
    attachment_for_user,
    plan_for_user,
    plan_heading_for_user,
    plan_list,
    plan_rows,
)
from actionplans.selectors.report_data import (
    fiscal_year_querysets_for_report,
    fiscal_years_for_report,
    national_plan_querysets,
    plan_by_id_for_report,
    plan_for_report,
    plan_report_querysets,
    situation_for_report,
    situation_report_querysets,
)
from actionplans.selectors.situation import report_for_user, report_list

__all__ = [
    "MONEY",
    "OPEN_STATES",
    "PillarRow",
    "PlanVersion",
    "StatusRow",
    "_activity_sum",
    "activities_for_page",
    "activities_with_progress",
    "activity_for_user",
    "approving_resolutions",
    "attachment_for_user",
    "budget_by_source",
    "due_date",
    "ended_quarters",
    "fiscal_year_querysets_for_report",
    "fiscal_years_for_report",
    "has_newer_revision",
    "has_open_revision",
    "meetings_for_proposal",
    "national_plan_querysets",
    "national_status",
    "pillar_summary",
    "plan_by_id_for_report",
    "plan_figures",
    "plan_for_report",
    "plan_for_user",
    "plan_heading_for_user",
    "plan_list",
    "plan_page_version",
    "plan_report_querysets",
    "plan_rows",
    "plan_totals",
    "quarter_end",
    "report_for_user",
    "report_list",
    "revisions_of",
    "situation_for_report",
    "situation_report_querysets",
]
