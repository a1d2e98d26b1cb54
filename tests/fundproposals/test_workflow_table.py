"""The proposal workflow as a whole table: every state x transition x role.

``EXPECTED`` is the table written out by hand (the specification); the test
checks the engine's table against it for every combination, then fires every
allowed transition for real through ``core.workflow.fire`` and checks that a
refused one changes nothing.
"""

import datetime as dt
from dataclasses import replace

import pytest
from django.utils import timezone

from core.workflow import TransitionRefused, Workflow
from fundproposals.choices import ProposalState as S
from fundproposals.models import Proposal
from fundproposals.workflow import PROPOSAL_WORKFLOW, WORKFLOW_ROLES

P, SEC, CH, NAT, SYS = "proposer", "secretariat", "chair", "national", "system"

EXPECTED = {
    "submit": ({S.DRAFT}, S.SUBMITTED, {P, SEC}),
    "resubmit": ({S.RETURNED}, S.SUBMITTED, {P, SEC}),
    "return": ({S.SUBMITTED}, S.RETURNED, {SEC}),
    "accept": ({S.SUBMITTED}, S.UNDER_REVIEW, {SEC}),
    "table": ({S.UNDER_REVIEW}, S.TABLED, {SEC}),
    "untable": ({S.TABLED}, S.UNDER_REVIEW, {SYS}),  # the item was withdrawn from the agenda
    "circulate": ({S.UNDER_REVIEW}, S.VOTING, {SEC}),
    "open_vote": ({S.TABLED}, S.VOTING, {CH, SEC}),
    "close_vote": ({S.VOTING}, S.RESOLVED, {CH, SEC, SYS}),  # the secretariat records the room's decision
    "void_vote": ({S.VOTING}, S.UNDER_REVIEW, {CH, SEC, SYS}),
    "return_for_details": ({S.RESOLVED}, S.RETURNED, {SEC}),
    "forward": ({S.RESOLVED}, S.FORWARDED, {SEC}),
    "fund_decision": ({S.FORWARDED}, S.FUND_DECIDED, {SEC, NAT}),
    "contract": ({S.FUND_DECIDED}, S.CONTRACTED, {SEC, NAT}),
    "report": ({S.CONTRACTED}, S.REPORTED, {P, SEC}),
    "withdraw": ({S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNDER_REVIEW, S.TABLED}, S.WITHDRAWN, {P}),
}

# Without guards: the table's own part (sources, roles), judged for every combination.
UNGUARDED = Workflow(tuple(replace(t, guards=()) for t in PROPOSAL_WORKFLOW.transitions))


class _Obj:
    def __init__(self, state):
        self.state = state


def test_the_table_has_exactly_the_expected_transitions():
    assert {t.name for t in PROPOSAL_WORKFLOW.transitions} == set(EXPECTED)
    for t in PROPOSAL_WORKFLOW.transitions:
        sources, target, roles = EXPECTED[t.name]
        assert (t.sources, t.target, t.roles) == (frozenset(sources), target, frozenset(roles)), t.name


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("role", WORKFLOW_ROLES)
def test_every_state_transition_and_role(state, name, role):
    sources, _, roles = EXPECTED[name]
    verdict = UNGUARDED.check(_Obj(state), name, {role}, {"reason": "เหตุผล"})
    assert bool(verdict) == (state in sources and role in roles)
    if not verdict:
        assert verdict.reason  # a Thai reason, never a silent no


def test_withdrawn_and_reported_are_final():
    for state in (S.WITHDRAWN, S.REPORTED):
        assert not [t for t in PROPOSAL_WORKFLOW.transitions if state in t.sources]


def test_no_one_withdraws_after_a_decision():
    withdraw = PROPOSAL_WORKFLOW.get("withdraw")
    assert not withdraw.sources & {S.VOTING, S.RESOLVED, S.FORWARDED, S.FUND_DECIDED, S.CONTRACTED}


# --- fired for real: each allowed transition, and a refusal that changes nothing -----------------


def _context(name, world):
    from tests.fundproposals.helpers import make_meeting

    if name == "accept":
        keys = ("form_complete", "signed", "budget_detail", "pillar_fit", "org_documents")
        return {"checklist": dict.fromkeys(keys, True)}
    if name == "table":
        return {"meeting": make_meeting(world)}
    if name == "circulate":
        return {"deadline": timezone.now() + dt.timedelta(days=1)}
    if name in ("close_vote", "void_vote"):
        from fundproposals.models import Ballot

        return {"ballot": Ballot(result="approve" if name == "close_vote" else "")}
    return {"reason": "เหตุผลทดสอบ"}


_EXTRA = {
    "forward": {"decision": "approve"},
    "return_for_details": {"decision": "more_info"},
    "contract": {"fund_decision": "approved"},
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_transition_fires_and_is_audited(name, world):
    from core.models import AuditEvent
    from fundproposals.services import _fire
    from fundproposals.workflow import roles_on
    from tests.fundproposals.helpers import complete_proposal, tabled_proposal

    sources, target, roles = EXPECTED[name]
    source = sorted(sources)[0]
    if name == "open_vote":
        p = tabled_proposal(world)
    else:
        p = complete_proposal(world, state=source, **_EXTRA.get(name, {}))
    user = {
        P: world.users["proposer"],
        SEC: world.users["secretariat"],
        CH: world.users["chair"],
        NAT: world.users["national"],
        SYS: None,
    }
    # someone without the role is refused and nothing changes
    outsider = world.users["viewer"]
    with pytest.raises(TransitionRefused):
        _fire(actor=outsider, proposal_pk=p.pk, name=name, context=_context(name, world))
    assert Proposal.objects.get(pk=p.pk).state == source
    actor = user[sorted(roles)[0]]
    assert actor is None or sorted(roles)[0] in roles_on(actor, p)
    _fire(actor=actor, proposal_pk=p.pk, name=name, context=_context(name, world))
    assert Proposal.objects.get(pk=p.pk).state == target
    event = AuditEvent.objects.filter(action=f"transition:{name}").latest("id")
    assert event.changes["state"] == [source, target] and event.province_id == p.province_id
