"""Who hears of a proposal's events (see ``notifications.registry``).

Messages name the project code only (or the province and fiscal year before a
code exists), never the proposal's content.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.selectors import people_of
from fundproposals.choices import BallotMode, BallotState
from fundproposals.models import Ballot, Proposal, Vote
from notifications.choices import Kind
from notifications.registry import Event, reminder, resolver


def _name(p: Proposal) -> str:
    return (
        _("โครงการรหัส %(code)s") % {"code": p.code}
        if p.code
        else _("โครงการจังหวัด%(name_th)s ปีงบประมาณ %(fiscal_year)s")
        % {"name_th": str(p.province), "fiscal_year": p.fiscal_year}
    )


_PROPOSAL_WORDS = {
    Kind.PROPOSAL_SUBMITTED: gettext_lazy("ยื่นเสนอต่อฝ่ายเลขานุการแล้ว"),
    Kind.PROPOSAL_RETURNED: gettext_lazy("ถูกส่งกลับให้ปรับปรุง"),
    Kind.PROPOSAL_DECIDED: gettext_lazy("คณะอนุกรรมการมีมติแล้ว"),
    Kind.PROPOSAL_FUNDED: gettext_lazy("กองทุนพิจารณาแล้ว"),
}


@resolver(*_PROPOSAL_WORDS)
def proposal_event(kind: str, object_id: int, variant: str) -> Event | None:
    p = Proposal.objects.select_related("province", "proposer").filter(pk=object_id).first()
    if p is None:
        return None
    if kind == Kind.PROPOSAL_SUBMITTED:
        people = list(people_of(p.province_id, members=False))
    elif kind == Kind.PROPOSAL_RETURNED:
        people = [p.proposer]
    else:
        people = [p.proposer, *people_of(p.province_id, members=False)]
    return Event(
        text=f"{_name(p)} {_PROPOSAL_WORDS[kind]}",
        url=reverse("fundproposals:detail", args=[p.pk]),
        recipients=people,
        province_id=p.province_id,
    )


_BALLOT_WORDS = {
    Kind.VOTE_OPENED: gettext_lazy("เปิดให้ลงมติ"),
    Kind.VOTE_DUE: gettext_lazy("ใกล้ครบกำหนดลงมติ (ภายใน 24 ชั่วโมง)"),
    Kind.VOTE_CLOSED: gettext_lazy("ปิดการลงมติแล้ว"),
}


@resolver(*_BALLOT_WORDS)
def ballot_event(kind: str, object_id: int, variant: str) -> Event | None:
    b = Ballot.objects.select_related("proposal__province", "agenda_item__parent").filter(pk=object_id).first()
    if b is None:
        return None
    p = b.proposal
    people = people_of(b.province_id)
    if kind == Kind.VOTE_DUE:
        voted = Vote.objects.filter(ballot=b).values("member__user_id")
        people = people.exclude(pk__in=voted)
    how = _("เวียนมติ") if b.mode == BallotMode.CIRCULATION else _("ลงมติในที่ประชุม")
    subject = _name(p) if p else _("ระเบียบวาระที่ %(number)s") % {"number": b.agenda_item.number}
    return Event(
        text=f"{how} {subject} {_BALLOT_WORDS[kind]}",
        url=reverse("fundproposals:vote", args=[b.pk]),
        recipients=people,
        province_id=b.province_id,
    )


@reminder
def votes_due(now) -> list[tuple[str, int, str]]:
    """Circulated votes closing within 24 hours: remind whoever has not voted, once."""
    due = Ballot.objects.filter(
        state=BallotState.OPEN,
        mode=BallotMode.CIRCULATION,
        deadline__gt=now,
        deadline__lte=now + dt.timedelta(hours=24),
    ).values_list("pk", flat=True)
    return [(Kind.VOTE_DUE, pk, "24h") for pk in due]
