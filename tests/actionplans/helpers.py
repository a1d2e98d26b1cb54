"""Set-up shared by the action plan tests: plans, activities, meetings with resolutions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from actionplans import services
from actionplans.models import ActionPlan, Activity
from core.pillars import Pillar
from meetings import services as meeting_services
from meetings.choices import MeetingState, ResolutionOutcome, SectionType
from meetings.models import Meeting


def plan(world, *, secretariat=None, fiscal_year=2567, sc=None, activities=1) -> ActionPlan:
    sc = sc or world.own_sc
    actor = secretariat or (world.users["secretariat"] if sc == world.own_sc else world.other_users["secretariat"])
    p = services.create_plan(actor=actor, subcommittee=sc, fiscal_year=fiscal_year)
    for i in range(activities):
        activity(p, actor, name=f"กิจกรรมที่ {i + 1}")
    return p


def activity(plan: ActionPlan, actor, **overrides) -> Activity:
    fields = {
        "pillar": Pillar.PREVENTION,
        "strategy": "เสริมสร้างความตระหนักรู้",
        "name": "อบรมเครือข่ายภาคประชาสังคม",
        "target_quantity": 4,
        "target_unit": "รุ่น",
        "q1": True,
        "q2": True,
        "q3": True,
        "q4": True,
        "budget": Decimal("40000.00"),
        "budget_source": "province",
        "responsible_agency": "สนง.พมจ.",
    }
    fields.update(overrides)
    return services.add_activity(actor=actor, plan=plan, **fields)


def meeting(sc, actor, *, days_ago=1, held=True) -> Meeting:
    m = meeting_services.schedule_meeting(
        actor=actor,
        subcommittee=sc,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        place="ห้องประชุมศาลากลางจังหวัด",
    )
    if held:
        Meeting.objects.filter(pk=m.pk).update(state=MeetingState.HELD)
        m.refresh_from_db()
    return m


def resolution(meeting_, actor, *, outcome=ResolutionOutcome.APPROVED, item=None, title="พิจารณาเรื่องทดสอบ"):
    item = item or meeting_services.add_agenda_item(
        actor=actor, meeting=meeting_, section_type=SectionType.FOR_CONSIDERATION, title=title
    )
    return meeting_services.record_resolution(actor=actor, agenda_item=item, outcome=outcome, text="ที่ประชุมเห็นชอบ")


def approve(doc, world, *, actor=None):
    """Propose ``doc`` at a held meeting of its subcommittee and approve it by that item's resolution."""
    actor = actor or world.users["secretariat"]
    m = meeting(doc.subcommittee, actor)
    doc = services.transition(actor=actor, doc=doc, name="propose", meeting=m)
    res = resolution(m, actor, item=doc.agenda_item)
    return services.transition(actor=actor, doc=doc, name="approve", resolution=res)
