"""Shared pieces of the meeting services: numbering, the chair, permission checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import ChairCapacity, NumberingBasis
from committees.models import Member, Subcommittee
from core import thaidate
from meetings.choices import MeetingState, SectionType
from meetings.models import (
    Meeting,
)

MEETING_FIELDS = ["starts_at", "place", "online_link", "chair_member", "chair_name", "chair_position", "chair_capacity"]

DEFAULT_SECTIONS = [
    SectionType.CHAIR_INFORMS,
    SectionType.ADOPT_MINUTES,
    SectionType.FOLLOW_UP,
    SectionType.FOR_INFORMATION,
    SectionType.FOR_CONSIDERATION,
    SectionType.OTHER,
]


def _require(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def _province(meeting: Meeting):
    return meeting.subcommittee.province


def numbering_year(basis: str, starts_at: dt.datetime) -> int:
    """The BE year a meeting is counted in: calendar year, or fiscal year when the subcommittee says so."""
    if basis == NumberingBasis.FISCAL:
        return thaidate.fiscal_year_of(starts_at)
    return thaidate.be_year(timezone.localtime(starts_at).year if timezone.is_aware(starts_at) else starts_at.year)


def _label(basis: str, number: int, year: int) -> str:
    if basis == NumberingBasis.FISCAL:
        return f"ครั้งที่ {number} ประจำปีงบประมาณ {year}"
    return f"ครั้งที่ {number}/{year}"


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The subcommittee's last meeting before this one that was not cancelled."""
    return (
        Meeting.objects.filter(subcommittee_id=meeting.subcommittee_id, starts_at__lt=meeting.starts_at)
        .exclude(state=MeetingState.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )


def _chair_fields(chair_member: Member | None, chair_capacity: str, subcommittee: Subcommittee) -> dict[str, Any]:
    if chair_member is None:
        if chair_capacity:
            raise ValidationError({"chair_member": _("กรุณาเลือกประธานในที่ประชุม")})
        return {"chair_member": None, "chair_name": "", "chair_position": "", "chair_capacity": ""}
    if chair_member.subcommittee_id != subcommittee.pk:
        raise ValidationError({"chair_member": _("ประธานในที่ประชุมต้องเป็นอนุกรรมการของคณะนี้")})
    if chair_capacity and chair_capacity not in ChairCapacity.values:
        raise ValidationError({"chair_capacity": _("ฐานะของประธานไม่ถูกต้อง")})
    return {
        "chair_member": chair_member,
        "chair_name": chair_member.full_name,
        "chair_position": chair_member.position,
        "chair_capacity": chair_capacity or chair_member.chair_capacity or ChairCapacity.OTHER,
    }
