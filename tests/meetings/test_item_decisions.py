"""Every way a room decides, on agenda items without a proposal: plans, situation reports, section 5/6 items.

The same ballot, entries, count and ledger as a proposal's vote; the result is the
item's one resolution in the meeting's words, and an approving result on a plan's
or report's item records its approval.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from actionplans import services as plan_services
from core.models import AuditEvent
from emeetings import secret
from fundproposals import services as fund_services
from fundproposals.models import Ballot, HandCount, Vote
from ledger.models import Entry
from meetings import services
from meetings.choices import SectionType
from meetings.models import ConflictOfInterest, Resolution
from tests.actionplans.helpers import plan
from tests.actionplans.matrix import FIGURES, NATIONALITIES
from tests.meetings.helpers import held, schedule


def _item_page(client, item):
    return client.get(f"/meetings/items/{item.pk}/").content.decode()


def _open(client, item, method):
    return client.post(f"/meetings/items/{item.pk}/", {"action": "open_ballot", "method": method})


def _proposed_plan(world, meeting):
    return plan_services.transition(actor=world.users["secretariat"], doc=plan(world), name="propose", meeting=meeting)


def test_a_plan_is_decided_by_show_of_hands_and_the_approval_is_recorded(world, client_for):
    m = held(world, present=5)  # 6 members, 5 present
    doc = _proposed_plan(world, m)
    item = doc.agenda_item
    sec = client_for(world.users["secretariat"])
    page = _item_page(sec, item)
    assert 'data-testid="decision-open"' in page and 'value="show_of_hands"' in page
    resp = _open(sec, item, "show_of_hands")
    ballot = Ballot.objects.get(agenda_item=item)
    assert resp.status_code == 302 and resp["Location"] == f"/proposals/ballots/{ballot.pk}/record/"
    assert ballot.proposal is None and ballot.province == world.own and ballot.method == "show_of_hands"
    # counts above the present, non-recused members are refused in Thai and nothing is saved
    record = f"/proposals/ballots/{ballot.pk}/record/"
    resp = sec.post(record, {"hands": "1", "approve": "4", "reject": "2"}, follow=True)
    assert "จำนวนเสียงรวม 6 เสียง เกินจำนวนอนุกรรมการที่อยู่ในที่ประชุมและมีสิทธิ์ลงมติ (5 คน)" in resp.content.decode()
    assert not HandCount.objects.exists()
    assert sec.post(record, {"hands": "1", "approve": "4", "reject": "1"}).status_code == 302
    hands = HandCount.objects.get()
    assert hands.entered_by == world.users["secretariat"] and hands.entered_at
    # the item page offers the close to the secretariat; the close records the resolution and approves the plan
    assert 'data-testid="decision-close"' in _item_page(sec, item)
    resp = sec.post(f"/proposals/ballots/{ballot.pk}/close/", {})
    assert resp.status_code == 302 and resp["Location"] == f"/meetings/items/{item.pk}/"
    ballot.refresh_from_db()
    assert ballot.result == "approve" and ballot.quorum_met and ballot.closed_by == world.users["secretariat"]
    res = Resolution.objects.get(agenda_item=item)
    assert res.outcome == "approved" and res.text == ballot.result_text
    assert res.text.startswith("ที่ประชุมพิจารณาแผนปฏิบัติการ") and "มีมติเห็นชอบ" in res.text
    assert "โดยการยกมือ" in res.text and "เห็นชอบ 4 เสียง" in res.text
    assert res.wordings.get().source == "vote"
    doc.refresh_from_db()
    assert doc.state == "approved" and doc.resolution == res and doc.approved_at
    approval = AuditEvent.objects.get(action="transition:approve")
    assert approval.actor == world.users["secretariat"] and approval.changes["state"] == ["proposed", "approved"]
    plan_page = sec.get(reverse("actionplans:plan", args=[doc.pk])).content.decode()
    assert 'data-testid="approval"' in plan_page and m.label in plan_page and "ระเบียบวาระที่ 5.1" in plan_page
    # every entry and the result are in the ledger
    assert Entry.objects.filter(kind="ballot", object_id=ballot.pk, province=world.own).exists()
    assert Entry.objects.filter(kind="resolution", object_id=res.pk).exists()
    # decided: no second vote is offered
    page = _item_page(sec, item)
    assert 'data-testid="decision-open"' not in page and "เห็นชอบ" in page


def test_a_section_6_item_by_consensus_in_the_meetings_words(world, client_for):
    m = held(world, present=5)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.OTHER, title="การจัดงานวันต่อต้านการค้ามนุษย์"
    )
    chair = client_for(world.users["chair"])
    assert _open(chair, item, "consensus").status_code == 302
    ballot = Ballot.objects.get(agenda_item=item)
    close = f"/proposals/ballots/{ballot.pk}/close/"
    page = chair.get(close).content.decode()
    assert 'name="consensus"' in page and "recommended_amount" not in page  # no amount on an item
    assert chair.post(close, {"consensus": "approve"}).status_code == 302
    res = Resolution.objects.get(agenda_item=item)
    assert res.text.startswith("ที่ประชุมพิจารณาการจัดงานวันต่อต้านการค้ามนุษย์ แล้ว มีมติเห็นชอบ")
    assert "ฉันทามติ" in res.text and "เสียง" not in res.text


def test_roll_call_with_a_recusal_and_the_chairs_casting_vote_on_a_report(world, client_for):
    sec_user = world.users["secretariat"]
    m = held(world, present=6)
    report = plan_services.create_situation_report(
        actor=sec_user, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
    )
    report = plan_services.transition(actor=sec_user, doc=report, name="propose", meeting=m)
    item = report.agenda_item
    s = world.seats["own"]
    ConflictOfInterest.objects.create(agenda_item=item, member=s["others"][3], reason="เป็นผู้จัดทำรายงาน")
    ballot = fund_services.open_item_ballot(actor=sec_user, agenda_item=item, method="roll_call")
    sec = client_for(sec_user)
    record = f"/proposals/ballots/{ballot.pk}/record/"
    # the recused member is refused in Thai
    resp = sec.post(record, {"member": s["others"][3].pk, "choice": "approve"}, follow=True)
    assert "มีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ" in resp.content.decode()
    for seat, choice in [(s["chair"], "approve"), (s["member"], "approve"), (s["others"][0], "reject")]:
        assert sec.post(record, {"member": seat.pk, "choice": choice}).status_code == 302
    assert sec.post(record, {"member": s["others"][1].pk, "choice": "reject"}).status_code == 302
    assert sec.post(record, {"member": s["others"][2].pk, "choice": "abstain"}).status_code == 302
    vote = Vote.objects.get(ballot=ballot, member=s["others"][0])
    assert vote.cast_by == sec_user and vote.channel == "secretariat" and vote.created_at
    chair = client_for(world.users["chair"])
    close = f"/proposals/ballots/{ballot.pk}/close/"
    resp = chair.post(close, {})
    assert "ประธานต้องออกเสียงชี้ขาด" in resp.content.decode()
    assert chair.post(close, {"casting_vote": "reject"}).status_code == 302
    ballot.refresh_from_db()
    assert ballot.result == "reject" and ballot.casting_vote == "reject" and ballot.eligible_count == 5
    res = Resolution.objects.get(agenda_item=item)
    assert res.outcome == "not_approved" and "ประธานจึงออกเสียงชี้ขาดให้ไม่เห็นชอบ" in res.text
    report.refresh_from_db()
    assert report.state == "proposed" and report.resolution is None  # not approved: still proposed
    assert Entry.objects.filter(kind="vote", object_id=vote.pk, province=world.own).exists()


def test_devices_and_mixed_on_an_item_the_members_own_vote_locks_the_secretariat_out(world, client_for):
    m = held(world, present=5)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณาเรื่องหนึ่ง"
    )
    ballot = fund_services.open_item_ballot(actor=world.users["chair"], agenda_item=item, method="mixed")
    member = client_for(world.users["member"])
    assert 'data-testid="decision-vote"' in _item_page(member, item)
    assert member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}).status_code == 302
    seat = world.seats["own"]["member"]
    assert Vote.objects.get(ballot=ballot, member=seat).channel == "device"
    sec = client_for(world.users["secretariat"])
    resp = sec.post(f"/proposals/ballots/{ballot.pk}/record/", {"member": seat.pk, "choice": "reject"}, follow=True)
    assert "ลงมติด้วยตนเองแล้ว ฝ่ายเลขานุการบันทึกแทนไม่ได้" in resp.content.decode()
    assert Vote.objects.get(ballot=ballot, member=seat).choice == "approve"


def test_a_secret_vote_on_an_item_keeps_the_receipts_in_the_ledger(world, client_for):
    m = held(world, present=5)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณาเรื่องลับ"
    )
    ballot = fund_services.open_item_ballot(actor=world.users["chair"], agenda_item=item, method="devices")
    secret.make_secret(actor=world.users["chair"], ballot=ballot)
    fund_services.cast_vote(actor=world.users["member"], ballot_id=ballot.pk, choice="approve")
    fund_services.cast_vote(actor=world.users["chair"], ballot_id=ballot.pk, choice="approve")
    assert Entry.objects.filter(kind="secret_receipt", province=world.own).count() == 2
    fund_services.close_ballot(actor=world.users["chair"], ballot_id=ballot.pk)
    ballot.refresh_from_db()
    assert ballot.result == "approve" and ballot.tally["approve"] == 2


def test_who_may_open_and_when(world, client_for):
    m = held(world, present=5)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณาเรื่องหนึ่ง"
    )
    info = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_INFORMATION, title="เรื่องแจ้ง"
    )
    for role in ("member", "viewer", "national", "proposer"):
        c = client_for(world.users[role])
        assert 'data-testid="decision-open"' not in _item_page(c, item)
        assert _open(c, item, "consensus").status_code == 404
    # the service refuses them with the rule's reason (fundproposals.permissions.can_open_meeting_ballots)
    for role in ("member", "national"):
        with pytest.raises(PermissionDenied, match="เฉพาะประธานหรือฝ่ายเลขานุการเท่านั้นที่เปิดการลงมติได้"):
            fund_services.open_item_ballot(actor=world.users[role], agenda_item=item, method="consensus")
    assert not Ballot.objects.exists()
    sec = client_for(world.users["secretariat"])
    assert 'data-testid="decision"' not in _item_page(sec, info)  # section 4: nothing to decide
    resp = _open(sec, info, "consensus")
    assert "ลงมติได้เฉพาะเรื่องในระเบียบวาระเพื่อพิจารณาและเรื่องอื่น ๆ" in resp.content.decode()
    assert "กรุณาเลือกวิธีลงมติ" in _open(sec, item, "no-such-method").content.decode()
    assert not Ballot.objects.exists()
    # another province: the same 404 as a missing item or ballot
    other = client_for(world.other_users["secretariat"])
    assert other.get(f"/meetings/items/{item.pk}/").status_code == 404
    assert _open(other, item, "consensus").status_code == 404
    ballot = fund_services.open_item_ballot(actor=world.users["secretariat"], agenda_item=item, method="show_of_hands")
    for url in ("", "record/", "close/"):
        assert other.get(f"/proposals/ballots/{ballot.pk}/{url}").status_code == 404
    with pytest.raises(Exception, match="มีการลงมติที่เปิดอยู่แล้ว"):
        fund_services.open_item_ballot(actor=world.users["secretariat"], agenda_item=item, method="consensus")


def test_before_the_meeting_is_held_no_vote_is_opened(world, client_for):
    m = schedule(world)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="พิจารณาเรื่องหนึ่ง"
    )
    sec = client_for(world.users["secretariat"])
    page = _item_page(sec, item)
    assert 'data-testid="decision-open"' not in page and "เปิดการลงมติได้เมื่อฝ่ายเลขานุการบันทึกว่าเริ่มประชุมแล้ว" in page
    assert "เปิดการลงมติได้เมื่อ" in _open(sec, item, "consensus").content.decode()
    assert not Ballot.objects.exists()


def test_the_item_and_its_vote_pages_cost_the_same_at_any_size(world, client_for):
    from meetings.models import Attendance
    from tests.factories import MemberFactory, UserFactory
    from tests.harness import assert_constant_queries

    m = held(world, present=5)
    doc = _proposed_plan(world, m)
    ballot = fund_services.open_item_ballot(
        actor=world.users["secretariat"], agenda_item=doc.agenda_item, method="mixed"
    )
    grown = {"n": 0}

    def grow(n):
        while grown["n"] < n:
            seat = MemberFactory(subcommittee=world.own_sc, user=UserFactory(), order=50 + grown["n"])
            Attendance.objects.create(meeting=m, member=seat, status="present", order=50 + grown["n"])
            Vote.objects.create(
                ballot=ballot, member=seat, choice="approve", cast_by=world.users["secretariat"], channel="secretariat"
            )
            if grown["n"] % 7 == 0:
                ConflictOfInterest.objects.create(agenda_item=doc.agenda_item, member=seat, reason="ส่วนได้เสีย")
            grown["n"] += 1

    sec, chair, member = (client_for(world.users[r]) for r in ("secretariat", "chair", "member"))
    counts = {
        "item": assert_constant_queries(sec, f"/meetings/items/{doc.agenda_item_id}/", grow)[0],
        "item as member": assert_constant_queries(member, f"/meetings/items/{doc.agenda_item_id}/", grow)[0],
        "record": assert_constant_queries(sec, f"/proposals/ballots/{ballot.pk}/record/", grow)[0],
        "close": assert_constant_queries(chair, f"/proposals/ballots/{ballot.pk}/close/", grow)[0],
        "vote": assert_constant_queries(member, f"/proposals/ballots/{ballot.pk}/", grow)[0],
    }
    # the item page: the decision adds two queries (is there a proposal, the item's ballots); the vote pages
    # are the proposal's own and cost what they cost for a proposal
    assert counts["item"] <= 16 and counts["item as member"] <= 16, counts
    assert max(counts["record"], counts["close"], counts["vote"]) <= 10, counts
