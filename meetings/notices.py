"""Who hears of a meeting's events (see ``notifications.registry``): its subcommittee's members and secretariat."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.selectors import people_of
from core import thaidate
from meetings.choices import MeetingState
from meetings.models import Meeting
from notifications.choices import Kind
from notifications.registry import Event, reminder, resolver

MINUTES_COMMENT_DAYS = 7

_WORDS = {
    Kind.MEETING_SCHEDULED: gettext_lazy("นัดประชุม"),
    Kind.MEETING_MOVED: gettext_lazy("เปลี่ยนวันเวลาหรือสถานที่ประชุม"),
    Kind.MEETING_CANCELLED: gettext_lazy("ยกเลิกการประชุม"),
    Kind.PAPERS_ADDED: gettext_lazy("เพิ่มเอกสารประกอบการประชุม"),
    Kind.MINUTES_CIRCULATED: gettext_lazy("เวียนรายงานการประชุมเพื่อขอความเห็น"),
    Kind.MINUTES_DUE: gettext_lazy("รายงานการประชุมรอความเห็นของท่าน"),
    Kind.MINUTES_ADOPTED: gettext_lazy("รับรองรายงานการประชุมแล้ว"),
}


@resolver(*_WORDS)
def meeting_event(kind: str, object_id: int, variant: str) -> Event | None:
    meeting = Meeting.objects.select_related("subcommittee__province").filter(pk=object_id).first()
    if meeting is None:
        return None
    province = meeting.subcommittee.province
    when = thaidate.format_datetime(meeting.starts_at)
    text = _("%(what)s %(short_name)s%(province)s %(label)s (%(when)s)") % {
        "what": _WORDS[kind],
        "short_name": meeting.subcommittee.short_name,
        "province": str(province),
        "label": meeting.label,
        "when": when,
    }
    minutes_kinds = {Kind.MINUTES_CIRCULATED, Kind.MINUTES_DUE, Kind.MINUTES_ADOPTED}
    url = reverse("meetings:minutes" if kind in minutes_kinds else "meetings:detail", args=[meeting.pk])
    return Event(text=text, url=url, recipients=people_of(province.pk), province_id=province.pk)


@reminder
def minutes_waiting(now) -> list[tuple[str, int, str]]:
    """Minutes circulated a week ago and still not adopted: remind the members once."""
    due = Meeting.objects.filter(
        state=MeetingState.CIRCULATED, minutes__circulated_at__lte=now - dt.timedelta(days=MINUTES_COMMENT_DAYS)
    ).values_list("pk", flat=True)
    return [(Kind.MINUTES_DUE, pk, f"{MINUTES_COMMENT_DAYS}d") for pk in due]
