"""A resolution taken by circulation is offered under เรื่องเพื่อทราบ at the next meeting and reaches its minutes."""

from django.utils import timezone

from committees.choices import Role
from fundproposals import services as fp_services
from fundproposals.models import Ballot, Vote
from meetings import selectors
from tests.fundproposals.helpers import circulating_proposal, seats
from tests.meetings.helpers import schedule


def _closed_circulation(world):
    p, ballot = circulating_proposal(world)
    for seat in seats(world)[:4]:
        Vote.objects.create(ballot=ballot, member=seat, choice="approve", cast_by=world.users[Role.CHAIR])
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - timezone.timedelta(minutes=1))
    fp_services.close_ballot(actor=None, ballot_id=ballot.pk)
    ballot.refresh_from_db()
    return p, ballot


def test_the_next_agenda_offers_the_circulated_result_and_the_minutes_start_from_it(world, client_for):
    p, ballot = _closed_circulation(world)
    assert ballot.result == "approve"
    m = schedule(world, days=5)
    sec = client_for(world.users["secretariat"])
    page = sec.get(f"/meetings/{m.pk}/agenda/").content.decode()
    assert 'data-testid="circulated"' in page and p.code in page
    # a member sees the agenda but is not offered the step
    assert (
        'data-testid="circulated"'
        not in client_for(world.users["member"]).get(f"/meetings/{m.pk}/agenda/").content.decode()
    )
    resp = sec.post(f"/meetings/{m.pk}/agenda/", {"action": "report_circulated", "ballot": ballot.pk})
    assert resp.status_code == 302
    ballot.refresh_from_db()
    item = ballot.reported_under_item
    assert item.meeting == m and item.parent.section_type == "for_information" and item.reports_circulation
    assert ballot.result_text in item.description
    # offered once only
    assert 'data-testid="circulated"' not in sec.get(f"/meetings/{m.pk}/agenda/").content.decode()
    resp = sec.post(f"/meetings/{m.pk}/agenda/", {"action": "report_circulated", "ballot": ballot.pk}, follow=True)
    assert "รายงานต่อที่ประชุมแล้ว" in resp.content.decode()
    doc = selectors.minutes_document(m)
    reported = next(it for it in doc.items if it.title == item.title)
    assert ballot.result_text in reported.discussion and reported.resolution == "ที่ประชุมรับทราบ"


def test_another_provinces_circulation_is_not_offered(world, client_for):
    _closed_circulation(world)
    m = schedule(world, days=5, province="other")
    page = client_for(world.users["secretariat"]).get(f"/meetings/{m.pk}/agenda/")
    assert page.status_code == 404
    other = client_for(world.other_users["secretariat"]).get(f"/meetings/{m.pk}/agenda/").content.decode()
    assert 'data-testid="circulated"' not in other
