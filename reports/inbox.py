"""Reports ready for the person who asked (see ``inbox.registry``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inbox.registry import Waiting, register
from reports.choices import JobState
from reports.models import ReportJob

READY_DAYS = 7


def _ready(p):
    return ReportJob.objects.filter(
        requested_by_id=p["user"], state=JobState.READY, finished_at__gte=p["since"]
    ).order_by("-finished_at", "-pk")


@register
def report_items(user) -> list[Waiting]:
    return [
        Waiting(
            "reports_ready",
            _("รายงาน PDF ที่ท่านขอ พร้อมดาวน์โหลด (%(READY_DAYS)s วันล่าสุด)") % {"READY_DAYS": READY_DAYS},
            _ready,
            {"user": user.pk, "since": timezone.now() - dt.timedelta(days=READY_DAYS)},
            _url,
            first=True,
            icon="file-earmark-pdf",
            tone="secondary",
            order=70,
        )
    ]


def _url(pk):
    return reverse("reports:job", args=[pk]) if pk else reverse("reports:list")
