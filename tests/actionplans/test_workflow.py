"""The plan/report transition table as a whole: every state x transition x role, then its guards."""

import pytest
from django.core.exceptions import PermissionDenied

from actionplans import services
from actionplans.choices import DocState
from actionplans.models import ActionPlan
from actionplans.workflow import DOCUMENT_WORKFLOW, SYSTEM
from committees.choices import Role
from core.workflow import TransitionRefused
from meetings.choices import ResolutionOutcome
from tests.actionplans import helpers
from tests.actionplans.matrix import FIGURES, NATIONALITIES
from tests.world import ROLES

# (transition, source state) -> the roles that may fire it; every other cell of the table is refused.
ALLOWED = {
    ("propose", DocState.DRAFT): {Role.SECRETARIAT},
    ("withdraw", DocState.PROPOSED): {Role.SECRETARIAT},
    ("approve", DocState.PROPOSED): {Role.SECRETARIAT, SYSTEM},  # the system: a vote on the item approved it
    ("supersede", DocState.APPROVED): {SYSTEM},
}
TARGET = {"propose": DocState.PROPOSED, "withdraw": DocState.DRAFT, "approve": DocState.APPROVED}


def _doc(world, kind):
    sec = world.users[Role.SECRETARIAT]
    if kind == "plan":
        return helpers.plan(world)
    return services.create_situation_report(
        actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
    )


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_the_whole_table(world, kind):
    doc = _doc(world, kind)
    sec = world.users[Role.SECRETARIAT]
    meeting = helpers.meeting(world.own_sc, sec)
    ctx = {"meeting": meeting, "resolution": helpers.resolution(meeting, sec), "reason": "ขอแก้ไข"}
    names = [t.name for t in DOCUMENT_WORKFLOW.transitions]
    assert set(names) == {"propose", "withdraw", "approve", "supersede"}
    problems = []
    for state in DocState.values:
        doc.state = state
        for name in names:
            for role in [*ROLES, SYSTEM]:
                verdict = DOCUMENT_WORKFLOW.check(doc, name, {role}, ctx)
                expected = role in ALLOWED.get((name, state), set())
                if bool(verdict) != expected:
                    problems.append(f"{state} x {name} x {role}: {bool(verdict)} ({verdict.reason})")
                if not expected:
                    assert verdict.reason, "a refusal must say why"
    assert problems == []
    for (name, state), _roles in ALLOWED.items():
        t = DOCUMENT_WORKFLOW.get(name)
        assert t.sources == {state}
        if name in TARGET:
            assert t.target == TARGET[name]


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_propose_tables_an_agenda_item_and_approve_freezes(world, kind):
    doc = _doc(world, kind)
    sec = world.users[Role.SECRETARIAT]
    meeting = helpers.meeting(world.own_sc, sec)
    doc = services.transition(actor=sec, doc=doc, name="propose", meeting=meeting)
    item = doc.agenda_item
    assert doc.state == DocState.PROPOSED
    assert item.meeting == meeting and item.section_type == "for_consideration"
    assert item.parent.section_type == "for_consideration"
    assert item.title.startswith("พิจารณา")
    res = helpers.resolution(meeting, sec, item=item, outcome=ResolutionOutcome.APPROVED_WITH_CHANGES)
    doc = services.transition(actor=sec, doc=doc, name="approve", resolution=res)
    doc.refresh_from_db()
    assert doc.state == DocState.APPROVED and doc.resolution == res and doc.approved_at


def test_approval_needs_a_resolution_of_the_same_subcommittee(world):
    sec, other_sec = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    plan = helpers.plan(world)
    meeting = helpers.meeting(world.own_sc, sec)
    plan = services.transition(actor=sec, doc=plan, name="propose", meeting=meeting)
    other_meeting = helpers.meeting(world.other_sc, other_sec)
    foreign = helpers.resolution(other_meeting, other_sec, title="พิจารณาแผนปฏิบัติการจังหวัดยะลา")
    with pytest.raises(TransitionRefused, match="มติของที่ประชุมคณะอนุกรรมการจังหวัดเดียวกัน"):
        services.transition(actor=sec, doc=plan, name="approve", resolution=foreign)
    deferred = helpers.resolution(meeting, sec, item=plan.agenda_item, outcome=ResolutionOutcome.DEFERRED)
    with pytest.raises(TransitionRefused, match="ไม่ใช่มติเห็นชอบ"):
        services.transition(actor=sec, doc=plan, name="approve", resolution=deferred)
    with pytest.raises(TransitionRefused, match="ต้องอ้างอิงมติที่ประชุม"):
        services.transition(actor=sec, doc=plan, name="approve", resolution=None)
    plan.refresh_from_db()
    assert plan.state == DocState.PROPOSED and plan.resolution is None
    # the same set-up with the own meeting's approving resolution goes through
    own = helpers.resolution(meeting, sec, item=plan.agenda_item, outcome=ResolutionOutcome.APPROVED)
    assert services.transition(actor=sec, doc=plan, name="approve", resolution=own).state == DocState.APPROVED


