"""Plans and situation reports due in 30 and 7 days, and late: the province's secretariat hears.

The object is the subcommittee; the variant names the year and the step, so each reminder goes once.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.choices import DocState
from actionplans.models import ActionPlan, SituationReport
from actionplans.selectors import due_date
from committees.models import Subcommittee
from committees.selectors import people_of
from core import thaidate
from core.thaidate import current_fiscal_year
from notifications.choices import Kind
from notifications.registry import Event, reminder, resolver

STEPS = (30, 7)


@resolver(Kind.PLAN_DUE, Kind.PLAN_LATE, Kind.SITUATION_DUE, Kind.SITUATION_LATE)
def document_due(kind: str, object_id: int, variant: str) -> Event | None:
    sc = Subcommittee.objects.select_related("province").filter(pk=object_id).first()
    if sc is None:
        return None
    year, _sep, step = variant.partition(":")
    plan = kind in (Kind.PLAN_DUE, Kind.PLAN_LATE)
    what = (
        _("แผนปฏิบัติการปีงบประมาณ %(year)s") % {"year": year}
        if plan
        else _("รายงานสถานการณ์ปี %(value)s") % {"value": int(year) - 1}
    )
    due = due_date(int(year), settings.PLAN_DUE_MONTH_DAY if plan else settings.SITUATION_REPORT_DUE_MONTH_DAY)
    when = (
        _("เลยกำหนดแล้ว")
        if kind in (Kind.PLAN_LATE, Kind.SITUATION_LATE)
        else _("ครบกำหนดในอีก %(step)s วัน") % {"step": step}
    )
    return Event(
        text=_("%(what)s จังหวัด%(name_th)s %(when)s (กำหนด %(format_date)s) ยังไม่ได้รับความเห็นชอบ")
        % {"what": what, "name_th": str(sc.province), "when": when, "format_date": thaidate.format_date(due)},
        url=reverse("actionplans:list") if plan else reverse("actionplans:report-list"),
        recipients=people_of(sc.province_id, members=False),
        province_id=sc.province_id,
    )


def _missing(model, year_field: str, year: int):
    approved = model.objects.filter(subcommittee=OuterRef("pk"), state=DocState.APPROVED, **{year_field: year})
    return Subcommittee.objects.exclude(Exists(approved)).values_list("pk", flat=True)


@reminder
def documents_due(now) -> list[tuple[str, int, str]]:
    today = timezone.localtime(now).date()
    fy = current_fiscal_year()
    out = []
    for model, year_field, year, setting, due_kind, late_kind in (
        (ActionPlan, "fiscal_year", fy, settings.PLAN_DUE_MONTH_DAY, Kind.PLAN_DUE, Kind.PLAN_LATE),
        (
            SituationReport,
            "year",
            fy - 1,
            settings.SITUATION_REPORT_DUE_MONTH_DAY,
            Kind.SITUATION_DUE,
            Kind.SITUATION_LATE,
        ),
    ):
        days_left = (due_date(fy, setting) - today).days
        if days_left < 0:
            kind, step = late_kind, "late"
        else:
            steps = [s for s in STEPS if days_left <= s]
            if not steps:
                continue
            kind, step = due_kind, str(min(steps))
        out.extend((kind, pk, f"{fy}:{step}") for pk in _missing(model, year_field, year))
    return out
