"""Secret votes: who voted is kept apart from what was voted; double voting refused; the tally public."""

import pytest
from django.db import connection

from committees.choices import Role
from core.models import AuditEvent
from emeetings import evidence, secret
from emeetings.models import SecretReceipt, SecretTally
from fundproposals import services as fund_services
from fundproposals.models import Ballot, Vote
from ledger import verify
from ledger.models import Entry
from tests.fundproposals.helpers import voting_proposal
from tests.meetings.helpers import held

pytestmark = pytest.mark.django_db


def _secret_ballot(world, client_for):
    meeting = held(world, present=6)
    proposal, ballot = voting_proposal(world, meeting=meeting)
    chair = client_for(world.users[Role.CHAIR])
    # a member may not make it secret; the chair may, from the e-meeting page
    resp = client_for(world.users[Role.MEMBER]).post(
        f"/emeetings/{meeting.pk}/", {"action": "secret", "ballot": ballot.pk}
    )
    assert resp.status_code == 403 and "เฉพาะประธาน" in resp.content.decode()
    assert chair.post(f"/emeetings/{meeting.pk}/", {"action": "secret", "ballot": ballot.pk}).status_code == 302
    assert secret.is_secret(ballot)
    return meeting, proposal, ballot


def test_secret_votes_are_counted_but_never_linked_to_a_member(world, client_for):
    meeting, _, ballot = _secret_ballot(world, client_for)
    s = world.seats["own"]
    voters = {Role.CHAIR: "approve", Role.MEMBER: "reject"}
    for role, choice in voters.items():
        resp = client_for(world.users[role]).post(f"/proposals/ballots/{ballot.pk}/", {"choice": choice})
        assert resp.status_code == 302
    # double voting is refused, and changes nothing
    resp = client_for(world.users[Role.MEMBER]).post(
        f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}, HTTP_HX_REQUEST="true"
    )
    assert resp.status_code == 409 and secret.ALREADY_VOTED in resp.content.decode()
    assert not Vote.objects.filter(ballot=ballot).exists()
    assert set(SecretReceipt.objects.filter(ballot=ballot).values_list("member_id", flat=True)) == {
        s["chair"].pk,
        s["member"].pk,
    }
    assert dict(SecretTally.objects.filter(ballot=ballot, count__gt=0).values_list("choice", "count")) == {
        "approve": 1,
        "reject": 1,
    }
    # structurally: the receipt has no choice, the counter no member and no time
    assert {f.name for f in SecretReceipt._meta.fields} == {"id", "ballot", "member"}
    assert {f.name for f in SecretTally._meta.fields} == {"id", "ballot", "choice", "count"}
    # every counter was rewritten by the last vote, so row versions say nothing either
    with connection.cursor() as cur:
        cur.execute("SELECT count(DISTINCT xmin::text) FROM emeetings_secrettally WHERE ballot_id = %s", [ballot.pk])
        assert cur.fetchone()[0] == 1
    # no audit entry and no ledger entry carries the choice
    audited = AuditEvent.objects.filter(action="ballot.vote_secret")
    assert audited.count() == 2
    for event in audited:
        assert "approve" not in str(event.changes) and "reject" not in str(event.changes)
    receipts = Entry.objects.filter(kind="secret_receipt")
    assert receipts.count() == 2 and not Entry.objects.filter(kind="vote").exists()
    for entry in receipts:
        assert "approve" not in entry.body and "reject" not in entry.body
    # the chair closes: the tally is public, the result counted from the counters
    fund_services.close_ballot(actor=world.users[Role.CHAIR], ballot_id=ballot.pk, casting_vote="approve")
    ballot = Ballot.objects.get(pk=ballot.pk)
    assert ballot.tally["approve"] == 1 and ballot.tally["reject"] == 1 and ballot.result == "approve"
    assert verify.verify_chain().ok
    # the evidence bundle has the tally only
    votes_csv = evidence._votes(meeting).decode("utf-8-sig")
    assert s["member"].full_name not in votes_csv and "ผลรวม" in votes_csv
    # the chair's page shows the public tally; there is no per-member vote to show
    assert client_for(world.users[Role.CHAIR]).get(f"/proposals/ballots/{ballot.pk}/close/").status_code == 200


def test_a_ballot_with_votes_cannot_become_secret(world, client_for):
    meeting = held(world, present=6)
    _, ballot = voting_proposal(world, meeting=meeting)
    fund_services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="approve")
    resp = client_for(world.users[Role.CHAIR]).post(
        f"/emeetings/{meeting.pk}/", {"action": "secret", "ballot": ballot.pk}
    )
    assert resp.status_code == 400 and "มีผู้ลงมติแล้ว" in resp.content.decode()
    assert not secret.is_secret(ballot)


def test_an_ineligible_member_still_cannot_vote_in_secret(world, client_for):
    _, _, ballot = _secret_ballot(world, client_for)
    resp = client_for(world.other_users[Role.MEMBER]).post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"})
    assert resp.status_code == 404
    assert not SecretReceipt.objects.exists()


def test_an_open_secret_ballot_shows_the_running_count_but_not_who_chose_what(world, client_for):
    _, _, ballot = _secret_ballot(world, client_for)
    s = world.seats["own"]
    url = f"/proposals/ballots/{ballot.pk}/"
    # the member votes over htmx: the panel says they voted (never what), the count moves, no buttons to vote again
    resp = client_for(world.users[Role.MEMBER]).post(url, {"choice": "reject"}, HTTP_HX_REQUEST="true")
    panel = resp.content.decode()
    assert resp.status_code == 200 and 'data-testid="vote-panel"' in panel and "<html" not in panel
    assert "ท่านลงคะแนนลับแล้ว" in panel and 'name="choice"' not in panel
    assert "ไม่เห็นชอบ" not in panel  # the member's own choice is not shown back either
    turnout = panel.split('data-testid="turnout">')[1].split("</p>")[0]
    assert "ลงมติแล้ว 1 / " in turnout
    client_for(world.users[Role.CHAIR]).post(url, {"choice": "approve"}, HTTP_HX_REQUEST="true")
    # another member's page: the count, and the buttons
    page = client_for(world.users[Role.SECRETARIAT]).get(url).content.decode()
    assert "ลงมติแล้ว 2 / " in page
    # the chair's running tally: counts per choice, how many voted, no list of who voted what
    close = client_for(world.users[Role.CHAIR]).get(f"{url}close/").content.decode()
    tally = close.split('data-testid="tally">')[1].split("</table>")[0]
    assert ">1</td>" in tally.split("เห็นชอบ</td>")[1].split("</tr>")[0]
    assert ">1</td>" in tally.split("ไม่เห็นชอบ</td>")[1].split("</tr>")[0]
    assert "ลงมติแล้ว 2 คน" in close and 'data-testid="secret-ballot"' in close
    assert 'data-testid="votes"' not in close and s["member"].full_name not in close
