"""What meetings put in a person's inbox (see ``inbox.registry``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import Role
from inbox.registry import Waiting, ids, register
from meetings.choices import MeetingState
from meetings.models import Meeting, MinutesComment

COMING_DAYS = 30


def _out_for_comment(p):
    return (
        Meeting.objects.filter(subcommittee__province_id__in=p["provinces"], state=MeetingState.CIRCULATED)
        .exclude(Exists(MinutesComment.objects.filter(minutes__meeting=OuterRef("pk"), author_id=p["user"])))
        .order_by("starts_at", "pk")
    )


def _coming(p):
    return Meeting.objects.filter(
        subcommittee__province_id__in=p["provinces"],
        state=MeetingState.SCHEDULED,
        starts_at__gte=p["now"],
        starts_at__lte=p["until"],
    ).order_by("starts_at", "pk")


@register
def meeting_items(user) -> list[Waiting]:
    access = user.access
    members = access.province_ids(Role.MEMBER)
    involved = members | access.province_ids(Role.SECRETARIAT)
    out: list[Waiting] = []
    if members:
        out.append(
            Waiting(
                "minutes_for_comment",
                _("รายงานการประชุมที่เวียนขอความเห็น"),
                _out_for_comment,
                {"provinces": ids(members), "user": user.pk},
                _minutes_url,
                first=True,
                icon="file-earmark-text",
                order=30,
            )
        )
    if involved:
        now = timezone.now()
        out.append(
            Waiting(
                "meetings_coming",
                _("การประชุมใน %(COMING_DAYS)s วันข้างหน้า (พร้อมเอกสารประกอบ)") % {"COMING_DAYS": COMING_DAYS},
                _coming,
                {"provinces": ids(involved), "now": now, "until": now + dt.timedelta(days=COMING_DAYS)},
                _agenda_url,
                first=True,
                earliest="starts_at",
                icon="calendar-event",
                tone="info",
                order=40,
            )
        )
    return out


def _minutes_url(pk):
    return reverse("meetings:minutes", args=[pk]) if pk else reverse("meetings:mine")


def _agenda_url(pk):
    return reverse("meetings:agenda", args=[pk]) if pk else reverse("meetings:list")
