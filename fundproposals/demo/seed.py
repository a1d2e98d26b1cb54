"""One province's demo proposals, and ``load``: what seed_demo calls for the fund proposals app."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fundproposals import services
from fundproposals.choices import (
    BallotMode,
    OrganisationType,
)
from fundproposals.demo.ballots import _after_vote, _ballot, _votes_for
from fundproposals.demo.data import SAMUT_PRAKAN, VOTED, YALA, S
from fundproposals.demo.proposals import _proposal, _reviews, _usable, _walk
from fundproposals.models import Proposal


def _province(
    ctx,
    code,
    specs,
    fiscal_year,
    start,
    meeting,
    district,
    subdistrict,
    *,
    secretariat_name,
    chair_name,
    vote_at_meeting,
):
    users = ctx["users"]
    province = ctx["provinces"][code]
    owner = users["proposer"]
    secretariat, chair, national = users[secretariat_name], users[chair_name], users["national"]
    seats = [m for (c, _i), m in sorted(ctx["seats"].items(), key=lambda kv: kv[0][1]) if c == code]
    made = 0
    for n, spec in enumerate(specs):
        if Proposal.objects.filter(province=province, title=spec[0]).exists():
            continue
        # agencies' proposals in Yala are keyed in by the secretariat on their behalf
        who = owner if spec[2] == OrganisationType.PRIVATE or code == "11" else secretariat
        p, state, extra = _proposal(
            spec,
            province=province,
            fiscal_year=fiscal_year,
            owner=who,
            secretariat=secretariat,
            start=start + dt.timedelta(days=14 * n),
            district=district,
            subdistrict=subdistrict,
        )
        use_meeting = _usable(meeting) and (state == S.TABLED or (vote_at_meeting and state in VOTED))
        _walk(p, state, owner=who, secretariat=secretariat, chair=chair, national=national, at_meeting=use_meeting)
        if state in VOTED | {S.TABLED, S.VOTING, S.UNDER_REVIEW}:
            _reviews(p, seats, secretariat)
        item = None
        if use_meeting:
            from meetings.services import add_agenda_item

            item = add_agenda_item(
                actor=secretariat,
                meeting=meeting,
                section_type="for_consideration",
                title=f"พิจารณา{services.project_name(p)} ({p.code}) ขอรับการสนับสนุนจากกองทุน",
                presenter="ฝ่ายเลขานุการ",
            )
            p.agenda_item = item
            p.save()
        if state in VOTED:
            if item is not None:
                present = sorted(
                    (
                        a.member
                        for a in meeting.attendance.filter(status__in=("present", "stand_in")).select_related("member")
                    ),
                    key=lambda m: m.order,
                )
                ballot = _ballot(
                    p,
                    mode=BallotMode.MEETING,
                    agenda_item=item,
                    opened_by=chair,
                    members=present,
                    choices=_votes_for(p, extra),
                    closed=True,
                )
                from meetings.services import record_resolution

                outcome = services.RESOLUTION_OUTCOME.get(ballot.result, "deferred")
                record_resolution(actor=secretariat, agenda_item=item, outcome=outcome, text=ballot.result_text)
            else:
                _ballot(
                    p,
                    mode=BallotMode.CIRCULATION,
                    agenda_item=None,
                    opened_by=secretariat,
                    members=seats,
                    choices=_votes_for(p, extra),
                    closed=True,
                    deadline=timezone.now() - dt.timedelta(days=30),
                )
            _after_vote(p, state)
        elif state == S.VOTING:
            _ballot(
                p,
                mode=BallotMode.CIRCULATION,
                agenda_item=None,
                opened_by=secretariat,
                members=[s for s in seats if s.user_id is None][:5],
                choices=["approve", "approve", "in_principle", "abstain", "approve"],
                closed=False,
                deadline=timezone.now() + dt.timedelta(days=7),
            )
        elif state == S.TABLED and item is None:
            # no meeting open for agenda items: keep it waiting for one instead
            p.state = S.UNDER_REVIEW
            p.save()
        made += 1
    return made


def load(ctx: dict) -> dict | None:
    meetings = ctx.get("meetings") or {}
    _province(
        ctx,
        "11",
        SAMUT_PRAKAN,
        2564,
        dt.date(2021, 3, 1),
        meetings.get("sp-2-2564"),
        ("1101", "เมืองสมุทรปราการ"),
        ("110101", "ปากน้ำ"),
        secretariat_name="sp-secretariat",
        chair_name="sp-chair",
        vote_at_meeting=True,
    )
    _province(
        ctx,
        "95",
        YALA,
        2567,
        dt.date(2023, 11, 1),
        meetings.get("yala-2566-09-12"),
        ("9501", "เมืองยะลา"),
        ("950101", "สะเตง"),
        secretariat_name="yala-secretariat",
        chair_name="yala-secretariat",  # Yala's chair has no demo account; its votes were circulated
        vote_at_meeting=False,
    )
    return None
