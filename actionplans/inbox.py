"""What action plans and situation reports put in a person's inbox (see ``inbox.registry``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.choices import DocState
from actionplans.models import ActionPlan, Activity, SituationReport
from actionplans.selectors import _activity_sum, due_date, ended_quarters
from committees.choices import Role
from committees.models import Province
from core.thaidate import current_fiscal_year
from inbox.registry import Waiting, ids, register

WARN_DAYS = 30


def _without_approved(provinces, model, year_field: str, year):
    approved = model.objects.filter(
        subcommittee__province=OuterRef("pk"), state=DocState.APPROVED, **{year_field: year}
    )
    return provinces.exclude(Exists(approved))


def _plan_missing(p):
    return _without_approved(Province.objects.filter(pk__in=p["provinces"]), ActionPlan, "fiscal_year", p["year"])


def _report_missing(p):
    return _without_approved(Province.objects.filter(pk__in=p["provinces"]), SituationReport, "year", p["year"])


def _plans_missing_everywhere(p):
    return _without_approved(Province.objects.all(), ActionPlan, "fiscal_year", p["year"])


def _late_activities(p):
    """Activities of approved plans that are late the way the plan page says (``activities_with_progress``):
    achieved below the share of the target due by the quarters that have ended (``p["shape"]``)."""
    ended = set(p["shape"])
    if not ended:
        return Activity.objects.none()

    def flag(q: int, only_ended: bool):
        if only_ended and q not in ended:
            return Value(0)
        return Case(When(**{f"q{q}": True}, then=Value(1)), default=Value(0), output_field=IntegerField())

    return (
        Activity.objects.filter(
            plan__subcommittee__province_id__in=p["provinces"],
            plan__fiscal_year=p["year"],
            plan__state=DocState.APPROVED,
        )
        .annotate(
            achieved=_activity_sum("quantity_achieved"),
            scheduled=flag(1, False) + flag(2, False) + flag(3, False) + flag(4, False),
            ended_scheduled=flag(1, True) + flag(2, True) + flag(3, True) + flag(4, True),
        )
        .annotate(
            achieved_scaled=F("achieved") * F("scheduled"), due_scaled=F("target_quantity") * F("ended_scheduled")
        )
        .filter(ended_scheduled__gt=0, achieved_scaled__lt=F("due_scaled"))
    )


@register
def plan_items(user) -> list[Waiting]:
    access = user.access
    today = timezone.localdate()
    fy = current_fiscal_year()
    plan_due = due_date(fy, settings.PLAN_DUE_MONTH_DAY)
    report_due = due_date(fy, settings.SITUATION_REPORT_DUE_MONTH_DAY)
    out: list[Waiting] = []
    secretariat = access.province_ids(Role.SECRETARIAT)
    if secretariat:
        mine = ids(secretariat)
        if today >= plan_due - dt.timedelta(days=WARN_DAYS):
            late = today > plan_due
            out.append(
                Waiting(
                    "plan_due",
                    _("แผนปฏิบัติการปีงบประมาณ %(fy)s %(value)s ยังไม่ได้รับความเห็นชอบ")
                    % {"fy": fy, "value": _("เลยกำหนด") if late else _("ใกล้ถึงกำหนด")},
                    _plan_missing,
                    {"provinces": mine, "year": fy},
                    lambda pk: f"{reverse('actionplans:list')}?fiscal_year={fy}",
                    deadline=plan_due,
                    icon="list-check",
                    tone="danger" if late else "warning",
                    order=50,
                )
            )
        if today >= report_due - dt.timedelta(days=WARN_DAYS):
            late = today > report_due
            out.append(
                Waiting(
                    "report_due",
                    _("รายงานสถานการณ์ปี %(value)s %(value2)s ยังไม่ได้รับความเห็นชอบ")
                    % {"value": fy - 1, "value2": _("เลยกำหนด") if late else _("ใกล้ถึงกำหนด")},
                    _report_missing,
                    {"provinces": mine, "year": fy - 1},
                    lambda pk: reverse("actionplans:report-list"),
                    deadline=report_due,
                    icon="graph-up",
                    tone="danger" if late else "warning",
                    order=51,
                )
            )
        out.append(
            Waiting(
                "late_activities",
                _("กิจกรรมตามแผนที่ล่าช้ากว่าเป้าหมาย"),
                _late_activities,
                {"provinces": mine, "year": fy},
                lambda pk: f"{reverse('actionplans:list')}?fiscal_year={fy}",
                shape=tuple(ended_quarters(fy, today)),
                icon="hourglass-split",
                tone="danger",
                order=52,
            )
        )
    if access.is_national and today > plan_due:
        out.append(
            Waiting(
                "late_provinces",
                _("จังหวัดที่ยังไม่มีแผนปฏิบัติการปีงบประมาณ %(fy)s ที่ได้รับความเห็นชอบ (เลยกำหนด)") % {"fy": fy},
                _plans_missing_everywhere,
                {"year": fy},
                lambda pk: reverse("actionplans:status"),
                icon="exclamation-triangle",
                tone="danger",
                order=60,
            )
        )
    return out
