"""Set-up shared by the meetings tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from meetings import services
from meetings.choices import AttendanceStatus


def at(days: int = 0, hour: int = 13, minute: int = 30) -> dt.datetime:
    """A local datetime ``days`` from today (negative: in the past)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def schedule(world, *, days: int = 7, province: str = "own", **kw):
    sc = world.own_sc if province == "own" else world.other_sc
    users = world.users if province == "own" else world.other_users
    chair = world.seats[province]["chair"]
    return services.schedule_meeting(
        actor=kw.pop("actor", users["secretariat"]),
        subcommittee=sc,
        starts_at=kw.pop("starts_at", at(days)),
        place=kw.pop("place", "ห้องประชุมศาลากลางจังหวัด"),
        chair_member=chair,
        chair_capacity="governor",
        **kw,
    )


def held(world, *, province: str = "own", present: int = 4, **kw):
    """A past meeting marked held, with ``present`` members present (chair first) and the rest absent."""
    users = world.users if province == "own" else world.other_users
    meeting = schedule(world, days=-1, province=province, **kw)
    meeting = services.fire_transition(actor=users["secretariat"], meeting=meeting, name="hold")
    seats = world.seats[province]
    members = [seats["chair"], seats["member"], *seats["others"]]
    rows = [
        {"member": m, "status": AttendanceStatus.PRESENT if i < present else AttendanceStatus.ABSENT}
        for i, m in enumerate(members)
    ]
    services.record_attendance(actor=users["secretariat"], meeting=meeting, rows=rows)
    return meeting
