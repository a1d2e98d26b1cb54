"""Reports ready for the person who asked (see ``inbox.registry``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.subqueries import count_of, first_pk
from inbox.registry import Waiting, register
from reports.choices import JobState
from reports.models import ReportJob

READY_DAYS = 7


@register
def report_items(user) -> list[Waiting]:
    ready = ReportJob.objects.filter(
        requested_by=user, state=JobState.READY, finished_at__gte=timezone.now() - dt.timedelta(days=READY_DAYS)
    ).order_by("-finished_at", "-pk")
    return [
        Waiting(
            "reports_ready",
            _("รายงาน PDF ที่ท่านขอ พร้อมดาวน์โหลด (%(READY_DAYS)s วันล่าสุด)") % {"READY_DAYS": READY_DAYS},
            count_of(ready),
            lambda pk: reverse("reports:job", args=[pk]) if pk else reverse("reports:list"),
            first=first_pk(ready),
            icon="file-earmark-pdf",
            tone="secondary",
            order=70,
        )
    ]
