"""Every workflow step is a button where its user works, for exactly the roles the table allows.

For every transition of every workflow table (proposals, plans, situation
reports, meetings and their minutes) the object is put in each state the step
leaves, its own page is rendered as every role, and the step's control must be
there exactly when the table gives that role the step. System-only steps
(``supersede``, the deadline sweep) have no button by design.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans import services as plan_services
from actionplans.workflow import DOCUMENT_WORKFLOW
from fundproposals.choices import ProposalState
from fundproposals.workflow import PROPOSAL_WORKFLOW
from meetings import services as meeting_services
from meetings.models import Meeting
from meetings.workflow import MEETING_WORKFLOW
from tests.world import ROLES

SYSTEM = "system"


@pytest.fixture(autouse=True)
def _provinces_present(db):
    """In a full run this module may follow transactional tests that flushed the migrated provinces."""
    from committees.models import Province
    from tests.conftest import _load_provinces

    if not Province.objects.exists():
        _load_provinces()


def _html(client_for, world, role, url) -> str:
    resp = client_for(world.users[role]).get(url)
    return resp.content.decode() if resp.status_code == 200 else ""


def _cases(workflow):
    return [(t.name, s) for t in workflow.transitions if t.roles - {SYSTEM} for s in sorted(t.sources)]


# --- proposals ------------------------------------------------------------------

PROPOSAL_URLS = {
    "accept": "fundproposals:check",
    "return": "fundproposals:check",
    "table": "fundproposals:table",
    "circulate": "fundproposals:circulate",
    "open_vote": "fundproposals:open-ballot",
    "fund_decision": "fundproposals:fund-decision",
    "contract": "fundproposals:contract",
    "report": "fundproposals:report",
}


@pytest.mark.parametrize(("name", "state"), _cases(PROPOSAL_WORKFLOW))
def test_proposal_steps_are_buttons_for_exactly_their_roles(world, client_for, name, state):
    from tests.fundproposals.helpers import complete_proposal, voting_proposal

    t = PROPOSAL_WORKFLOW.get(name)
    if name in ("close_vote", "void_vote"):
        # closing is on the vote's own page; a show of hands is closed by the chair or recorded by the secretariat
        _p, ballot = voting_proposal(world)
        ballot.method = "show_of_hands"
        ballot.save()
        url, marker = f"/proposals/ballots/{ballot.pk}/close/", "ปิดการลงมติและบันทึกมติ"
    else:
        extra = {"fund_decision": "approved"} if state == ProposalState.FUND_DECIDED else {}
        p = complete_proposal(world, state=state, **extra)
        url = f"/proposals/{p.pk}/"
        step = PROPOSAL_URLS.get(name)
        href = reverse(step, args=[p.pk]) if step else reverse("fundproposals:step", args=[p.pk, name])
        marker = f'href="{href}" data-action="'
    for role in ROLES:
        allowed = role in t.roles or (role == "proposer" and "proposer" in t.roles)
        shown = marker in _html(client_for, world, role, url)
        assert shown == allowed, f"{name} from {state} as {role}: shown={shown}, table allows={allowed}"


# --- plans and situation reports ----------------------------------------------------


def _document(world, kind: str, state: str):
    from tests.actionplans.helpers import meeting, plan
    from tests.actionplans.matrix import FIGURES, NATIONALITIES

    sec = world.users["secretariat"]
    if kind == "plan":
        doc = plan(world)
        url = reverse("actionplans:plan", args=[doc.pk])
    else:
        doc = plan_services.create_situation_report(
            actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
        )
        url = reverse("actionplans:report", args=[doc.pk])
    if state == "proposed":
        doc = plan_services.transition(actor=sec, doc=doc, name="propose", meeting=meeting(world.own_sc, sec))
    return doc, url


@pytest.mark.parametrize("kind", ["plan", "report"])
@pytest.mark.parametrize(("name", "state"), _cases(DOCUMENT_WORKFLOW))
def test_plan_and_report_steps_are_buttons_for_exactly_their_roles(world, client_for, kind, name, state):
    t = DOCUMENT_WORKFLOW.get(name)
    _doc, url = _document(world, kind, state)
    for role in ROLES:
        shown = f'data-testid="do-{name}"' in _html(client_for, world, role, url)
        assert shown == (role in t.roles), f"{kind} {name} from {state} as {role}: shown={shown}"


def test_a_plan_is_proposed_and_approved_from_its_page(world, client_for):
    from tests.actionplans.helpers import meeting, plan, resolution

    sec = client_for(world.users["secretariat"])
    doc = plan(world)
    m = meeting(world.own_sc, world.users["secretariat"])
    page = sec.get(reverse("actionplans:plan", args=[doc.pk])).content.decode()
    assert 'data-testid="do-propose"' in page
    assert (
        sec.post(reverse("actionplans:plan-transition", args=[doc.pk, "propose"]), {"meeting": m.pk}).status_code == 302
    )
    doc.refresh_from_db()
    assert doc.state == "proposed" and doc.agenda_item.meeting == m
    res = resolution(m, world.users["secretariat"], item=doc.agenda_item)
    page = sec.get(reverse("actionplans:plan", args=[doc.pk])).content.decode()
    assert 'data-testid="do-approve"' in page
    resp = sec.post(reverse("actionplans:plan-transition", args=[doc.pk, "approve"]), {"resolution": res.pk})
    assert resp.status_code == 302
    doc.refresh_from_db()
    assert doc.state == "approved" and doc.resolution == res


# --- meetings and their minutes -------------------------------------------------------


def _meeting_in(world, state: str) -> Meeting:
    from tests.meetings.helpers import at, held

    sec = world.users["secretariat"]
    if state == "scheduled":
        # started an hour ago and not yet marked held: "hold" and "cancel" both apply
        m = meeting_services.schedule_meeting(
            actor=sec, subcommittee=world.own_sc, starts_at=at(7), place="ห้องประชุมศาลากลางจังหวัด"
        )
        Meeting.objects.filter(pk=m.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
        m.refresh_from_db()
        return m
    m = held(world)
    if state in ("minutes_drafted", "circulated"):
        meeting_services.save_minutes(actor=sec, meeting=m, content={}, base_version=0)
    if state == "circulated":
        meeting_services.fire_transition(actor=sec, meeting=m, name="circulate")
    m.refresh_from_db()
    return m


MEETING_CONTROLS = {
    "draft_minutes": "meetings:minutes-edit",  # the first save of the draft takes this step
    "adopt": "meetings:minutes-adopt",
}


@pytest.mark.parametrize(("name", "state"), _cases(MEETING_WORKFLOW))
def test_meeting_and_minutes_steps_are_buttons_for_exactly_their_roles(world, client_for, name, state):
    t = MEETING_WORKFLOW.get(name)
    m = _meeting_in(world, state)
    assert m.state == state
    url_name = MEETING_CONTROLS.get(name)
    href = reverse(url_name, args=[m.pk]) if url_name else reverse("meetings:transition", args=[m.pk, name])
    for page in (reverse("meetings:detail", args=[m.pk]), reverse("meetings:minutes", args=[m.pk])):
        if name in ("hold", "cancel") and page.endswith("/minutes/"):
            continue  # before the meeting the minutes page is not where these are done
        for role in ROLES:
            shown = f'href="{href}"' in _html(client_for, world, role, page)
            assert shown == (role in t.roles), f"{name} from {state} on {page} as {role}: shown={shown}"


# --- deciding an agenda item without a proposal (a plan, a report, any section 5/6 item) ----------

# step -> (method of the open ballot or None before opening, page, control, roles that get it)
ITEM_DECISION_STEPS = {
    "open": (None, "item", 'data-testid="decision-open"', {"secretariat", "chair"}),
    "record hands": ("show_of_hands", "item", 'data-testid="decision-record"', {"secretariat"}),
    "record roll call": ("roll_call", "item", 'data-testid="decision-record"', {"secretariat"}),
    "vote on a device": ("devices", "item", 'data-testid="decision-vote"', {"chair", "member"}),  # the seated
    "close hands": ("show_of_hands", "close", "ปิดการลงมติและบันทึกมติ", {"secretariat", "chair"}),
    "close consensus": ("consensus", "close", "ปิดการลงมติและบันทึกมติ", {"secretariat", "chair"}),
    "close devices": ("devices", "close", "ปิดการลงมติและบันทึกมติ", {"chair"}),
}


@pytest.mark.parametrize("step", list(ITEM_DECISION_STEPS))
def test_item_decision_steps_are_buttons_for_exactly_their_roles(world, client_for, step):
    from fundproposals import services as fund_services
    from tests.actionplans.helpers import plan
    from tests.meetings.helpers import held

    method, page, marker, roles = ITEM_DECISION_STEPS[step]
    m = held(world, present=5)
    doc = plan_services.transition(actor=world.users["secretariat"], doc=plan(world), name="propose", meeting=m)
    item = doc.agenda_item
    url = reverse("meetings:item", args=[item.pk])
    if method:
        ballot = fund_services.open_item_ballot(actor=world.users["chair"], agenda_item=item, method=method)
        if page == "close":
            url = reverse("fundproposals:close", args=[ballot.pk])
    for role in ROLES:
        shown = marker in _html(client_for, world, role, url)
        assert shown == (role in roles), f"{step} as {role}: shown={shown}"
    # another province's secretariat and chair get nothing but a 404
    for role in ("secretariat", "chair"):
        assert client_for(world.other_users[role]).get(url).status_code == 404
