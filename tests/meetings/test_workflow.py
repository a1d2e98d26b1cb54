"""The meeting workflow table as a whole: every state x transition x role."""

from committees.choices import Role
from meetings.choices import MeetingState as S
from meetings.workflow import MEETING_WORKFLOW

ALL_ROLES = [Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER]

# (transition, source states, roles) that are allowed; everything else is refused.
EXPECTED = {
    "hold": ({S.SCHEDULED}, {Role.SECRETARIAT}),
    "cancel": ({S.SCHEDULED}, {Role.SECRETARIAT, Role.CHAIR}),
    "draft_minutes": ({S.HELD}, {Role.SECRETARIAT}),
    "circulate": ({S.MINUTES_DRAFTED}, {Role.SECRETARIAT}),
    "revise": ({S.CIRCULATED}, {Role.SECRETARIAT}),
    "adopt": ({S.MINUTES_DRAFTED, S.CIRCULATED}, {Role.SECRETARIAT, Role.CHAIR}),
}
TARGET = {
    "hold": S.HELD,
    "cancel": S.CANCELLED,
    "draft_minutes": S.MINUTES_DRAFTED,
    "circulate": S.CIRCULATED,
    "revise": S.MINUTES_DRAFTED,
    "adopt": S.ADOPTED,
}


def test_table_names_and_targets():
    assert {t.name: t.target for t in MEETING_WORKFLOW.transitions} == TARGET


def test_every_state_transition_role(db, world):
    """One meeting whose date has passed and whose minutes are saved, put in each state in turn (not saved)."""
    from meetings import services
    from tests.meetings.helpers import held

    meeting = held(world)
    services.save_minutes(actor=world.users["secretariat"], meeting=meeting, content={}, base_version=0)
    wrong = []
    for state in S:
        meeting.state = state
        for name, (sources, roles) in EXPECTED.items():
            for role in ALL_ROLES:
                verdict = MEETING_WORKFLOW.check(meeting, name, {role}, {"reason": "เหตุผล"})
                if bool(verdict) != (state in sources and role in roles):
                    wrong.append((state, name, role, verdict.reason))
    assert wrong == []


def test_guards_give_thai_reasons(db, world):
    from meetings.models import Meeting
    from tests.meetings.helpers import schedule

    future = schedule(world, days=3)
    v = MEETING_WORKFLOW.check(future, "hold", {Role.SECRETARIAT})
    assert not v and "ยังไม่ถึงเวลาประชุม" in v.reason
    v = MEETING_WORKFLOW.check(future, "cancel", {Role.SECRETARIAT}, {"reason": " "})
    assert not v and v.reason == "กรุณาระบุเหตุผล"
    future.state = S.MINUTES_DRAFTED
    v = MEETING_WORKFLOW.check(future, "circulate", {Role.SECRETARIAT})
    assert not v and "ยังไม่มีร่างรายงานการประชุม" in v.reason
    assert Meeting.objects.get(pk=future.pk).state == S.SCHEDULED
