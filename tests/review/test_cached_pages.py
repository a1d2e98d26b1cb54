"""Review of the pages drawn once per data version (issue #12): the kinds of change the helpers' own tests
do not make (names of provinces and subcommittees, a sibling item withdrawn, a seat's term), and what the
kept markup must never hold (a reader's name, a CSRF token, a CSP nonce)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import timezone

from accounts.models import User
from committees import services as committee_services
from committees.choices import Role
from committees.models import Member, Province, RiskGroupAssignment, Subcommittee
from meetings import services as meeting_services
from meetings.choices import SectionType
from tests.actionplans import helpers as plan_helpers
from tests.fundproposals.helpers import voting_proposal
from tests.meetings.helpers import held

pytestmark = pytest.mark.django_db

# the prefixes of the keys the three pages keep their markup under
BODY_KEYS = ("plan-head:", "plan-body:", "proposal-page:", "meeting-body:")


def _get(client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.content.decode()


def _kept_bodies() -> list[str]:
    """Every kept body of the three pages, as text (whatever its shape: a string, a tuple, a dict)."""
    out = []
    for key in list(django_cache._cache):  # the tests' cache is Django's local-memory one
        if not any(p in key for p in BODY_KEYS):
            continue
        value = django_cache.get(key.split(":", 2)[2])  # less Django's "<prefix>:<version>:"
        if value is None:
            continue
        if isinstance(value, dict):
            value = list(value.values())
        out.append(value if isinstance(value, str) else "".join(str(v) for v in value))
    return out


def test_the_plan_heading_follows_the_province_the_risk_group_and_a_sibling_withdrawn(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = plan_helpers.plan(world)
    meeting = plan_helpers.meeting(world.own_sc, sec, days_ago=-3, held=False)  # withdrawing: before the meeting
    # an item before the plan's in the same section, withdrawn later (its siblings move up by QuerySet.update)
    before = meeting_services.add_agenda_item(
        actor=sec, meeting=meeting, section_type=SectionType.FOR_CONSIDERATION, title="เรื่องก่อนหน้า"
    )
    c = client_for(sec)
    assert c.post(f"/plans/{plan.pk}/do/propose/", {"meeting": meeting.pk}).status_code == 302
    plan.refresh_from_db()
    item = plan.agenda_item
    assert item.parent_id == before.parent_id and item.order == before.order + 1
    reader = client_for(world.users[Role.MEMBER])
    assert f"ระเบียบวาระที่ {item.parent.order}.{item.order}</a>" in _get(reader, f"/plans/{plan.pk}/")
    meeting_services.withdraw_agenda_item(actor=sec, item=before, reason="ถอนเรื่อง")
    item.refresh_from_db()
    assert item.order == before.order
    html = _get(reader, f"/plans/{plan.pk}/")
    assert f"ระเบียบวาระที่ {item.parent.order}.{item.order}</a>" in html
    assert f"ระเบียบวาระที่ {item.parent.order}.{item.order + 1}</a>" not in html

    # the province renamed without a save, then its risk group changed in place
    Province.objects.filter(pk=world.own.pk).update(name_th="สมุทรปราการใหม่")
    assert "สมุทรปราการใหม่" in _get(reader, f"/plans/{plan.pk}/")
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=plan.fiscal_year, group="B")
    assert 'class="badge risk risk-B"' in _get(reader, f"/plans/{plan.pk}/")
    RiskGroupAssignment.objects.filter(province=world.own, fiscal_year=plan.fiscal_year).update(group="A")
    html = _get(reader, f"/plans/{plan.pk}/")
    assert 'class="badge risk risk-A"' in html and "risk-B" not in html


def test_the_meeting_body_follows_names_and_a_seat_whose_term_ended_before_the_meeting(world, client_for):
    m = held(world, present=2)
    reader = client_for(world.users[Role.MEMBER])
    url = f"/meetings/{m.pk}/"
    assert "มาประชุม 2 จาก 6 คน" in _get(reader, url)
    # the province and the subcommittee renamed (one without a save, one through its service)
    Province.objects.filter(pk=world.own.pk).update(name_th="จังหวัดชื่อใหม่")
    assert "จังหวัดชื่อใหม่" in _get(reader, url)
    committee_services.update_subcommittee(
        actor=world.users[Role.SECRETARIAT], subcommittee=world.own_sc, name="คณะอนุกรรมการชื่อใหม่"
    )
    assert "คณะอนุกรรมการชื่อใหม่" in _get(reader, url)
    # a seat's term found to have ended before the meeting's day: one member fewer in the quorum
    seat = world.seats["own"]["others"][3]
    day = timezone.localtime(m.starts_at).date()
    Member.objects.filter(pk=seat.pk).update(term_start=day - dt.timedelta(days=400), term_end=day - dt.timedelta(1))
    assert "มาประชุม 2 จาก 5 คน" in _get(reader, url)


def test_the_proposal_body_follows_the_meetings_subcommittee_and_the_province(world, client_for):
    p, _ballot = voting_proposal(world)
    reader = client_for(world.users[Role.SECRETARIAT])
    url = f"/proposals/{p.pk}/"
    html = _get(reader, url)
    assert world.own_sc.short_name in html
    Subcommittee.objects.filter(pk=world.own_sc.pk).update(short_name="ศปคม.จ.ใหม่")
    assert "ศปคม.จ.ใหม่" in _get(reader, url)
    Province.objects.filter(pk=world.own.pk).update(name_th="จังหวัดของโครงการ")
    assert "จังหวัดจังหวัดของโครงการ" in _get(reader, url)


def test_no_kept_body_holds_the_readers_name_a_csrf_token_or_a_nonce(world, client_for):
    """Each reader's name and the request's tokens are on their page, never in the markup kept for others."""
    django_cache.clear()
    sec = world.users[Role.SECRETARIAT]
    plan = plan_helpers.plan(world)
    p, _ballot = voting_proposal(world)
    m = held(world)
    marks = []
    for role in (Role.MEMBER, Role.CHAIR, Role.NATIONAL, Role.VIEWER):
        mark = f"ผู้อ่าน{role}เฉพาะตัว"
        User.objects.filter(pk=world.users[role].pk).update(full_name=mark, username=f"reader-{role}-x9")
        marks += [mark, f"reader-{role}-x9"]
    tokens = set()
    for role in (Role.MEMBER, Role.CHAIR, Role.NATIONAL, Role.VIEWER, Role.SECRETARIAT):
        user = User.objects.get(pk=(sec if role == Role.SECRETARIAT else world.users[role]).pk)
        c = client_for(user)
        for url in (f"/plans/{plan.pk}/", f"/proposals/{p.pk}/", f"/meetings/{m.pk}/"):
            html = _get(c, url)
            if role != Role.SECRETARIAT:
                assert user.full_name in html  # the page shows who is signed in
            tokens.update(re.findall(r'csrfmiddlewaretoken" value="([^"]+)"', html))
            tokens.update(re.findall(r'nonce="([^"]+)"', html))
    assert tokens
    kept = _kept_bodies()
    # the three pages' bodies are kept (a plan heading and body, a proposal body, a meeting body)
    assert len(kept) >= 4
    for text in kept:
        assert "csrfmiddlewaretoken" not in text and "nonce=" not in text
        for value in (*marks, *tokens):
            assert value not in text


def test_english_bodies_are_kept_apart_on_all_three_pages(world, client_for):
    plan = plan_helpers.plan(world)
    p, _ballot = voting_proposal(world)
    m = held(world)
    c = client_for(world.users[Role.CHAIR])
    urls = (f"/plans/{plan.pk}/", f"/proposals/{p.pk}/", f"/meetings/{m.pk}/")
    thai = [_get(c, u) for u in urls]
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = [_get(c, u) for u in urls]
    for th, en in zip(thai, english, strict=True):
        assert 'lang="en"' in en and "ปีงบประมาณ" in th and "Fiscal year" in en
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    again = [_get(c, u) for u in urls]
    for th, back in zip(thai, again, strict=True):
        assert "Fiscal year" not in back and back.count("ปีงบประมาณ") == th.count("ปีงบประมาณ")


def test_who_voted_what_stays_with_the_subcommittee_however_the_ballot_cards_were_kept(world, client_for):
    """The ballot cards are kept apart from the body: one copy for those who see who voted what, one for
    everyone else; a vote, a voter's new name and a closed ballot show on the next request of each."""
    from fundproposals.models import Ballot, Vote
    from tests.fundproposals.helpers import seats

    p, ballot = voting_proposal(world)
    voter = seats(world)[2]
    url = f"/proposals/{p.pk}/"
    chair, viewer, proposer = (client_for(world.users[r]) for r in (Role.CHAIR, Role.VIEWER, Role.PROPOSER))
    Vote.objects.create(ballot=ballot, member=voter, choice="reject", cast_by=world.users[Role.CHAIR])
    assert f"{voter.full_name}: " in _get(chair, url)  # the chair's copy, with the votes, drawn first
    for c in (viewer, proposer):
        html = _get(c, url)
        assert 'data-testid="ballot"' in html and voter.full_name not in html and "การลงมติรายบุคคล" not in html
    Member.objects.filter(pk=voter.pk).update(full_name="ผู้ลงมติชื่อใหม่")
    assert "ผู้ลงมติชื่อใหม่: " in _get(chair, url)
    assert "ผู้ลงมติชื่อใหม่" not in _get(viewer, url)
    Ballot.objects.filter(pk=ballot.pk).update(
        state="closed", closed_at=timezone.now(), result_text="ผลการลงมติที่ปิดแล้ว", tally={"reject": 1}
    )
    for c in (chair, viewer, proposer):
        assert "ผลการลงมติที่ปิดแล้ว" in _get(c, url)
    assert "ผู้ลงมติชื่อใหม่" not in _get(viewer, url)
