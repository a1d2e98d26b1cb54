"""What fund proposals put in a person's inbox (see ``inbox.registry``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.choices import Role
from committees.models import Member
from core.subqueries import count_of, earliest, first_pk
from fundproposals.choices import BallotMode, BallotState, ProposalState
from fundproposals.models import Ballot, Proposal, Review, Vote
from inbox.registry import Waiting, register


def _list(state: str):
    return lambda pk: (
        reverse("fundproposals:detail", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state={state}"
    )


@register
def proposal_items(user) -> list[Waiting]:
    access = user.access
    out: list[Waiting] = []
    secretariat = access.province_ids(Role.SECRETARIAT)
    if secretariat:
        to_check = Proposal.objects.filter(province_id__in=secretariat, state=ProposalState.SUBMITTED).order_by(
            "submitted_at", "pk"
        )
        out.append(
            Waiting(
                "proposals_to_check",
                _("โครงการรอตรวจความครบถ้วน"),
                count_of(to_check),
                _list("submitted"),
                first=first_pk(to_check),
                icon="clipboard-check",
                order=10,
            )
        )
    member_provinces = access.province_ids(Role.MEMBER)
    if member_provinces:
        my_seats = Member.objects.current().filter(user=user)
        to_review = (
            Proposal.objects.filter(province_id__in=member_provinces, state=ProposalState.UNDER_REVIEW)
            .exclude(Exists(Review.objects.filter(proposal=OuterRef("pk"), member__in=my_seats)))
            .order_by("pk")
        )
        out.append(
            Waiting(
                "reviews_asked",
                _("โครงการที่ขอความเห็นจากท่าน"),
                count_of(to_review),
                _list("under_review"),
                first=first_pk(to_review),
                icon="chat-square-text",
                order=20,
            )
        )
        open_to_me = (
            Ballot.objects.filter(state=BallotState.OPEN, province_id__in=member_provinces)
            .exclude(Exists(Vote.objects.filter(ballot=OuterRef("pk"), member__in=my_seats)))
            .order_by("deadline", "pk")
        )
        out.append(
            Waiting(
                "votes_open",
                _("การลงมติที่รอท่าน"),
                count_of(open_to_me),
                lambda pk: (
                    reverse("fundproposals:vote", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state=voting"
                ),
                first=first_pk(open_to_me),
                deadline=earliest(open_to_me, "deadline"),
                icon="check2-square",
                tone="success",
                order=5,
            )
        )
    chair = access.province_ids(Role.CHAIR)
    if chair:
        # a circulated vote still open after its deadline is one the sweep could not close: a tie
        tied = Ballot.objects.filter(
            state=BallotState.OPEN,
            mode=BallotMode.CIRCULATION,
            deadline__lte=timezone.now(),
            province_id__in=chair,
        ).order_by("deadline", "pk")
        out.append(
            Waiting(
                "casting_vote",
                _("คะแนนเสียงเท่ากัน รอประธานชี้ขาด"),
                count_of(tied),
                lambda pk: (
                    reverse("fundproposals:close", args=[pk]) if pk else f"{reverse('fundproposals:list')}?state=voting"
                ),
                first=first_pk(tied),
                icon="hammer",
                tone="danger",
                order=1,
            )
        )
    if Role.PROPOSER in access.all_roles:
        returned = Proposal.objects.filter(proposer=user, state=ProposalState.RETURNED).order_by("pk")
        out.append(
            Waiting(
                "returned",
                _("โครงการของท่านที่ส่งกลับให้ปรับปรุง"),
                count_of(returned),
                _list("returned"),
                first=first_pk(returned),
                icon="arrow-return-left",
                tone="warning",
                order=15,
            )
        )
    return out
