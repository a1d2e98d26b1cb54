"""A held meeting with the six usual agenda sections, as the browser journeys start from."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from meetings.models import AgendaItem, Meeting

SECTIONS = ("chair_informs", "adopt_minutes", "follow_up", "for_information", "for_consideration", "other")


def held_meeting(sc, *, place: str, chair=None, number: int = 1, minutes_ago: int = 30):
    """Meeting ``number``/2567 of ``sc``, begun ``minutes_ago`` minutes ago and now held, chaired by
    ``chair`` (a seat) when given; returns ``(meeting, sections)``, sections by their type."""
    chaired = (
        {
            "chair_member": chair,
            "chair_name": chair.full_name,
            "chair_position": chair.position,
            "chair_capacity": chair.chair_capacity,
        }
        if chair
        else {}
    )
    meeting = Meeting.objects.create(
        subcommittee=sc,
        number=number,
        number_year=2567,
        numbering_basis="calendar",
        fiscal_year=2567,
        starts_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        place=place,
        state="held",
        **chaired,
    )
    sections = {
        section: AgendaItem.objects.create(meeting=meeting, section_type=section, order=order, title=section)
        for order, section in enumerate(SECTIONS, start=1)
    }
    return meeting, sections
