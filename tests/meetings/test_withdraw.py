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
