"""Every way a room decides, through the pages: consensus, show of hands, roll call, devices, mixed.

Quorum, recusal, the majority of votes cast and the chair's casting vote apply
in every method; bad input gets a Thai message and nothing is saved.
"""

import pytest

from committees.choices import Role
from fundproposals.choices import BallotState, ProposalState, VoteChannel
from fundproposals.models import HandCount, Vote
from meetings.models import ConflictOfInterest, Resolution
from tests.fundproposals.helpers import make_meeting, seats, tabled_proposal, voting_proposal


def _ballot(world, method, **kw):
    p, ballot = voting_proposal(world, **kw)
    ballot.method = method
    ballot.save()
    return p, ballot


def _split(data):
    headers = {k: v for k, v in data.items() if k.startswith("HTTP_")}
    return {k: v for k, v in data.items() if k not in headers}, headers


def _rec(client, ballot, **data):
    body, headers = _split(data)
    return client.post(f"/proposals/ballots/{ballot.pk}/record/", body, **headers)


def _close(client, ballot, **data):
    body, headers = _split(data)
    return client.post(f"/proposals/ballots/{ballot.pk}/close/", body, **headers)


def test_the_chair_or_secretariat_opens_with_a_method(world, client_for):
    meeting = make_meeting(world)
    p = tabled_proposal(world, meeting=meeting)
    sec = client_for(world.users[Role.SECRETARIAT])
    page = sec.get(f"/proposals/{p.pk}/ballot/").content.decode()
    assert 'value="show_of_hands"' in page and 'value="consensus"' in page and 'value="mixed"' in page
    resp = sec.post(f"/proposals/{p.pk}/ballot/", {"method": "show_of_hands"})
    assert resp.status_code == 302
    ballot = p.ballots.get()
    assert ballot.method == "show_of_hands"


def test_consensus_is_recorded_by_the_secretariat_without_counts(world, client_for):
    p, ballot = _ballot(world, "consensus")
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = _close(sec, ballot)
    assert resp.status_code == 200 and 'name="consensus"' in resp.content.decode()
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN
    assert _close(sec, ballot, consensus="approve", recommended_amount="150000").status_code == 302
    ballot.refresh_from_db()
    p.refresh_from_db()
    assert ballot.result == "approve" and p.state == ProposalState.RESOLVED
    text = Resolution.objects.get(agenda_item=ballot.agenda_item).text
    assert text.startswith("ที่ประชุมพิจารณา") and "มีมติเห็นชอบ" in text and "ฉันทามติ" in text
    assert "เสียง" not in text  # no counts


