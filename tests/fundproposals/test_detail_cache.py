"""The proposal page's body drawn once per version (issue #12): every kind of change it shows is seen on
the next request, whatever wrote it (a page, a service, ``QuerySet.update``, ``bulk_create``); no reader
is served another's flags, another province's proposal or another language; a lost cache costs only
the drawing."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from committees.choices import Role
from committees.models import Member
from core import audit
from fundproposals.choices import BallotState, ProposalState
from fundproposals.models import Activity, Attachment, Ballot, BudgetLine, Proposal, ProposalPillar, Review, Vote
from meetings.models import AgendaItem, Meeting, Resolution
from tests.fundproposals.helpers import complete_proposal, seats, voting_proposal
from tests.harness import count_queries

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def _page(client, p) -> str:
    resp = client.get(f"/proposals/{p.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def _cached(client, p) -> str:
    """Read the page twice: the second is drawn from the cache (one query: the head and its version)."""
    _page(client, p)
    assert count_queries(client, f"/proposals/{p.pk}/") == 1
    return _page(client, p)


def test_changes_to_the_proposal_and_its_parts_show_on_the_next_request(world, client_for):
    p, _ballot = voting_proposal(world, title="ชื่อเดิม")
    reader = client_for(world.users[Role.SECRETARIAT])
    assert "ชื่อเดิม" in _cached(reader, p)
    # the proposal's own row, written without save() (no signal, no timestamp)
    Proposal.objects.filter(pk=p.pk).update(title="ชื่อใหม่", rationale="เหตุผลใหม่")
    html = _page(reader, p)
    assert '<h1 class="h4 mb-1">ชื่อใหม่</h1>' in html and "เหตุผลใหม่" in html and "ชื่อเดิม" not in html
    # an activity added in bulk, a budget line changed in place, a pillar added
    _cached(reader, p)
    Activity.objects.bulk_create([Activity(proposal=p, order=9, name="กิจกรรมเพิ่ม", cost=Decimal("5.00"))])
    assert "กิจกรรมเพิ่ม" in _page(reader, p)
    BudgetLine.objects.filter(proposal=p, order=1).update(item="ค่าอาหารกลางวัน", amount=Decimal("123456.00"))
    html = _page(reader, p)
    assert "ค่าอาหารกลางวัน" in html and "123,456.00" in html
    ProposalPillar.objects.create(proposal=p, pillar="prosecution")
    html = _page(reader, p)
    assert "ด้านการดำเนินคดีและบังคับใช้กฎหมาย" in html
    # a document attached
    _cached(reader, p)
    Attachment.objects.create(
        proposal=p,
        file=ContentFile(b"%PDF-1.4", name="x.pdf"),
        display_name="แผนที่โครงการ.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        uploaded_by=world.users[Role.PROPOSER],
    )
    assert "แผนที่โครงการ.pdf" in _page(reader, p)


def test_reviews_votes_and_ballots_show_on_the_next_request(world, client_for):
    p, ballot = voting_proposal(world)
    member = client_for(world.users[Role.MEMBER])
    chair = client_for(world.users[Role.CHAIR])
    seat = world.seats["own"]["member"]
    assert "ให้ความเห็น</a>" in _cached(member, p)
    assert seat.full_name not in _cached(chair, p)
    # a review through its page: shown to the chair, and the member's button is gone
    data = {"analysis": "สอดคล้องกับสภาพปัญหา", "recommendation": "approve", "recommended_amount": "140000.00"}
    assert member.post(f"/proposals/{p.pk}/review/", data).status_code == 302
    assert "สอดคล้องกับสภาพปัญหา" in _page(chair, p)
    assert "ให้ความเห็น</a>" not in _page(member, p)
    # a vote through its page: who voted what, to the subcommittee
    _cached(chair, p)
    assert member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "reject"}).status_code in (200, 302)
    html = _page(chair, p)
    assert f"{seat.full_name}: ไม่เห็นชอบ" in html
    # the vote changed in place, and the member renamed (both written without save())
    _cached(chair, p)
    Vote.objects.filter(ballot=ballot, member=seat).update(choice="approve")
    assert f"{seat.full_name}: เห็นชอบ" in _page(chair, p)
    Member.objects.filter(pk=seat.pk).update(full_name="นางสาวชื่อใหม่ ทดสอบ")
    html = _page(chair, p)
    assert "นางสาวชื่อใหม่ ทดสอบ: เห็นชอบ" in html and seat.full_name not in html
    # the ballot closed: its result and tally replace the voting buttons
    _cached(chair, p)
    Ballot.objects.filter(pk=ballot.pk).update(
        state=BallotState.CLOSED, closed_at=timezone.now(), tally={"approve": 4}, result_text="มติเห็นชอบ 4 เสียง"
    )
    html = _page(chair, p)
    assert "มติเห็นชอบ 4 เสียง" in html and "หน้าลงมติ" not in html


def test_workflow_steps_audit_history_and_the_meeting_show_on_the_next_request(world, client_for):
    submitted = complete_proposal(world, title="ยื่นแล้ว", state=ProposalState.SUBMITTED)
    proposer = client_for(world.users[Role.PROPOSER])
    secretariat = client_for(world.users[Role.SECRETARIAT])
    assert 'data-action="withdraw"' in _cached(proposer, submitted)
    _cached(secretariat, submitted)
    # a step through its page: the state, the buttons and the history change for every reader
    assert proposer.post(f"/proposals/{submitted.pk}/step/withdraw/", {"reason": "ยกเลิกโครงการ"}).status_code == 302
    html = _page(secretariat, submitted)
    assert str(ProposalState.WITHDRAWN.label) in html and "ยกเลิกโครงการ" in html
    assert 'data-action="withdraw"' not in _page(proposer, submitted)
    # an audit event appended (the history), and its actor renamed
    p, _ballot = voting_proposal(world)
    _cached(secretariat, p)
    audit.record(actor=world.users[Role.SECRETARIAT], action="proposal.review", target=p, reason="เหตุผลในประวัติ")
    assert "เหตุผลในประวัติ" in _page(secretariat, p)
    User.objects.filter(pk=world.users[Role.SECRETARIAT].pk).update(full_name="เจ้าหน้าที่ชื่อใหม่")
    assert "เจ้าหน้าที่ชื่อใหม่" in _page(secretariat, p)
    User.objects.filter(pk=p.proposer_id).update(full_name="ผู้เสนอชื่อใหม่")
    assert "ผู้เสนอชื่อใหม่" in _page(secretariat, p)
    # the agenda item renumbered, the resolution's text and the meeting's minutes adopted
    Proposal.objects.filter(pk=p.pk).update(decision="approve")
    item = p.agenda_item
    Resolution.objects.create(agenda_item=item, outcome="approved", text="ที่ประชุมมีมติเห็นชอบ")
    html = _cached(secretariat, p)
    assert "ที่ประชุมมีมติเห็นชอบ" in html and 'data-testid="resolution-draft"' in html
    Resolution.objects.filter(agenda_item=item).update(text="ที่ประชุมมีมติเห็นชอบ (แก้ไขถ้อยคำ)")
    assert "(แก้ไขถ้อยคำ)" in _page(secretariat, p)
    Meeting.objects.filter(pk=item.meeting_id).update(state="adopted")
    assert 'data-testid="resolution-draft"' not in _page(secretariat, p)
    AgendaItem.objects.filter(pk=item.parent_id).update(order=7)
    assert f"ระเบียบวาระที่ 7.{item.order}" in _page(secretariat, p)


def test_readers_get_their_own_flags_from_a_shared_cache(world, client_for):
    """The subcommittee fills the cache first; the others are never served its individual votes or
    buttons, and the other way round."""
    p, ballot = voting_proposal(world)
    s = seats(world)
    Vote.objects.create(ballot=ballot, member=s[2], choice="approve", cast_by=world.users[Role.CHAIR])
    Review.objects.create(
        proposal=p, member=s[3], author=world.users[Role.CHAIR], analysis="ความเห็นลับ", recommendation="approve"
    )
    chair = _cached(client_for(world.users[Role.CHAIR]), p)
    assert "การลงมติรายบุคคล" in chair and "ความเห็นลับ" in chair and 'data-action="close_vote"' not in chair
    for role in (Role.VIEWER, Role.PROPOSER):
        html = _cached(client_for(world.users[role]), p)
        assert "การลงมติรายบุคคล" not in html and "ความเห็นลับ" not in html, role
        assert "ผลการลงมติขณะนี้" not in html, role
    national = _cached(client_for(world.users[Role.NATIONAL]), p)
    assert "ความเห็นลับ" in national and "การลงมติรายบุคคล" not in national
    # the member may still review (the chair's cache held no button); the chair may ask for the report
    assert "ให้ความเห็น</a>" in _cached(client_for(world.users[Role.MEMBER]), p)
    assert "report-request" in _page(client_for(world.users[Role.CHAIR]), p)
    assert "report-request" not in _page(client_for(world.users[Role.VIEWER]), p)
    # the draft's owner edits it; the secretariat of the province too; a member does not
    draft = complete_proposal(world, title="ร่าง")
    assert "/edit/general/" in _cached(client_for(world.users[Role.PROPOSER]), draft)
    assert "/edit/general/" not in _cached(client_for(world.users[Role.MEMBER]), draft)


def test_another_province_never_reads_the_cached_page(world, client_for):
    own, _b = voting_proposal(world, title="ของสมุทรปราการ")
    theirs = complete_proposal(world, province=world.other, title="ของยะลา", state=ProposalState.SUBMITTED)
    _cached(client_for(world.users[Role.NATIONAL]), own)
    _cached(client_for(world.users[Role.NATIONAL]), theirs)
    assert "ของสมุทรปราการ" in _cached(client_for(world.users[Role.SECRETARIAT]), own)
    for role in (Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER):
        assert client_for(world.other_users[role]).get(f"/proposals/{own.pk}/").status_code == 404, role
        assert client_for(world.users[role]).get(f"/proposals/{theirs.pk}/").status_code == 404, role
    assert client_for(world.users[Role.SECRETARIAT]).get("/proposals/999999/").status_code == 404


def test_thai_and_english_are_kept_apart(world, client_for):
    p, _ballot = voting_proposal(world)
    c = client_for(world.users[Role.CHAIR])
    thai = _cached(c, p)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _cached(c, p)
    assert "งบประมาณทั้งโครงการ" in thai and "งบประมาณทั้งโครงการ" not in english
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    assert _tokenless(_page(c, p)) == _tokenless(thai)


def _tokenless(html: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "csrf", html)  # the CSRF token is masked anew on every page


@override_settings(CACHES=DOWN)
def test_the_page_is_drawn_when_the_cache_is_down(world, client_for, monkeypatch):
    monkeypatch.setattr("reports.services.take_announcements", lambda **kw: [])
    p, _ballot = voting_proposal(world, title="ไม่มีแคช")
    c = client_for(world.users[Role.CHAIR])
    assert "ไม่มีแคช" in _page(c, p)
    Proposal.objects.filter(pk=p.pk).update(title="ไม่มีแคช แก้ไขแล้ว")
    assert "ไม่มีแคช แก้ไขแล้ว" in _page(c, p)


def test_the_digest_changes_with_a_late_commit_of_an_older_stamp(world, client_for):
    """The version is the rows' own text: a row written back with an older ``updated_at`` (a writer that
    started first and committed last) still changes it."""
    p, _ballot = voting_proposal(world)
    Proposal.objects.filter(pk=p.pk).update(rationale="เหตุผลก่อน")
    p.refresh_from_db()
    reader = client_for(world.users[Role.SECRETARIAT])
    assert "เหตุผลก่อน" in _cached(reader, p)
    older = p.updated_at - dt.timedelta(minutes=5)
    Proposal.objects.filter(pk=p.pk).update(rationale="เหตุผลหลัง", updated_at=older)
    assert "เหตุผลหลัง" in _page(reader, p)


def _mutations(world, p, ballot):
    """Each kind of thing the page shows, changed the way that sends no signal and stamps nothing."""
    s = seats(world)
    item = p.agenda_item
    return {
        "proposal": lambda: Proposal.objects.filter(pk=p.pk).update(fund_note="หมายเหตุ"),
        "pillar": lambda: ProposalPillar.objects.bulk_create([ProposalPillar(proposal=p, pillar="protection")]),
        "activity": lambda: Activity.objects.filter(proposal=p).update(period="ก.พ. 2567"),
        "budget line": lambda: BudgetLine.objects.filter(proposal=p).update(item="รายการใหม่"),
        "attachment": lambda: Attachment.objects.bulk_create(
            [
                Attachment(
                    proposal=p,
                    file="proposals/x.pdf",
                    display_name="x.pdf",
                    content_type="application/pdf",
                    size=1,
                    sha256="0" * 64,
                    uploaded_by=world.users[Role.PROPOSER],
                )
            ]
        ),
        "review": lambda: Review.objects.bulk_create(
            [Review(proposal=p, member=s[3], author=world.users[Role.CHAIR], analysis="x", recommendation="approve")]
        ),
        "ballot": lambda: Ballot.objects.filter(pk=ballot.pk).update(result_text="ผล"),
        "vote": lambda: Vote.objects.bulk_create(
            [Vote(ballot=ballot, member=s[2], choice="approve", cast_by=world.users[Role.CHAIR])]
        ),
        "voter's name": lambda: Member.objects.filter(pk=s[0].pk).update(full_name="ชื่อใหม่"),
        "reviewer's position": lambda: Member.objects.filter(pk=s[1].pk).update(position="ตำแหน่งใหม่"),
        "audit event": lambda: audit.record(actor=world.users[Role.SECRETARIAT], action="proposal.update", target=p),
        "actor's name": lambda: User.objects.filter(pk=world.users[Role.SECRETARIAT].pk).update(last_name="ใหม่"),
        "proposer's name": lambda: User.objects.filter(pk=p.proposer_id).update(full_name="ผู้เสนอใหม่"),
        "previous project": lambda: Proposal.objects.filter(pk=p.pk).update(
            previous_project=complete_proposal(world, title="โครงการเดิม")
        ),
        "agenda item": lambda: AgendaItem.objects.filter(pk=item.pk).update(order=9),
        "section": lambda: AgendaItem.objects.filter(pk=item.parent_id).update(order=8),
        "meeting": lambda: Meeting.objects.filter(pk=item.meeting_id).update(state="adopted"),
        "resolution": lambda: Resolution.objects.create(agenda_item=item, outcome="approved", text="มติ"),
        "ballot's meeting": lambda: Meeting.objects.filter(pk=ballot.agenda_item.meeting_id).update(number=99),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "proposal",
        "pillar",
        "activity",
        "budget line",
        "attachment",
        "review",
        "ballot",
        "vote",
        "voter's name",
        "reviewer's position",
        "audit event",
        "actor's name",
        "proposer's name",
        "previous project",
        "agenda item",
        "section",
        "meeting",
        "resolution",
        "ballot's meeting",
    ],
)
def test_every_kind_of_change_changes_the_version(world, kind):
    from fundproposals.selectors import proposal_head

    def versions():
        head = proposal_head(reader, p.pk)
        return head.version, head.ballots_version, head.votes_version

    p, ballot = voting_proposal(world)
    s = seats(world)
    Vote.objects.create(ballot=ballot, member=s[0], choice="reject", cast_by=world.users[Role.CHAIR])
    Review.objects.create(
        proposal=p, member=s[1], author=world.users[Role.CHAIR], analysis="x", recommendation="approve"
    )
    audit.record(actor=world.users[Role.SECRETARIAT], action="proposal.create", target=p)
    reader = world.users[Role.SECRETARIAT]
    before = versions()
    assert versions() == before  # stable while nothing changes
    _mutations(world, p, ballot)[kind]()
    after = versions()
    # the part that shows it is redrawn: the ballot cards for the ballots and votes, else the rest
    part = {"ballot": 1, "ballot's meeting": 1, "vote": 2, "voter's name": 2}.get(kind, 0)
    assert after[part] != before[part]


def test_a_vote_redraws_only_the_ballot_cards(world, client_for):
    """A vote (its row and its audit event, which the history leaves out) changes the votes' version
    alone: the rest of the body stays drawn, and the first reader after it pays three queries."""
    from fundproposals.selectors import proposal_head

    p, ballot = voting_proposal(world)
    member = client_for(world.users[Role.MEMBER])  # (a login saves the user: every user's access is re-read)
    chair = client_for(world.users[Role.CHAIR])
    _cached(chair, p)
    before = proposal_head(world.users[Role.CHAIR], p.pk)
    assert member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}).status_code in (200, 302)
    after = proposal_head(world.users[Role.CHAIR], p.pk)
    assert (after.version, after.ballots_version) == (before.version, before.ballots_version)
    assert after.votes_version != before.votes_version
    assert count_queries(chair, f"/proposals/{p.pk}/") == 3  # the head, the ballots, their votes
    assert f"{world.seats['own']['member'].full_name}: เห็นชอบ" in _page(chair, p)


def test_the_first_reader_after_a_change_pays_at_most_ten_queries_at_5_50_500(world, client_for):
    """A miss draws the body: the head, then the proposal and everything under it, the same number of
    queries whatever the number of activities, budget lines, reviews, votes and audit events."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEvent
    from tests.harness import LIST_SIZES, PAGE_QUERY_BUDGET

    p, ballot = voting_proposal(world)
    ct = ContentType.objects.get_for_model(Proposal)
    url = f"/proposals/{p.pk}/"
    counts = {}
    for role in (Role.CHAIR, Role.VIEWER, Role.PROPOSER):
        c = client_for(world.users[role])
        c.get(url)  # the session, the user and their access, the content types: not the page's own
        have = 0
        for n in LIST_SIZES:
            members = Member.objects.bulk_create(
                [
                    Member(subcommittee=world.own_sc, full_name=f"กรรมการ {k}", position="กรรมการ")
                    for k in range(have, n)
                ]
            )
            Activity.objects.bulk_create([Activity(proposal=p, order=100 + k, name=f"ก{k}") for k in range(have, n)])
            BudgetLine.objects.bulk_create(
                [BudgetLine(proposal=p, order=100 + k, item=f"ร{k}", amount=1) for k in range(have, n)]
            )
            Review.objects.bulk_create(
                [
                    Review(proposal=p, member=m, author=p.proposer, analysis="x", recommendation="approve")
                    for m in members
                ]
            )
            Vote.objects.bulk_create(
                [Vote(ballot=ballot, member=m, choice="approve", cast_by=p.proposer) for m in members]
            )
            AuditEvent.objects.bulk_create(
                [
                    AuditEvent(
                        action="proposal.update", target_type=ct, target_id=str(p.pk), target_repr="x", changes={}
                    )
                    for _ in range(have, n)
                ]
            )
            have = n
            counts[(role, n)] = count_queries(c, url)  # the data just changed: a miss
            assert count_queries(c, url) == 1  # and then a hit
    for role in (Role.CHAIR, Role.VIEWER, Role.PROPOSER):
        assert len({counts[(role, n)] for n in LIST_SIZES}) == 1, counts
    assert max(counts.values()) <= PAGE_QUERY_BUDGET, counts
