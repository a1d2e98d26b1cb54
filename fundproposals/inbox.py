"""What fund proposals put in a person's inbox (see ``inbox.registry``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import Role
from committees.models import Member
from fundproposals.choices import BallotMode, BallotState, ProposalState
from fundproposals.models import Ballot, Proposal, Review, Vote
from inbox.registry import Waiting, ids, register


def _list(state: str):
    return lambda pk: (
        reverse("fundproposals:detail", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state={state}"
    )


def _to_check(p):
    return Proposal.objects.filter(province_id__in=p["provinces"], state=ProposalState.SUBMITTED).order_by(
        "submitted_at", "pk"
    )


def _my_seats(p):
    return Member.objects.current(on=p["today"]).filter(user_id=p["user"])


def _to_review(p):
    return (
        Proposal.objects.filter(province_id__in=p["provinces"], state=ProposalState.UNDER_REVIEW)
        .exclude(Exists(Review.objects.filter(proposal=OuterRef("pk"), member__in=_my_seats(p))))
        .order_by("pk")
    )


def _open_to_me(p):
    return (
        Ballot.objects.filter(state=BallotState.OPEN, province_id__in=p["provinces"])
        .exclude(Exists(Vote.objects.filter(ballot=OuterRef("pk"), member__in=_my_seats(p))))
        .order_by("deadline", "pk")
    )


def _tied(p):
    # a circulated vote still open after its deadline is one the sweep could not close: a tie
    return Ballot.objects.filter(
        state=BallotState.OPEN,
        mode=BallotMode.CIRCULATION,
        deadline__lte=p["now"],
        province_id__in=p["provinces"],
    ).order_by("deadline", "pk")


def _returned(p):
    return Proposal.objects.filter(proposer_id=p["user"], state=ProposalState.RETURNED).order_by("pk")


@register
def proposal_items(user) -> list[Waiting]:
    access = user.access
    out: list[Waiting] = []
    secretariat = access.province_ids(Role.SECRETARIAT)
    if secretariat:
        out.append(
            Waiting(
                "proposals_to_check",
                _("โครงการรอตรวจความครบถ้วน"),
                _to_check,
                {"provinces": ids(secretariat)},
                _list("submitted"),
                first=True,
                icon="clipboard-check",
                order=10,
            )
        )
    member_provinces = access.province_ids(Role.MEMBER)
    if member_provinces:
        mine = {"provinces": ids(member_provinces), "user": user.pk, "today": timezone.localdate()}
        out.append(
            Waiting(
                "reviews_asked",
                _("โครงการที่ขอความเห็นจากท่าน"),
                _to_review,
                mine,
                _list("under_review"),
                first=True,
                icon="chat-square-text",
                order=20,
            )
        )
        out.append(
            Waiting(
                "votes_open",
                _("การลงมติที่รอท่าน"),
                _open_to_me,
                mine,
                _vote_url,
                first=True,
                earliest="deadline",
                icon="check2-square",
                tone="success",
                order=5,
            )
        )
    chair = access.province_ids(Role.CHAIR)
    if chair:
        out.append(
            Waiting(
                "casting_vote",
                _("คะแนนเสียงเท่ากัน รอประธานชี้ขาด"),
                _tied,
                {"provinces": ids(chair), "now": timezone.now()},
                _close_url,
                first=True,
                icon="hammer",
                tone="danger",
                order=1,
            )
        )
    if Role.PROPOSER in access.all_roles:
        out.append(
            Waiting(
                "returned",
                _("โครงการของท่านที่ส่งกลับให้ปรับปรุง"),
                _returned,
                {"user": user.pk},
                _list("returned"),
                first=True,
                icon="arrow-return-left",
                tone="warning",
                order=15,
            )
        )
    return out


def _vote_url(pk):
    return reverse("fundproposals:vote", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state=voting"


def _close_url(pk):
    return reverse("fundproposals:close", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state=voting"