def test_show_of_hands_counts_and_its_refusals(world, client_for):
    s = seats(world)
    _p, ballot = _ballot(world, "show_of_hands")
    ConflictOfInterest.objects.create(agenda_item=ballot.agenda_item, member=s[5], reason="เป็นกรรมการขององค์กรผู้เสนอ")
    sec = client_for(world.users[Role.SECRETARIAT])
    page = sec.get(f"/proposals/ballots/{ballot.pk}/record/").content.decode()
    assert "อนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ 5 คน" in page
    assert s[5].full_name in page and "ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย" in page
    # over the present, non-recused members (6 present, 1 recused = 5)
    resp = _rec(sec, ballot, hands="1", approve="4", reject="2")
    assert resp.status_code == 200
    assert "จำนวนเสียงรวม 6 เสียง เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (5 คน)" in resp.content.decode()
    assert not HandCount.objects.exists()
    resp = _rec(sec, ballot, hands="1", approve="-1")
    assert resp.status_code == 200 and "จำนวนเสียง “เห็นชอบ” ต้องไม่ติดลบ" in resp.content.decode()
    assert not HandCount.objects.exists()
    # a member cannot enter counts; a member cannot vote on a device in a show of hands
    assert (
        client_for(world.users[Role.MEMBER])
        .post(f"/proposals/ballots/{ballot.pk}/record/", {"hands": "1", "approve": "1"})
        .status_code
        == 404
    )
    resp = client_for(world.users[Role.MEMBER]).post(
        f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}, HTTP_HX_REQUEST="true"
    )
    assert resp.status_code == 409 and "ฝ่ายเลขานุการเป็นผู้บันทึก" in resp.content.decode()
    assert not Vote.objects.exists()
    assert _rec(sec, ballot, hands="1", approve="2", reject="2", abstain="1").status_code == 302
    hands = HandCount.objects.get()
    assert hands.counts["approve"] == 2 and hands.entered_by == world.users[Role.SECRETARIAT]
    # a tie: the chair's casting vote decides
    chair = client_for(world.users[Role.CHAIR])
    resp = _close(chair, ballot)
    assert resp.status_code == 200 and "ประธานต้องออกเสียงชี้ขาด" in resp.content.decode()
    assert _close(chair, ballot, casting_vote="approve", recommended_amount="100000").status_code == 302
    ballot.refresh_from_db()
    assert ballot.result == "approve" and ballot.casting_vote == "approve" and ballot.eligible_count == 5
    text = Resolution.objects.get(agenda_item=ballot.agenda_item).text
    assert "โดยการยกมือ" in text and "เห็นชอบ 2 เสียง" in text and "ประธานจึงออกเสียงชี้ขาดให้เห็นชอบ" in text
    # after the close, nothing more is entered
    resp = _rec(sec, ballot, hands="1", approve="3", HTTP_HX_REQUEST="true")
    assert resp.status_code == 409 and "ปิดแล้ว" in resp.content.decode()
    assert HandCount.objects.count() == 1


def test_show_of_hands_error_messages_in_thai(world, client_for):
    _p, ballot = _ballot(world, "show_of_hands")
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = _rec(sec, ballot, hands="1", approve="5", reject="2", HTTP_HX_REQUEST="true")
    assert resp.status_code == 409
    assert "จำนวนเสียงรวม 7 เสียง เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (6 คน)" in resp.content.decode()
    resp = _rec(sec, ballot, hands="1", approve="-1", HTTP_HX_REQUEST="true")
    assert resp.status_code == 409 and "ต้องไม่ติดลบ" in resp.content.decode()
    assert not HandCount.objects.exists()


def test_roll_call_entries_and_refusals(world, client_for):
    s = seats(world)
    meeting = make_meeting(world, present=s[:5])  # s[5] absent
    _p, ballot = _ballot(world, "roll_call", meeting=meeting)
    ConflictOfInterest.objects.create(agenda_item=ballot.agenda_item, member=s[4], reason="ญาติ")
    sec = client_for(world.users[Role.SECRETARIAT])
    hx = {"HTTP_HX_REQUEST": "true"}
    resp = _rec(sec, ballot, member=s[5].pk, choice="approve", **hx)
    assert resp.status_code == 409 and "ไม่ได้อยู่ในที่ประชุม" in resp.content.decode()
    resp = _rec(sec, ballot, member=s[4].pk, choice="approve", **hx)
    assert resp.status_code == 409 and "มีส่วนได้เสีย" in resp.content.decode()
    assert not Vote.objects.exists()
    for seat, choice in zip(s[:4], ["approve", "approve", "reject", "abstain"], strict=True):
        assert _rec(sec, ballot, member=seat.pk, choice=choice, **hx).status_code == 200
    v = Vote.objects.get(member=s[2])
    assert v.channel == VoteChannel.SECRETARIAT and v.cast_by == world.users[Role.SECRETARIAT]
    # a member may not vote on a device in a roll call
    resp = client_for(world.users[Role.MEMBER]).post(f"/proposals/ballots/{ballot.pk}/", {"choice": "reject"}, **hx)
    assert resp.status_code == 409 and "ฝ่ายเลขานุการเป็นผู้บันทึก" in resp.content.decode()
    assert Vote.objects.get(member=s[1]).choice == "approve"
    chair = client_for(world.users[Role.CHAIR])
    page = chair.get(f"/proposals/ballots/{ballot.pk}/close/").content.decode()
    assert s[4].full_name in page and "ผู้ไม่ร่วมพิจารณาและไม่ร่วมลงมติ" in page
    assert _close(chair, ballot).status_code == 302
    ballot.refresh_from_db()
    assert ballot.result == "approve" and ballot.tally["approve"] == 2 and ballot.eligible_count == 4
    # after the close
    resp = _rec(sec, ballot, member=s[0].pk, choice="reject", **hx)
    assert "ปิดแล้ว" in resp.content.decode()
    assert Vote.objects.get(member=s[0]).choice == "approve"


