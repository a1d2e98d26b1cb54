"""The inbox's SELECT is compiled once per shape and re-run with each reader's parameters:
the kept SQL must give exactly the ORM's row, for every role of both provinces, at any time."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from committees.choices import RequestState, Role
from committees.models import ProposerRequest
from fundproposals.choices import ProposalState
from fundproposals.models import Vote
from inbox import prepared
from inbox.registry import Waiting
from inbox.selectors import _query, _spec, _values, entries
from meetings.choices import MeetingState
from meetings.models import Meeting
from reports.choices import JobState, ReportKind
from reports.models import ReportJob
from tests.core.test_cache import DOWN
from tests.fundproposals.helpers import circulating_proposal, complete_proposal
from tests.meetings.helpers import schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    prepared.forget()
    yield
    prepared.forget()


def _item(html: str, key: str) -> str:
    start = html.find(f'data-inbox="{key}"')
    return html[start : html.find("</li>", start)] if start >= 0 else ""


def _everything_waiting(world) -> None:
    """One of every kind of waiting thing in each province (a second one in ``own``)."""
    for where, users in (("own", world.users), ("other", world.other_users)):
        province = world.own if where == "own" else world.other
        complete_proposal(world, province=province, state=ProposalState.SUBMITTED)
        complete_proposal(world, province=province, state=ProposalState.UNDER_REVIEW)
        complete_proposal(world, province=province, state=ProposalState.RETURNED)
        circulating_proposal(world, province=province, deadline=timezone.now() + dt.timedelta(days=2))
        circulating_proposal(world, province=province, deadline=timezone.now() - dt.timedelta(hours=1))
        ProposerRequest.objects.create(
            user=users[Role.VIEWER], province=province, organisation="อบต.", state=RequestState.PENDING
        )
        coming = schedule(world, days=5, province=where)
        circulated = schedule(world, days=9, province=where)
        Meeting.objects.filter(pk=circulated.pk).update(state=MeetingState.CIRCULATED)
        ReportJob.objects.create(
            kind=ReportKind.MINUTES,
            province=province,
            object_id=coming.pk,
            title="รายงานการประชุม",
            requested_by=users[Role.CHAIR],
            state=JobState.READY,
            finished_at=timezone.now() - dt.timedelta(days=1),
            fingerprint="x" * 64,
            file="reports/x.pdf",
        )
    complete_proposal(world, state=ProposalState.SUBMITTED)
    schedule(world, days=12)


def _inbox_plans() -> list:
    return [plan for shape, plan in prepared._PLANS.items() if shape[1] is _query and plan is not None]


def _readers(world) -> list[User]:
    return [*world.users.values(), *world.other_users.values()]


def _orm_row(user) -> dict:
    waiting = entries(user)
    return _query(_spec(waiting), _values(user, waiting)).first() or {}


@pytest.mark.parametrize("days", [0, 40, 75, 200, 300])
def test_the_kept_sql_gives_the_orms_row_for_every_reader_of_both_provinces(world, monkeypatch, days):
    _everything_waiting(world)
    later = timezone.now() + dt.timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: later)  # today, the fiscal year's due dates, the windows
    for _round in range(2):  # the first reader of a shape makes its plan, the others re-run it
        for user in _readers(world):
            waiting = entries(user)
            if not waiting:
                continue
            spec = _spec(waiting)
            row = prepared.run(spec, _query, _values(user, waiting))
            assert row == _orm_row(user), (user.username, days)
            shape = next(s for s in prepared._PLANS if s[0] == spec)
            assert prepared._PLANS[shape] is not None, "every inbox shape keeps its compiled SQL"
    kept = [s for s, plan in prepared._PLANS.items() if plan is not None]
    assert len(kept) < len(_readers(world))  # readers of one shape share one plan


def test_each_reader_sees_only_their_own_province_and_their_own_items_through_one_plan(world, client_for):
    _everything_waiting(world)
    own, other = client_for(world.users[Role.MEMBER]), client_for(world.other_users[Role.MEMBER])
    _p, ballot = circulating_proposal(world, deadline=timezone.now() + dt.timedelta(days=1))
    for _round in range(2):
        mine = own.get("/").content.decode()
        theirs = other.get("/").content.decode()
        assert f"/proposals/ballots/{ballot.pk}/" not in _item(theirs, "votes_open")
        # two of each province's own (one past its deadline, still open), and the one just opened
        assert ">3</span>" in _item(mine, "votes_open") and ">2</span>" in _item(theirs, "votes_open")
        cache.clear()
    assert len(_inbox_plans()) == 1  # both members: one shape
    # the member votes on one: it leaves their inbox, not the other province's
    Vote.objects.create(
        ballot=ballot, member=world.seats["own"]["member"], choice="approve", cast_by=world.users[Role.MEMBER]
    )
    cache.clear()
    mine = own.get("/").content.decode()
    assert ">2</span>" in _item(mine, "votes_open") and f"/proposals/ballots/{ballot.pk}/" not in mine
    assert ">2</span>" in _item(other.get("/").content.decode(), "votes_open")


def test_two_chairs_of_one_shape_each_get_their_own_ready_report(world, client_for):
    _everything_waiting(world)
    job = reverse("reports:job", args=[ReportJob.objects.get(requested_by=world.users[Role.CHAIR]).pk])
    other_job = reverse("reports:job", args=[ReportJob.objects.get(requested_by=world.other_users[Role.CHAIR]).pk])
    for _round in range(2):
        mine = client_for(world.users[Role.CHAIR]).get("/").content.decode()
        theirs = client_for(world.other_users[Role.CHAIR]).get("/").content.decode()
        assert f'href="{job}"' in _item(mine, "reports_ready") and other_job not in mine
        assert f'href="{other_job}"' in _item(theirs, "reports_ready") and job not in theirs
        cache.clear()
    job = ReportJob.objects.get(requested_by=world.users[Role.CHAIR])
    ReportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    cache.clear()
    assert _item(client_for(world.users[Role.CHAIR]).get("/").content.decode(), "reports_ready") == ""


def test_the_inbox_reads_the_same_in_thai_and_english_from_one_plan(world, client_for):
    _everything_waiting(world)
    thai = client_for(world.users[Role.SECRETARIAT]).get("/").content.decode()
    cache.clear()
    english_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_client.force_login(world.users[Role.SECRETARIAT])
    english = english_client.get("/").content.decode()
    assert "โครงการรอตรวจความครบถ้วน" in _item(thai, "proposals_to_check")
    assert "โครงการรอตรวจความครบถ้วน" not in _item(english, "proposals_to_check")
    assert ">2</span>" in _item(thai, "proposals_to_check") and ">2</span>" in _item(english, "proposals_to_check")
    assert len(_inbox_plans()) == 1


@override_settings(CACHES=DOWN)
def test_with_the_cache_down_the_inbox_is_counted_every_time(world, client_for, monkeypatch):
    monkeypatch.setattr("reports.services.take_announcements", lambda **kw: [])
    _everything_waiting(world)
    secretariat = client_for(world.users[Role.SECRETARIAT])
    assert ">2</span>" in _item(secretariat.get("/").content.decode(), "proposals_to_check")
    complete_proposal(world, state=ProposalState.SUBMITTED)
    assert ">3</span>" in _item(secretariat.get("/").content.decode(), "proposals_to_check")


def test_a_builder_holding_something_of_the_request_is_refused(world):
    user = world.users[Role.MEMBER]

    def leaky(p):
        return User.objects.filter(pk=user.pk)

    with pytest.raises(TypeError):
        prepared.check_pure(leaky)

    def defaults(p, who=user):
        return User.objects.filter(pk=who.pk)

    with pytest.raises(TypeError):
        prepared.check_pure(defaults)
    w = Waiting("x", "x", leaky, {}, lambda pk: "/")
    with pytest.raises(TypeError):
        prepared.check_pure(w.rows)


def _depends_on_the_value(spec, values):
    # a builder whose SQL text changes with a value's size (what the stand-ins cannot see)
    if values["user"] >= 30_001:
        return User.objects.filter(pk=values["user"]).values("id")
    return User.objects.filter(pk=values["user"], is_active=True).values("id")


def test_a_shape_whose_sql_does_not_match_the_real_one_is_compiled_every_time(world):
    member, chair = world.users[Role.MEMBER], world.users[Role.CHAIR]
    assert prepared.run(("v",), _depends_on_the_value, {"user": member.pk}) == {"id": member.pk}
    assert prepared._PLANS[(("v",), _depends_on_the_value, (("user", int),))] is None
    assert prepared.run(("v",), _depends_on_the_value, {"user": chair.pk}) == {"id": chair.pk}


def test_the_home_provinces_from_the_kept_sql_are_the_orms_with_their_risk_group(world, client_for):
    from committees.models import RiskGroupAssignment
    from committees.selectors import home_provinces
    from core.thaidate import current_fiscal_year
    from inbox.selectors import my_provinces
    from tests.factories import RoleGrantFactory

    fy = current_fiscal_year()
    RoleGrantFactory(user=world.users[Role.PROPOSER], role="proposer", province=world.other)
    RiskGroupAssignment.objects.create(
        province=world.own, fiscal_year=fy, group=_a_group(), set_by=world.users[Role.NATIONAL]
    )
    for _round in range(2):
        for user in _readers(world):
            orm = list(home_provinces(user, fiscal_year=fy).values_list("pk", "code", "name_th", "risk_group"))
            assert [tuple(p) for p in my_provinces(user, fiscal_year=fy)] == orm, user.username
    html = client_for(world.users[Role.PROPOSER]).get("/").content.decode()
    provinces = html[html.find('data-testid="my-provinces"') :]
    assert world.own.name_th in provinces and world.other.name_th in provinces


def _a_group():
    from committees.models import RiskGroupAssignment

    return RiskGroupAssignment._meta.get_field("group").choices[0][0]
