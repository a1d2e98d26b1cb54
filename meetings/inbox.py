"""What meetings put in a person's inbox (see ``inbox.registry``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import Role
from core.subqueries import count_of, earliest, first_pk
from inbox.registry import Waiting, register
from meetings.choices import MeetingState
from meetings.models import Meeting, MinutesComment

COMING_DAYS = 30


@register
def meeting_items(user) -> list[Waiting]:
    access = user.access
    members = access.province_ids(Role.MEMBER)
    involved = members | access.province_ids(Role.SECRETARIAT)
    out: list[Waiting] = []
    if members:
        out_for_comment = (
            Meeting.objects.filter(subcommittee__province_id__in=members, state=MeetingState.CIRCULATED)
            .exclude(Exists(MinutesComment.objects.filter(minutes__meeting=OuterRef("pk"), author=user)))
            .order_by("starts_at", "pk")
        )
        out.append(
            Waiting(
                "minutes_for_comment",
                _("รายงานการประชุมที่เวียนขอความเห็น"),
                count_of(out_for_comment),
                lambda pk: reverse("meetings:minutes", args=[pk]) if pk else reverse("meetings:mine"),
                first=first_pk(out_for_comment),
                icon="file-earmark-text",
                order=30,
            )
        )
    if involved:
        now = timezone.now()
        coming = Meeting.objects.filter(
            subcommittee__province_id__in=involved,
            state=MeetingState.SCHEDULED,
            starts_at__gte=now,
            starts_at__lte=now + dt.timedelta(days=COMING_DAYS),
        ).order_by("starts_at", "pk")
        out.append(
            Waiting(
                "meetings_coming",
                _("การประชุมใน %(COMING_DAYS)s วันข้างหน้า (พร้อมเอกสารประกอบ)") % {"COMING_DAYS": COMING_DAYS},
                count_of(coming),
                lambda pk: reverse("meetings:agenda", args=[pk]) if pk else reverse("meetings:list"),
                first=first_pk(coming),
                deadline=earliest(coming, "starts_at"),
                icon="calendar-event",
                tone="info",
                order=40,
            )
        )
    return out