def test_propose_needs_a_meeting_of_the_same_subcommittee_and_an_activity(world):
    sec, other_sec = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    empty = helpers.plan(world, activities=0)
    meeting = helpers.meeting(world.own_sc, sec)
    with pytest.raises(TransitionRefused, match="ยังไม่มีกิจกรรม"):
        services.transition(actor=sec, doc=empty, name="propose", meeting=meeting)
    helpers.activity(empty, sec)
    other_meeting = helpers.meeting(world.other_sc, other_sec)
    with pytest.raises(TransitionRefused, match="จังหวัดเดียวกัน"):
        services.transition(actor=sec, doc=empty, name="propose", meeting=other_meeting)
    assert services.transition(actor=sec, doc=empty, name="propose", meeting=meeting).state == DocState.PROPOSED


def test_only_the_secretariat_fires_and_nobody_fires_supersede(world):
    plan = helpers.plan(world)
    meeting = helpers.meeting(world.own_sc, world.users[Role.SECRETARIAT])
    for role in (Role.CHAIR, Role.MEMBER, Role.VIEWER, Role.NATIONAL, Role.PROPOSER):
        with pytest.raises(TransitionRefused):
            services.transition(actor=world.users[role], doc=plan, name="propose", meeting=meeting)
    with pytest.raises(TransitionRefused):
        services.transition(actor=world.users[Role.SECRETARIAT], doc=plan, name="supersede")
    plan.refresh_from_db()
    assert plan.state == DocState.DRAFT


def test_withdraw_needs_a_reason_and_returns_to_draft(world):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world)
    plan = services.transition(actor=sec, doc=plan, name="propose", meeting=helpers.meeting(world.own_sc, sec))
    with pytest.raises(TransitionRefused, match="เหตุผล"):
        services.transition(actor=sec, doc=plan, name="withdraw")
    plan = services.transition(actor=sec, doc=plan, name="withdraw", reason="ที่ประชุมให้ปรับกิจกรรม")
    assert plan.state == DocState.DRAFT and plan.agenda_item is None


def test_approved_revision_is_frozen_and_a_new_revision_supersedes_it(world):
    sec = world.users[Role.SECRETARIAT]
    first = helpers.approve(helpers.plan(world, activities=2), world)
    act = first.activities.first()
    services.record_progress(actor=sec, activity=act, quarter=1, done="อบรมแล้ว", quantity_achieved=1, budget_spent=5)
    with pytest.raises(PermissionDenied):
        services.update_activity(actor=sec, activity=act, name="เปลี่ยนชื่อ")
    with pytest.raises(PermissionDenied):
        helpers.activity(first, sec)
    second = services.revise_plan(actor=sec, plan=first)
    assert (second.revision, second.state, second.previous) == (2, DocState.DRAFT, first)
    assert second.activities.count() == 2
    assert second.activities.get(source_activity=act).progress.get(quarter=1).quantity_achieved == 1
    with pytest.raises(PermissionDenied):  # one open revision at a time
        services.revise_plan(actor=sec, plan=first)
    with pytest.raises(PermissionDenied, match="ฉบับล่าสุด"):  # progress goes on the latest revision
        services.record_progress(actor=sec, activity=act, quarter=2, done="x", quantity_achieved=1, budget_spent=0)
    services.update_activity(actor=sec, activity=second.activities.get(source_activity=act), name="ชื่อใหม่")
    second = helpers.approve(second, world)
    first.refresh_from_db()
    assert first.state == DocState.SUPERSEDED
    assert second.state == DocState.APPROVED
    assert act.name != "ชื่อใหม่" and first.activities.get(pk=act.pk).name == act.name
    assert list(ActionPlan.objects.filter(fiscal_year=2567).values_list("revision", "state").order_by("revision")) == [
        (1, DocState.SUPERSEDED),
        (2, DocState.APPROVED),
    ]
