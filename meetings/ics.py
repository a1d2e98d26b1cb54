"""The calendar file (.ics) attached to invitations and offered on "my meetings"."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

DEFAULT_LENGTH = dt.timedelta(hours=3)


def meeting_ics(meeting) -> bytes:
    """One VEVENT for the meeting (CANCELLED status when it was cancelled); UID stable across resends."""
    cal = Calendar()
    cal.add("prodid", "-//ctip//meetings//TH")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if meeting.state == "cancelled" else "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@ctip")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ended_at or meeting.starts_at + DEFAULT_LENGTH)
    event.add(
        "summary", f"ประชุม{meeting.subcommittee.short_name}{meeting.subcommittee.province.name_th} {meeting.label}"
    )
    event.add("location", meeting.place)
    link = settings.SITE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk])
    description = f"{meeting.subcommittee.name}\nระเบียบวาระและเอกสาร: {link}"
    if meeting.online_link:
        description += f"\nประชุมออนไลน์: {meeting.online_link}"
        event.add("url", meeting.online_link)
    event.add("description", description)
    event.add("status", "CANCELLED" if meeting.state == "cancelled" else "CONFIRMED")
    event.add("sequence", meeting.ics_sequence)
    cal.add_component(event)
    return cal.to_ical()


def ics_filename(meeting) -> str:
    return f"meeting-{meeting.number}-{meeting.number_year}.ics"
