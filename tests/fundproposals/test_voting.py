"""Reviews, tabling, ballots and the tally rules, through the pages and the stored state."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from committees.choices import Role
from fundproposals import services
from fundproposals.choices import BallotState, ProposalState
from fundproposals.models import Ballot, Review, Vote
from fundproposals.tally import CastingVoteInvalid, count
from meetings.models import AgendaItem, Attendance, ConflictOfInterest, Resolution
from tests.factories import MemberFactory, UserFactory
from tests.fundproposals.helpers import (
    circulating_proposal,
    complete_proposal,
    make_meeting,
    seats,
    voting_proposal,
)

# --- the tally rule (pure) ---------------------------------------------------


def test_most_votes_wins_and_abstentions_are_counted_apart():
    t = count(["approve", "approve", "reject", "abstain", "abstain", "abstain"])
    assert t.result == "approve" and t.abstain == 3 and t.counts["reject"] == 1
    assert "งดออกเสียง 3 เสียง" in t.text()


def test_a_tie_needs_the_chairs_casting_vote_among_the_tied():
    t = count(["approve", "reject"])
    assert t.needs_casting_vote and t.result == "" and set(t.leading) == {"approve", "reject"}
    assert count(["approve", "reject"], casting_vote="reject").result == "reject"
    with pytest.raises(CastingVoteInvalid):
        count(["approve", "reject"], casting_vote="more_info")
    with pytest.raises(CastingVoteInvalid):
        count(["approve", "approve", "reject"], casting_vote="reject")


def test_only_abstentions_decide_nothing():
    t = count(["abstain", "abstain"])
    assert t.result == "" and not t.is_tie


# --- reviews ------------------------------------------------------------------


def test_member_reviews_once_and_a_second_review_is_refused(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    c = client_for(world.users[Role.MEMBER])
    data = {"analysis": "สอดคล้องกับสภาพปัญหา", "recommendation": "approve", "recommended_amount": "140000.00"}
    assert c.post(f"/proposals/{p.pk}/review/", data).status_code == 302
    review = Review.objects.get(proposal=p)
    assert review.recommended_amount == Decimal("140000.00") and review.member == world.seats["own"]["member"]
    # the page no longer offers a review form: a second one is refused with a Thai message, nothing added
    resp = c.post(f"/proposals/{p.pk}/review/", {**data, "recommendation": "reject"})
    assert resp.status_code == 200 and "ท่านได้ให้ความเห็นต่อโครงการนี้แล้ว" in resp.content.decode()
    assert Review.objects.filter(proposal=p).count() == 1
    assert Review.objects.get(proposal=p).recommendation == "approve"


def test_the_database_holds_one_review_per_member(world):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    seat = world.seats["own"]["member"]
    Review.objects.create(
        proposal=p, member=seat, author=world.users[Role.MEMBER], analysis="a", recommendation="approve"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            proposal=p, member=seat, author=world.users[Role.MEMBER], analysis="b", recommendation="reject"
        )


def test_a_review_above_the_request_is_refused(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    data = {"analysis": "x", "recommendation": "approve", "recommended_amount": "999999"}
    resp = client_for(world.users[Role.MEMBER]).post(f"/proposals/{p.pk}/review/", data)
    assert "วงเงินที่เสนอต้องไม่เกินเงินที่ขอรับการสนับสนุน 150,000.00 บาท" in resp.content.decode()
    assert not Review.objects.exists()


# --- tabling and opening ---------------------------------------------------------


def test_secretariat_tables_on_section_5_and_the_chair_opens_the_vote(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    meeting = make_meeting(world, state="held")
    sec = client_for(world.users[Role.SECRETARIAT])
    assert sec.post(f"/proposals/{p.pk}/table/", {"meeting": meeting.pk}).status_code == 302
    p.refresh_from_db()
    assert p.state == ProposalState.TABLED
    item = p.agenda_item
    assert item.meeting == meeting and item.parent.section_type == "for_consideration" and item.parent.order == 5
    assert p.code in item.title
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post(f"/proposals/{p.pk}/ballot/")
    ballot = Ballot.objects.get(proposal=p)
    assert resp.status_code == 302 and resp["Location"] == f"/proposals/ballots/{ballot.pk}/close/"
    assert ballot.agenda_item == item and ballot.state == BallotState.OPEN
    p.refresh_from_db()
    assert p.state == ProposalState.VOTING


def test_the_vote_opens_only_once_the_meeting_is_under_way(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    meeting = make_meeting(world, state="scheduled", starts_at=timezone.now() + dt.timedelta(days=3))
    client_for(world.users[Role.SECRETARIAT]).post(f"/proposals/{p.pk}/table/", {"meeting": meeting.pk})
    resp = client_for(world.users[Role.CHAIR]).post(f"/proposals/{p.pk}/ballot/", follow=True)
    assert "เปิดการลงมติได้เมื่อฝ่ายเลขานุการบันทึกว่าเริ่มประชุมแล้ว" in resp.content.decode()
    assert not Ballot.objects.exists()


# --- voting ---------------------------------------------------------------------------


def _vote(client, ballot, choice):
    return client.post(f"/proposals/ballots/{ballot.pk}/", {"choice": choice}, follow=True)


def test_a_member_votes_and_changes_the_vote_in_place(world, client_for):
    _p, ballot = voting_proposal(world)
    c = client_for(world.users[Role.MEMBER])
    _vote(c, ballot, "approve")
    resp = _vote(c, ballot, "in_principle")
    assert "เห็นชอบในหลักการ" in resp.content.decode()
    assert Vote.objects.filter(ballot=ballot).count() == 1
    assert Vote.objects.get(ballot=ballot).choice == "in_principle"


def test_a_vote_after_closing_is_refused(world, client_for):
    _p, ballot = voting_proposal(world)
    member = client_for(world.users[Role.MEMBER])
    _vote(member, ballot, "approve")
    _vote(client_for(world.users[Role.CHAIR]), ballot, "approve")
    client_for(world.users[Role.CHAIR]).post(f"/proposals/ballots/{ballot.pk}/close/", {})
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    resp = _vote(member, ballot, "reject")
    assert "การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้" in resp.content.decode()
    assert Vote.objects.get(ballot=ballot, member=world.seats["own"]["member"]).choice == "approve"


def test_an_absent_member_and_a_non_member_cannot_vote(world, client_for):
    s = seats(world)
    meeting = make_meeting(world, present=[s[0], *s[2:]])  # the member with an account is absent
    _p, ballot = voting_proposal(world, meeting=meeting)
    resp = _vote(client_for(world.users[Role.MEMBER]), ballot, "approve")
    assert "ท่านไม่ได้อยู่ในที่ประชุม จึงไม่มีสิทธิ์ลงมติ" in resp.content.decode()
    resp = _vote(client_for(world.users[Role.SECRETARIAT]), ballot, "approve")
    assert "ท่านไม่ใช่อนุกรรมการของจังหวัดนี้ จึงไม่มีสิทธิ์ลงมติ" in resp.content.decode()
    assert (
        client_for(world.other_users[Role.MEMBER])
        .post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"})
        .status_code
        == 404
    )
    assert not Vote.objects.exists()


def test_a_member_with_a_conflict_cannot_vote_nor_count_for_quorum(world, client_for):
    p, ballot = voting_proposal(world)
    member_seat = world.seats["own"]["member"]
    Review.objects.create(
        proposal=p,
        member=member_seat,
        author=world.users[Role.MEMBER],
        analysis="x",
        recommendation="approve",
        has_conflict=True,
        conflict_reason="เป็นกรรมการขององค์กรผู้เสนอ",
    )
    ConflictOfInterest.objects.create(agenda_item=ballot.agenda_item, member=seats(world)[2], reason="ญาติ")
    resp = _vote(client_for(world.users[Role.MEMBER]), ballot, "approve")
    assert "ท่านได้แจ้งว่ามีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ" in resp.content.decode()
    assert not Vote.objects.exists()
    _, q, electorate = services.preview(ballot)
    assert len(electorate.eligible) == 4 and q.members == 4 and q.present == 4


def test_chair_closes_the_majority_becomes_the_resolution_in_thai(world, client_for):
    p, ballot = voting_proposal(world)
    s = seats(world)
    Vote.objects.create(ballot=ballot, member=s[2], choice="approve", cast_by=world.users[Role.CHAIR])
    Vote.objects.create(ballot=ballot, member=s[3], choice="reject", cast_by=world.users[Role.CHAIR])
    Vote.objects.create(ballot=ballot, member=s[4], choice="abstain", cast_by=world.users[Role.CHAIR])
    _vote(client_for(world.users[Role.MEMBER]), ballot, "approve")
    chair = client_for(world.users[Role.CHAIR])
    resp = chair.post(f"/proposals/ballots/{ballot.pk}/close/", {"recommended_amount": "120000"})
    assert resp.status_code == 302
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.result == "approve" and ballot.quorum_met and ballot.tally["abstain"] == 1
    assert p.state == ProposalState.RESOLVED and p.decision == "approve"
    assert p.recommended_amount == Decimal("120000.00")
    res = Resolution.objects.get(agenda_item=ballot.agenda_item)
    assert res.outcome == "approved"
    assert "มีมติเห็นชอบ วงเงิน 120,000.00 บาท (หนึ่งแสนสองหมื่นบาทถ้วน)" in res.text
    assert "เห็นชอบ 2 เสียง" in res.text and "ไม่เห็นชอบ 1 เสียง" in res.text and "งดออกเสียง 1 เสียง" in res.text
    page = client_for(world.users[Role.VIEWER]).get(f"/proposals/{p.pk}/").content.decode()
    assert "เห็นชอบ 2 เสียง" in page  # the tally for everyone in the province
    assert s[2].full_name not in page  # but not who voted what


@pytest.mark.parametrize(
    ("choice", "outcome", "label"),
    [("in_principle", "approved_in_principle", "เห็นชอบในหลักการ"), ("more_info", "more_details", "ขอรายละเอียดเพิ่มเติม")],
)
def test_the_fund_vocabulary_reaches_the_resolution(world, client_for, choice, outcome, label):
    _proposal, ballot = voting_proposal(world)
    s = seats(world)
    for member in s[2:4]:
        Vote.objects.create(ballot=ballot, member=member, choice=choice, cast_by=world.users[Role.CHAIR])
    _vote(client_for(world.users[Role.MEMBER]), ballot, choice)
    data = {"recommended_amount": "100000"} if choice == "in_principle" else {}
    assert client_for(world.users[Role.CHAIR]).post(f"/proposals/ballots/{ballot.pk}/close/", data).status_code == 302
    res = Resolution.objects.get(agenda_item=ballot.agenda_item)
    assert res.outcome == outcome and res.get_outcome_display() == label


def test_a_tie_asks_the_chair_for_the_casting_vote(world, client_for):
    p, ballot = voting_proposal(world)
    s = seats(world)
    Vote.objects.create(ballot=ballot, member=s[2], choice="approve", cast_by=world.users[Role.CHAIR])
    Vote.objects.create(ballot=ballot, member=s[3], choice="reject", cast_by=world.users[Role.CHAIR])
    chair = client_for(world.users[Role.CHAIR])
    page = chair.get(f"/proposals/ballots/{ballot.pk}/close/").content.decode()
    assert "คะแนนเสียงเท่ากัน ประธานต้องออกเสียงชี้ขาด" in page and 'name="casting_vote"' in page
    resp = chair.post(f"/proposals/ballots/{ballot.pk}/close/", {})
    assert resp.status_code == 200 and "ประธานต้องออกเสียงชี้ขาด" in resp.content.decode()
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN
    assert chair.post(f"/proposals/ballots/{ballot.pk}/close/", {"casting_vote": "reject"}).status_code == 302
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.result == "reject" and ballot.casting_vote == "reject"
    assert p.decision == "reject" and p.recommended_amount is None
    assert "ประธานจึงออกเสียงชี้ขาดให้ไม่เห็นชอบ" in Resolution.objects.get(agenda_item=ballot.agenda_item).text


def test_without_quorum_nothing_is_decided(world, client_for):
    s = seats(world)
    meeting = make_meeting(world, present=s[:2])  # 2 of 6 present: 3 needed
    p, ballot = voting_proposal(world, meeting=meeting)
    _vote(client_for(world.users[Role.MEMBER]), ballot, "approve")
    _vote(client_for(world.users[Role.CHAIR]), ballot, "approve")
    assert client_for(world.users[Role.CHAIR]).post(f"/proposals/ballots/{ballot.pk}/close/", {}).status_code == 302
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.quorum_met is False and ballot.result == ""
    assert p.state == ProposalState.UNDER_REVIEW and p.decision == ""
    res = Resolution.objects.get(agenda_item=ballot.agenda_item)
    assert res.outcome == "deferred" and "องค์ประชุมไม่ครบ (มี 2 คน ต้องมีอย่างน้อย 3 คน)" in res.text


def test_only_the_chair_closes(world, client_for):
    _p, ballot = voting_proposal(world)
    for role in (Role.SECRETARIAT, Role.MEMBER, Role.VIEWER, Role.PROPOSER):
        resp = client_for(world.users[role]).post(f"/proposals/ballots/{ballot.pk}/close/", {})
        assert resp.status_code == 404
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN
    # members follow the count while it is open, without the chair's close form
    page = client_for(world.users[Role.MEMBER]).get(f"/proposals/ballots/{ballot.pk}/close/").content.decode()
    assert 'name="recommended_amount"' not in page


# --- circulation ----------------------------------------------------------------------


def test_circulated_vote_closes_at_its_deadline_counting_who_answered(world):
    extra = [MemberFactory(subcommittee=world.own_sc, user=UserFactory()) for _ in range(2)]
    p, ballot = circulating_proposal(world)
    everyone = [*seats(world), *extra]  # 8 members: 4 needed
    users = [world.users[Role.CHAIR], world.users[Role.MEMBER], extra[0].user, extra[1].user]
    for user, choice in zip(users, ["in_principle", "in_principle", "reject", "abstain"], strict=True):
        services.cast_vote(actor=user, ballot_id=ballot.pk, choice=choice)
    assert services.close_due_ballots() == 0  # not yet due
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(Exception, match="พ้นกำหนดเวลาลงมติแล้ว"):
        services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="reject")
    from fundproposals.tasks import close_due_ballots

    assert close_due_ballots.delay().get() == 1
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert len(everyone) == 8 and ballot.present_count == 4 and ballot.quorum_required == 4 and ballot.quorum_met
    assert ballot.result == "in_principle" and p.state == ProposalState.RESOLVED and p.decision == "in_principle"
    assert "เวียนมติ" in ballot.result_text and ballot.closed_by is None


def test_a_circulated_vote_without_enough_answers_fails_quorum(world):
    p, ballot = circulating_proposal(world)
    services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="approve")
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    services.close_due_ballots()
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.state == BallotState.CLOSED and not ballot.quorum_met and p.state == ProposalState.UNDER_REVIEW


def test_secretariat_opens_a_circulated_vote_with_a_deadline(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    c = client_for(world.users[Role.SECRETARIAT])
    past = c.post(f"/proposals/{p.pk}/circulate/", {"deadline_date": "01/01/2560", "deadline_time": "16:30"})
    assert "กำหนดเวลาลงมติต้องเป็นเวลาในอนาคต" in past.content.decode()
    assert not Ballot.objects.exists()
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    be = f"{tomorrow.day:02d}/{tomorrow.month:02d}/{tomorrow.year + 543}"
    assert c.post(f"/proposals/{p.pk}/circulate/", {"deadline_date": be, "deadline_time": "16:30"}).status_code == 302
    ballot = Ballot.objects.get(proposal=p)
    assert ballot.mode == "circulation" and timezone.localtime(ballot.deadline).date() == tomorrow


# --- after the resolution -----------------------------------------------------------------


def test_forward_fund_decision_contract_and_report(world, client_for):
    p = complete_proposal(world, state=ProposalState.RESOLVED, decision="approve", recommended_amount=Decimal("150000"))
    sec = client_for(world.users[Role.SECRETARIAT])
    assert sec.post(f"/proposals/{p.pk}/step/forward/", {"reason": ""}).status_code == 302
    bad = sec.post(
        f"/proposals/{p.pk}/fund-decision/", {"decision": "approved", "approved_amount": "", "decided_on": "15/03/2567"}
    )
    assert "กรุณาระบุวงเงินที่กองทุนอนุมัติ" in bad.content.decode()
    ok = {"decision": "approved", "approved_amount": "145000.50", "decided_on": "15/03/2567"}
    assert sec.post(f"/proposals/{p.pk}/fund-decision/", ok).status_code == 302
    contract = {"number": "กปค. 12/2567", "signed_on": "01/04/2567", "amount": "145000.50", "months": "6"}
    assert sec.post(f"/proposals/{p.pk}/contract/", contract).status_code == 302
    proposer = client_for(world.users[Role.PROPOSER])
    report = {
        "activities": "อบรม 2 รุ่น",
        "people_reached": "120",
        "received": "145000.50",
        "spent": "140000.00",
        "returned": "1000",
    }
    assert "5,000.50 บาท" in proposer.post(f"/proposals/{p.pk}/report/", report).content.decode()
    assert proposer.post(f"/proposals/{p.pk}/report/", {**report, "returned": "5000.50"}).status_code == 302
    p.refresh_from_db()
    assert p.state == ProposalState.REPORTED
    assert p.fund_approved_amount == Decimal("145000.50") and p.contract_months == 6
    assert p.report_budget_returned == Decimal("5000.50") and p.report_people_reached == 120


def test_a_rejected_proposal_cannot_be_forwarded(world, client_for):
    p = complete_proposal(world, state=ProposalState.RESOLVED, decision="reject")
    resp = client_for(world.users[Role.SECRETARIAT]).post(f"/proposals/{p.pk}/step/forward/", {"reason": ""})
    assert resp.status_code == 200 and "ส่งกองทุนได้เฉพาะโครงการที่คณะอนุกรรมการเห็นชอบ" in resp.content.decode()
    p.refresh_from_db()
    assert p.state == ProposalState.RESOLVED


def test_resolution_is_on_the_meeting_agenda_item(world):
    _p, ballot = voting_proposal(world)
    assert AgendaItem.objects.get(pk=ballot.agenda_item_id).parent.order == 5
    assert Attendance.objects.filter(meeting=ballot.agenda_item.meeting).count() == 6


def test_a_conflict_declared_in_a_review_reaches_the_agenda_item(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    data = {
        "analysis": "ข้าพเจ้าเป็นกรรมการขององค์กรผู้เสนอ",
        "recommendation": "approve",
        "has_conflict": "on",
        "conflict_reason": "เป็นกรรมการขององค์กรผู้เสนอ",
    }
    assert client_for(world.users[Role.MEMBER]).post(f"/proposals/{p.pk}/review/", data).status_code == 302
    meeting = make_meeting(world)
    client_for(world.users[Role.SECRETARIAT]).post(f"/proposals/{p.pk}/table/", {"meeting": meeting.pk})
    p.refresh_from_db()
    coi = ConflictOfInterest.objects.get(agenda_item=p.agenda_item)
    assert coi.member == world.seats["own"]["member"] and coi.reason == "เป็นกรรมการขององค์กรผู้เสนอ"
    from meetings.selectors import item_quorum

    assert item_quorum(p.agenda_item).members == 5


def test_a_conflict_without_a_reason_is_refused(world, client_for):
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    data = {"analysis": "x", "recommendation": "approve", "has_conflict": "on", "conflict_reason": ""}
    resp = client_for(world.users[Role.MEMBER]).post(f"/proposals/{p.pk}/review/", data)
    assert "กรุณาระบุเหตุแห่งส่วนได้เสีย" in resp.content.decode()
    assert not Review.objects.exists()


def test_a_tie_at_the_deadline_waits_for_the_chairs_casting_vote(world, client_for):
    p, ballot = circulating_proposal(world)
    services.cast_vote(actor=world.users[Role.CHAIR], ballot_id=ballot.pk, choice="approve")
    services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="reject")
    for _ in range(2):  # 8 members: 4 answers make the quorum
        extra = MemberFactory(subcommittee=world.own_sc, user=UserFactory())
        services.cast_vote(actor=extra.user, ballot_id=ballot.pk, choice="abstain")
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    assert services.close_due_ballots() == 0
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN  # no more votes (past the deadline), but the tie needs the chair
    chair = client_for(world.users[Role.CHAIR])
    assert chair.post(f"/proposals/ballots/{ballot.pk}/close/", {"casting_vote": "approve"}).status_code == 302
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.result == "approve" and ballot.casting_vote == "approve" and ballot.tally["abstain"] == 2
    assert p.decision == "approve" and p.state == ProposalState.RESOLVED
