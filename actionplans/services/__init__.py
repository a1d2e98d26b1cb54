"""Writes to action plans, their activities and progress, and situation reports.

Each one: keyword-only arguments, an explicit actor, one transaction,
``full_clean`` before saving and an audit record. State changes go through the
one transition table (``actionplans.workflow``).

The package re-exports every public name (``from actionplans import services`` keeps working):
``plans`` (plans, activities, progress), ``transitions`` (the shared transition table, approval and
withdrawal through a meeting), ``situation`` (situation reports).
"""

from actionplans.services.plans import (
    ACTIVITY_FIELDS,
    PROGRESS_FIELDS,
    add_activity,
    copy_last_years_plan,
    create_plan,
    last_years_plan,
    record_progress,
    revise_plan,
    update_activity,
)
from actionplans.services.situation import (
    check_situation_figures,
    create_situation_report,
    revise_situation_report,
    update_situation_report,
)
from actionplans.services.transitions import approve_by_meeting, transition, withdraw_from_agenda

__all__ = [
    "ACTIVITY_FIELDS",
    "PROGRESS_FIELDS",
    "add_activity",
    "approve_by_meeting",
    "check_situation_figures",
    "copy_last_years_plan",
    "create_plan",
    "create_situation_report",
    "last_years_plan",
    "record_progress",
    "revise_plan",
    "revise_situation_report",
    "transition",
    "update_activity",
    "update_situation_report",
    "withdraw_from_agenda",
]
