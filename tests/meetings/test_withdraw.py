"""Withdrawing agenda items and removing papers before the meeting; refused once it is held."""

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.choices import SectionType
from meetings.models import AgendaItem, AgendaPaper
from tests.meetings.helpers import held, schedule


def _items(world, m, n=3):
    sec = world.users["secretariat"]
    return [
        services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_INFORMATION, title=f"เรื่อง {i}")
        for i in range(1, n + 1)
    ]


def test_withdrawing_keeps_the_item_marks_it_and_renumbers_the_rest(world, client_for):
    m = schedule(world)
    a, b, c = _items(world, m)
    sec = client_for(world.users["secretariat"])
    resp = sec.post(f"/meetings/items/{b.pk}/", {"action": "withdraw", "reason": ""})
    assert "กรุณาระบุเหตุที่ถอนระเบียบวาระ" in resp.content.decode()
    assert AgendaItem.objects.get(pk=b.pk).withdrawn_at is None
    assert client_for(world.users["member"]).post(
        f"/meetings/items/{b.pk}/", {"action": "withdraw", "reason": "x"}
    ).status_code in (403, 404)
    assert AgendaItem.objects.get(pk=b.pk).withdrawn_at is None
    assert sec.post(f"/meetings/items/{b.pk}/", {"action": "withdraw", "reason": "ผู้เสนอขอถอน"}).status_code == 302
    a, b, c = (AgendaItem.objects.select_related("parent").get(pk=x.pk) for x in (a, b, c))
    assert b.withdrawn_at and b.withdrawn_reason == "ผู้เสนอขอถอน"
    assert (a.number, c.number) == ("4.1", "4.2")
    assert "ถอนออก" in b.number
    page = sec.get(f"/meetings/items/{b.pk}/").content.decode()
    assert 'data-testid="withdrawn"' in page and "ผู้เสนอขอถอน" in page
    # a new item goes after the remaining ones
    d = services.add_agenda_item(actor=world.users["secretariat"], meeting=m, section_type="for_information", title="ง")
    assert AgendaItem.objects.select_related("parent").get(pk=d.pk).number == "4.3"


def test_after_the_meeting_is_held_nothing_is_withdrawn_or_removed(world, client_for):
    m = held(world)
    (a,) = _items(world, m, 1)
    paper = services.add_paper(
        actor=world.users["secretariat"], agenda_item=a, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    sec = client_for(world.users["secretariat"])
    resp = sec.post(f"/meetings/items/{a.pk}/", {"action": "withdraw", "reason": "x"}, follow=True)
    assert "ถอนระเบียบวาระได้เฉพาะก่อนการประชุม" in resp.content.decode()
    assert AgendaItem.objects.get(pk=a.pk).withdrawn_at is None
    resp = sec.post(f"/meetings/items/{a.pk}/", {"action": "remove_paper", "paper": paper.pk}, follow=True)
    assert "นำเอกสารออกได้เฉพาะก่อนการประชุม" in resp.content.decode()
    assert AgendaPaper.objects.get(pk=paper.pk).removed_at is None


def test_a_paper_removed_before_the_meeting_is_kept_but_no_longer_listed_or_served(world, client_for):
    m = schedule(world)
    (a,) = _items(world, m, 1)
    paper = services.add_paper(
        actor=world.users["secretariat"], agenda_item=a, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    sec = client_for(world.users["secretariat"])
    assert sec.get(f"/meetings/papers/{paper.pk}/").status_code == 200
    assert sec.post(f"/meetings/items/{a.pk}/", {"action": "remove_paper", "paper": paper.pk}).status_code == 302
    assert AgendaPaper.objects.get(pk=paper.pk).removed_at is not None
    assert sec.get(f"/meetings/papers/{paper.pk}/").status_code == 404
    assert f"/meetings/papers/{paper.pk}/" not in sec.get(f"/meetings/items/{a.pk}/").content.decode()


def test_withdrawing_an_item_untables_its_proposal_so_it_can_be_tabled_again(world, client_for):
    from core.models import AuditEvent
    from fundproposals import services as fund_services
    from fundproposals.choices import ProposalState
    from fundproposals.models import Proposal
    from tests.fundproposals.helpers import complete_proposal

    sec_user = world.users["secretariat"]
    m, later = schedule(world), schedule(world, days=14)
    p = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    p = fund_services.table(actor=sec_user, proposal=p, meeting=m)
    item = p.agenda_item
    assert p.state == ProposalState.TABLED
    sec = client_for(sec_user)
    # refused (no reason): the proposal stays tabled
    sec.post(f"/meetings/items/{item.pk}/", {"action": "withdraw", "reason": ""})
    assert Proposal.objects.get(pk=p.pk).state == ProposalState.TABLED
    assert sec.post(f"/meetings/items/{item.pk}/", {"action": "withdraw", "reason": "ผู้เสนอขอถอน"}).status_code == 302
    p.refresh_from_db()
    assert p.state == ProposalState.UNDER_REVIEW and p.agenda_item is None
    event = AuditEvent.objects.filter(action="transition:untable").get()
    assert event.actor == sec_user and event.changes["state"] == ["tabled", "under_review"]
    assert "ถอนระเบียบวาระที่ 5.1" in event.reason and "ผู้เสนอขอถอน" in event.reason
    assert AgendaItem.objects.get(pk=item.pk).withdrawn_at  # the item itself is kept
    # the proposal page offers tabling again, and it is tabled at the later meeting
    assert f'href="/proposals/{p.pk}/table/"' in sec.get(f"/proposals/{p.pk}/").content.decode()
    assert sec.post(f"/proposals/{p.pk}/table/", {"meeting": later.pk}).status_code == 302
    p.refresh_from_db()
    assert p.state == ProposalState.TABLED and p.agenda_item.meeting == later


def test_withdrawing_a_plan_item_takes_the_plan_back_to_draft(world):
    from actionplans import services as plan_services
    from tests.actionplans.helpers import plan

    sec = world.users["secretariat"]
    m = schedule(world)
    doc = plan_services.transition(actor=sec, doc=plan(world), name="propose", meeting=m)
    services.withdraw_agenda_item(actor=sec, item=doc.agenda_item, reason="แผนยังไม่ครบ")
    doc.refresh_from_db()
    assert doc.state == "draft" and doc.agenda_item is None
    later = schedule(world, days=14)
    doc = plan_services.transition(actor=sec, doc=doc, name="propose", meeting=later)
    assert doc.state == "proposed" and doc.agenda_item.meeting == later
