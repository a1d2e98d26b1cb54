"""The person who asked for a report hears when it is ready (see ``notifications.registry``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.choices import Kind
from notifications.registry import Event, resolver
from reports.choices import JobState
from reports.models import ReportJob


@resolver(Kind.REPORT_READY)
def report_ready(kind: str, object_id: int, variant: str) -> Event | None:
    job = ReportJob.objects.select_related("requested_by").filter(pk=object_id, state=JobState.READY).first()
    if job is None:
        return None
    return Event(
        text=_("รายงาน PDF ที่ท่านขอพร้อมดาวน์โหลดแล้ว: %(kind)s") % {"kind": job.get_kind_display()},
        url=reverse("reports:job", args=[job.pk]),
        recipients=[job.requested_by],
        province_id=job.province_id,
    )