def test_mixed_own_vote_locks_out_the_secretariat_and_replaces_its_entry(world, client_for):
    s = seats(world)
    _p, ballot = _ballot(world, "mixed")
    sec = client_for(world.users[Role.SECRETARIAT])
    member = client_for(world.users[Role.MEMBER])
    hx = {"HTTP_HX_REQUEST": "true"}
    # the secretariat entered for the member, then the member votes on the phone: the member's own counts
    assert _rec(sec, ballot, member=s[1].pk, choice="reject", **hx).status_code == 200
    assert member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}, **hx).status_code == 200
    v = Vote.objects.get(member=s[1])
    assert v.choice == "approve" and v.channel == VoteChannel.DEVICE
    # now the secretariat cannot override
    resp = _rec(sec, ballot, member=s[1].pk, choice="reject", **hx)
    assert resp.status_code == 409 and "ลงมติด้วยตนเองแล้ว" in resp.content.decode()
    assert Vote.objects.get(member=s[1]).choice == "approve"
    assert Vote.objects.count() == 1


def test_devices_only_refuses_secretariat_entries(world, client_for):
    s = seats(world)
    _p, ballot = voting_proposal(world)
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = _rec(sec, ballot, member=s[1].pk, choice="reject", HTTP_HX_REQUEST="true")
    assert resp.status_code == 409 and not Vote.objects.exists()
    # and the secretariat cannot close a devices-only vote: the chair does
    assert _close(sec, ballot).status_code == 404


@pytest.mark.parametrize("method", ["show_of_hands", "roll_call", "mixed", "consensus"])
def test_a_withdrawn_item_takes_no_entries(world, client_for, method):
    from django.utils import timezone

    s = seats(world)
    _p, ballot = _ballot(world, method)
    ballot.agenda_item.withdrawn_at = timezone.now()
    ballot.agenda_item.save()
    sec = client_for(world.users[Role.SECRETARIAT])
    data = {"hands": "1", "approve": "1"} if method == "show_of_hands" else {"member": s[1].pk, "choice": "approve"}
    if method == "consensus":
        resp = _close(sec, ballot, consensus="approve")
        assert "ถอนออกแล้ว" in resp.content.decode()
        ballot.refresh_from_db()
        assert ballot.state == BallotState.OPEN
    else:
        resp = _rec(sec, ballot, HTTP_HX_REQUEST="true", **data)
        assert resp.status_code == 409 and "ถอนออกแล้ว" in resp.content.decode()
    assert not Vote.objects.exists() and not HandCount.objects.exists()


def test_the_entry_sheet_costs_the_same_at_any_size(world, client_for):
    from meetings.models import Attendance
    from tests.factories import MemberFactory, UserFactory
    from tests.harness import assert_constant_queries

    _p, ballot = _ballot(world, "roll_call")
    meeting = ballot.agenda_item.meeting
    sec = client_for(world.users[Role.SECRETARIAT])
    grown = {"n": 0}

    def grow(n):
        while grown["n"] < n:
            m = MemberFactory(subcommittee=world.own_sc, user=UserFactory(), order=50 + grown["n"])
            Attendance.objects.create(meeting=meeting, member=m, status="present", order=50 + grown["n"])
            Vote.objects.create(
                ballot=ballot, member=m, choice="approve", cast_by=world.users[Role.SECRETARIAT], channel="secretariat"
            )
            grown["n"] += 1

    assert_constant_queries(sec, f"/proposals/ballots/{ballot.pk}/record/", grow)
    assert_constant_queries(sec, f"/proposals/ballots/{ballot.pk}/close/", grow)
