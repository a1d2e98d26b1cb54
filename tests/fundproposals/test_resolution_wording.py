"""A vote's resolution reads as the room's words in the minutes (issue 11).

Attendance and quorum belong to the minutes' attendance part; a resolution
says what the room decided and by how many votes, nothing more.
"""

import datetime as dt

from django.utils import timezone

from committees.choices import Role
from fundproposals import services
from fundproposals.models import Ballot, Vote
from meetings.models import Resolution
from tests.factories import MemberFactory, UserFactory
from tests.fundproposals.helpers import circulating_proposal, seats, voting_proposal


def test_a_meeting_vote_reads_as_the_rooms_resolution_without_quorum_figures(world, client_for):
    p, ballot = voting_proposal(world)
    s = seats(world)
    for member, choice in zip(s[1:5], ["approve", "approve", "reject", "abstain"], strict=True):
        Vote.objects.create(ballot=ballot, member=member, choice=choice, cast_by=world.users[Role.CHAIR])
    chair = client_for(world.users[Role.CHAIR])
    assert chair.post(f"/proposals/ballots/{ballot.pk}/close/", {"recommended_amount": "45000"}).status_code == 302
    text = Resolution.objects.get(agenda_item=ballot.agenda_item).text
    assert text.startswith("ที่ประชุมพิจารณา")
    assert text.endswith(
        "แล้ว มีมติเห็นชอบ วงเงิน 45,000.00 บาท (สี่หมื่นห้าพันบาทถ้วน) "
        "ด้วยคะแนนเสียง เห็นชอบ 2 เสียง เห็นชอบในหลักการ 0 เสียง ขอรายละเอียดเพิ่มเติม 0 เสียง "
        "ไม่เห็นชอบ 1 เสียง งดออกเสียง 1 เสียง"
    ), text
    for figure in ("องค์ประชุม", "ผู้มีสิทธิ์ลงมติ", "/"):
        assert figure not in text.replace(p.code, "")
    minutes = client_for(world.users[Role.SECRETARIAT]).get(f"/meetings/{ballot.agenda_item.meeting_id}/minutes/")
    assert "ด้วยคะแนนเสียง เห็นชอบ 2 เสียง" in minutes.content.decode()


def test_a_circulated_vote_says_who_answered_since_it_has_no_attendance(world):
    extra = [MemberFactory(subcommittee=world.own_sc, user=UserFactory()) for _ in range(2)]
    _p, ballot = circulating_proposal(world)  # 8 members: 4 answers needed
    users = [world.users[Role.CHAIR], world.users[Role.MEMBER], extra[0].user, extra[1].user]
    for user, choice in zip(users, ["approve", "approve", "approve", "abstain"], strict=True):
        services.cast_vote(actor=user, ballot_id=ballot.pk, choice=choice)
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    services.close_due_ballots()
    ballot.refresh_from_db()
    text = ballot.result_text
    assert text.startswith("คณะอนุกรรมการ (เวียนมติ ปิดเมื่อ ") and "มีมติเห็นชอบ" in text
    assert "ด้วยคะแนนเสียง เห็นชอบ 3 เสียง" in text and "งดออกเสียง 1 เสียง" in text
    assert text.endswith(f"(ตอบกลับ 4 คน จากผู้มีสิทธิ์ลงมติ {ballot.eligible_count} คน)")
    assert "องค์ประชุม" not in text
