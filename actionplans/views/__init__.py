"""Action plan pages, by page family; ``actionplans/urls.py`` reaches every view through this package.

``plan_pages`` (plans, activities, progress, files), ``document_pages`` (transitions and revisions of plans
and reports), ``situation_pages`` (situation reports), ``status_pages`` (national status); ``common`` holds
the request helpers they share.
"""

from actionplans.views.document_pages import plan_revise, plan_transition, report_revise, report_transition
from actionplans.views.plan_pages import (
    activity_add,
    activity_edit,
    attachment_download,
    plan_create,
    plan_detail,
    plan_list,
    progress_edit,
)
from actionplans.views.situation_pages import report_create, report_detail, report_edit, report_list
from actionplans.views.status_pages import national_status

__all__ = [
    "activity_add",
    "activity_edit",
    "attachment_download",
    "national_status",
    "plan_create",
    "plan_detail",
    "plan_list",
    "plan_revise",
    "plan_transition",
    "progress_edit",
    "report_create",
    "report_detail",
    "report_edit",
    "report_list",
    "report_revise",
    "report_transition",
]
