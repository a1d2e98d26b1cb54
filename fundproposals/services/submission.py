"""Submission, the secretariat's completeness check and members' reviews."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from fundproposals import selectors
from fundproposals.models import (
    ProjectCodeCounter,
    Proposal,
    ProposalRevision,
    Review,
)
from fundproposals.permissions import (
    can_review_proposal,
)
from fundproposals.services.common import _fire, snapshot
from fundproposals.validation import money

SECOND_REVIEW = "ท่านได้ให้ความเห็นต่อโครงการนี้แล้ว (อนุกรรมการหนึ่งท่านให้ความเห็นได้หนึ่งครั้งต่อโครงการ)"


def next_project_code(province, fiscal_year: int) -> str:
    """``ปคม/2567/ยะลา/0001``: the province's next running number for the year (row-locked counter)."""
    counter, _created = ProjectCodeCounter.objects.select_for_update().get_or_create(
        province=province, fiscal_year=fiscal_year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{settings.FUND_PROJECT_CODE_PREFIX}/{fiscal_year}/{province.name_th}/{counter.last:04d}"


def stamp_submission(proposal: Proposal, actor) -> None:
    """Effect of submit/resubmit (inside the workflow's transaction): code, date received, revision."""
    if not proposal.code:
        proposal.code = next_project_code(proposal.province, proposal.fiscal_year)
    proposal.submitted_at = timezone.now()
    proposal.received_on = timezone.localdate()
    proposal.revision += 1
    ProposalRevision.objects.create(
        proposal=proposal, number=proposal.revision, data=snapshot(proposal), submitted_by=actor
    )
    from fundproposals.tasks import notify_submitted

    pk = proposal.pk
    transaction.on_commit(lambda: notify_submitted.delay(pk))


def submit(*, actor, proposal: Proposal) -> Proposal:
    """Send the proposal (or its revision) to the province's secretariat."""
    name = "resubmit" if proposal.state == "returned" else "submit"
    return _fire(actor=actor, proposal_pk=proposal.pk, name=name)


def fire_simple(*, actor, proposal: Proposal, name: str, reason: str = "") -> Proposal:
    """Steps that need nothing but (sometimes) a reason: return, withdraw, forward …"""
    if name in ("submit", "resubmit"):
        return submit(actor=actor, proposal=proposal)
    return _fire(actor=actor, proposal_pk=proposal.pk, name=name, context={"reason": reason})


def accept(*, actor, proposal: Proposal, checklist: dict[str, bool], note: str = "") -> Proposal:
    """The completeness check passed: send to member review."""
    return _fire(
        actor=actor,
        proposal_pk=proposal.pk,
        name="accept",
        context={"checklist": checklist, "reason": note, "fields": {"checklist": checklist}},
    )


def return_for_revision(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """Return the proposal to its proposer with the reasons (they are e-mailed once committed)."""
    from fundproposals.tasks import notify_returned

    with transaction.atomic():
        returned = _fire(actor=actor, proposal_pk=proposal.pk, name="return", context={"reason": reason})
        transaction.on_commit(lambda: notify_returned.delay(returned.pk, reason))
    return returned


def add_review(
    *,
    actor,
    proposal: Proposal,
    analysis: str,
    recommendation: str,
    recommended_amount: Decimal | None = None,
    has_conflict: bool = False,
    conflict_reason: str = "",
) -> Review:
    """A member's review; a second review by the same member is refused (and held by the database)."""
    seat = selectors.member_seat(actor, proposal.province_id)
    verdict = can_review_proposal(actor, proposal, seat)
    if not verdict:
        raise PermissionDenied(verdict.reason)
    too_much = recommended_amount is not None and proposal.requested_amount is not None
    if too_much and recommended_amount > proposal.requested_amount:
        raise ValidationError(
            {"recommended_amount": f"วงเงินที่เสนอต้องไม่เกินเงินที่ขอรับการสนับสนุน {money(proposal.requested_amount)}"}
        )
    if has_conflict and not conflict_reason.strip():
        raise ValidationError({"conflict_reason": _("กรุณาระบุเหตุแห่งส่วนได้เสีย")})
    review = Review(
        proposal=proposal,
        member=seat,
        author=actor,
        analysis=analysis,
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        has_conflict=has_conflict,
        conflict_reason=conflict_reason if has_conflict else "",
    )
    if Review.objects.filter(proposal=proposal, member=seat).exists():
        raise ValidationError(SECOND_REVIEW)
    try:
        with transaction.atomic():
            review.full_clean(validate_constraints=False)
            review.save()
            if has_conflict and proposal.agenda_item_id:
                from fundproposals.services.ballots import _carry_conflicts

                _carry_conflicts(actor=actor, proposal=proposal, agenda_item=proposal.agenda_item)
            audit.record(
                actor=actor,
                action="proposal.review",
                target=proposal,
                province=proposal.province,
                changes={"review": [None, review.get_recommendation_display()], "conflict": [None, has_conflict]},
            )
    except IntegrityError:
        raise ValidationError(SECOND_REVIEW) from None
    return review
