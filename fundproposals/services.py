"""Writes to fund proposals. Each: keyword-only, explicit actor, one transaction, full_clean, audit.

State changes go through ``core.workflow.fire`` with ``PROPOSAL_WORKFLOW``; the
ballot services lock rows in one order (proposal, then ballot) so casting and
closing can run at the same time without deadlocks or lost votes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import ledger.services  # ledger hook (issue 15)
from core import audit, thaidate
from core.workflow import fire
from emeetings import secret  # secret-vote hook (issue 15)
from fundproposals import selectors
from fundproposals.choices import (
    FUNDED_DECISIONS,
    PASSING_DECISIONS,
    BallotMode,
    BallotState,
    Decision,
    FundDecision,
    ProjectKind,
    VoteChoice,
)
from fundproposals.models import (
    Activity,
    Attachment,
    Ballot,
    BudgetLine,
    ProjectCodeCounter,
    Proposal,
    ProposalPillar,
    ProposalRevision,
    Review,
    Vote,
)
from fundproposals.permissions import (
    can_add_photo,
    can_close_ballot,
    can_create_proposal,
    can_edit_proposal,
    can_review_proposal,
    proposable_province_ids,
)
from fundproposals.tally import CastingVoteInvalid, Tally, count
from fundproposals.validation import ceiling_problem, dates_problem, location_problem, money
from fundproposals.workflow import PROPOSAL_WORKFLOW, roles_on

VOTE_CLOSED = "การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"
VOTE_PAST_DEADLINE = "พ้นกำหนดเวลาลงมติแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"
SECOND_REVIEW = "ท่านได้ให้ความเห็นต่อโครงการนี้แล้ว (อนุกรรมการหนึ่งท่านให้ความเห็นได้หนึ่งครั้งต่อโครงการ)"

# Fields of the form (กปค.01) a proposer edits; the rest belong to the workflow.
FORM_FIELDS = [
    "title",
    "organisation",
    "organisation_type",
    "responsible_name",
    "responsible_position",
    "responsible_phone",
    "fiscal_year",
    "kind",
    "previous_project",
    "rationale",
    "objectives",
    "targets",
    "target_group",
    "target_count",
    "district_code",
    "district_name",
    "subdistrict_code",
    "subdistrict_name",
    "start_date",
    "end_date",
    "total_budget",
    "requested_amount",
    "cofunding_amount",
    "cofunding_source",
    "fund_need",
    "staffing",
    "indicators",
    "evaluation",
    "expected_results",
]

# The subcommittee's decision on a proposal, in the meetings' resolution vocabulary.
RESOLUTION_OUTCOME = {
    Decision.APPROVE: "approved",
    Decision.IN_PRINCIPLE: "approved_in_principle",
    Decision.MORE_INFO: "more_details",
    Decision.REJECT: "not_approved",
}


class CastingVoteNeeded(ValidationError):
    """The leading decisions are tied: the chair must give the casting vote to close."""

    def __init__(self, tally: Tally):
        self.tally = tally
        labels = " และ ".join(Decision(d).label for d in tally.leading)
        super().__init__(f"คะแนนเสียงเท่ากัน ({labels}) ประธานต้องออกเสียงชี้ขาด")


def project_name(proposal: Proposal) -> str:
    """``โครงการ…`` once, whether or not the title already starts with the word."""
    return proposal.title if proposal.title.startswith("โครงการ") else f"โครงการ{proposal.title}"


def _fire(*, actor, proposal_pk: int, name: str, context: dict[str, Any] | None = None) -> Proposal:
    return fire(
        workflow=PROPOSAL_WORKFLOW,
        model=Proposal,
        pk=proposal_pk,
        name=name,
        actor=actor,
        roles_for=lambda p: roles_on(actor, p),
        province_for=lambda p: p.province,
        context=context,
    )


# --- the form -------------------------------------------------------------


def create_proposal(*, actor, province, fiscal_year: int, title: str) -> Proposal:
    """Start a draft in a province where the actor may propose (the owner is the actor)."""
    if not can_create_proposal(actor) or province.pk not in proposable_province_ids(actor):
        raise PermissionDenied("ท่านไม่มีสิทธิ์เสนอโครงการในจังหวัดนี้")
    with transaction.atomic():
        proposal = Proposal(province=province, fiscal_year=fiscal_year, title=title, proposer=actor)
        proposal.full_clean()
        proposal.save()
        audit.record(
            actor=actor,
            action="proposal.create",
            target=proposal,
            province=province,
            changes=audit.diff({}, {"title": title, "fiscal_year": fiscal_year}),
        )
    return proposal


def _check_form_values(proposal: Proposal) -> None:
    errors = {}
    if p := dates_problem(proposal.start_date, proposal.end_date):
        errors["end_date"] = p
    if p := ceiling_problem(proposal.requested_amount):
        errors["requested_amount"] = p
    if p := location_problem(proposal.province.code, proposal.district_code, proposal.subdistrict_code):
        errors["subdistrict_code" if "ตำบล" in p else "district_code"] = p
    if proposal.kind == ProjectKind.NEW and proposal.previous_project_id:
        proposal.previous_project = None
    if errors:
        raise ValidationError(errors)


def update_proposal(
    *,
    actor,
    proposal: Proposal,
    fields: dict[str, Any] | None = None,
    pillars: list[str] | None = None,
    activities: list[dict[str, Any]] | None = None,
    budget_lines: list[dict[str, Any]] | None = None,
) -> Proposal:
    """Save a section of the draft (any time; the full rules are checked on submission).

    Lists given replace the draft's rows; the submitted versions are kept as revisions.
    """
    with transaction.atomic():
        locked = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal.pk)
        verdict = can_edit_proposal(actor, locked)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        before = snapshot(locked)
        for name, value in (fields or {}).items():
            if name not in FORM_FIELDS:
                raise ValueError(f"not a form field: {name}")
            setattr(locked, name, value)
        if locked.district_code:
            import geothai

            d = geothai.district(locked.district_code)
            locked.district_name = d.name_th if d else ""
            s = geothai.subdistrict(locked.subdistrict_code) if locked.subdistrict_code else None
            locked.subdistrict_name = s.name_th if s else ""
        _check_form_values(locked)
        locked.full_clean()
        locked.save()
        if pillars is not None:
            locked.pillar_rows.exclude(pillar__in=pillars).delete()
            for p in pillars:
                ProposalPillar.objects.get_or_create(proposal=locked, pillar=p)
        if activities is not None:
            locked.activities.all().delete()
            for i, row in enumerate(activities, start=1):
                a = Activity(proposal=locked, order=i, **row)
                a.full_clean()
                a.save()
        if budget_lines is not None:
            locked.budget_lines.all().delete()
            for i, row in enumerate(budget_lines, start=1):
                line = BudgetLine(proposal=locked, order=i, **row)
                line.full_clean()
                line.save()
        changes = audit.diff(before, snapshot(locked))
        if changes:
            audit.record(
                actor=actor, action="proposal.update", target=locked, province=locked.province, changes=changes
            )
    return locked


def add_attachment(*, actor, proposal: Proposal, upload, info, kind: str = "document") -> Attachment:
    """Attach a file already checked by ``core.uploads.validate_upload`` (``info``)."""
    from core.uploads import fill_stored_file

    verdict = can_add_photo(actor, proposal) if kind == "photo" else can_edit_proposal(actor, proposal)
    if not verdict:
        raise PermissionDenied(verdict.reason)
    if kind == "photo" and info.kind not in ("jpg", "png"):
        raise ValidationError("ภาพผลการดำเนินงานต้องเป็นไฟล์รูปภาพ jpg หรือ png")
    with transaction.atomic():
        att = Attachment(proposal=proposal, kind=kind, uploaded_by=actor)
        fill_stored_file(att, upload, info)
        att.full_clean()
        att.save()
        audit.record(
            actor=actor,
            action="proposal.attach",
            target=proposal,
            province=proposal.province,
            changes={"attachment": [None, att.display_name]},
        )
    return att


# --- submission and the secretariat's check --------------------------------


def snapshot(proposal: Proposal) -> dict[str, Any]:
    """The whole form as JSON: what a revision keeps and what the comparison shows."""
    data = audit.snapshot(proposal, [f for f in FORM_FIELDS if f != "previous_project"])
    data["previous_project"] = str(proposal.previous_project) if proposal.previous_project_id else None
    data["pillars"] = sorted(proposal.pillar_rows.values_list("pillar", flat=True))
    data["activities"] = [
        {"name": a.name, "period": a.period, "cost": str(a.cost)} for a in proposal.activities.order_by("order", "id")
    ]
    data["budget_lines"] = [
        {"item": b.item, "amount": str(b.amount)} for b in proposal.budget_lines.order_by("order", "id")
    ]
    data["attachments"] = list(proposal.attachments.order_by("id").values_list("display_name", flat=True))
    return data


def next_project_code(province, fiscal_year: int) -> str:
    """``ปคม/2567/ยะลา/0001``: the province's next running number for the year (row-locked counter)."""
    counter, _ = ProjectCodeCounter.objects.select_for_update().get_or_create(
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


# --- reviews ------------------------------------------------------------


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
        raise ValidationError({"conflict_reason": "กรุณาระบุเหตุแห่งส่วนได้เสีย"})
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


# --- tabling and ballots ---------------------------------------------------


def table(*, actor, proposal: Proposal, meeting) -> Proposal:
    """Put the proposal on the meeting's agenda as a sub-item of section 5 (เรื่องเพื่อพิจารณา).

    ``add_agenda_item`` adds the section when the agenda lacks it and numbers the item 5.n.
    """
    from meetings.choices import SectionType
    from meetings.services import add_agenda_item

    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        verdict = PROPOSAL_WORKFLOW.check(locked, "table", roles_on(actor, locked), {"meeting": meeting})
        if not verdict:
            raise ValidationError(verdict.reason)
        item = add_agenda_item(
            actor=actor,
            meeting=meeting,
            section_type=SectionType.FOR_CONSIDERATION,
            title=f"พิจารณา{project_name(locked)} ({locked.code}) ขอรับการสนับสนุนจากกองทุน"[:500],
            description=(
                f"{locked.organisation} เสนอโครงการตามแบบ {settings.FUND_FORM_CODE} "
                f"ขอรับการสนับสนุนจากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์ {money(locked.requested_amount)}"
            ),
            presenter="ฝ่ายเลขานุการ",
        )
        _carry_conflicts(actor=actor, proposal=locked, agenda_item=item)
        return _fire(
            actor=actor,
            proposal_pk=locked.pk,
            name="table",
            context={
                "meeting": meeting,
                "fields": {"agenda_item": item},
                "reason": f"{meeting} ระเบียบวาระที่ {item.number}",
            },
        )


def _carry_conflicts(*, actor, proposal: Proposal, agenda_item) -> None:
    """Conflicts declared in reviews become the agenda item's conflicts, so the minutes and quorum know them."""
    from meetings.models import ConflictOfInterest
    from meetings.services import declare_conflict

    if agenda_item.meeting.state in ("adopted", "cancelled"):
        return  # the meeting is over; the review's own declaration still keeps the member from voting
    known = set(ConflictOfInterest.objects.filter(agenda_item=agenda_item).values_list("member_id", flat=True))
    for review in proposal.reviews.filter(has_conflict=True).select_related("member"):
        if review.member_id not in known:
            declare_conflict(actor=actor, agenda_item=agenda_item, member=review.member, reason=review.conflict_reason)


def _new_ballot(*, actor, proposal: Proposal, mode: str, agenda_item=None, deadline=None) -> Ballot:
    ballot = Ballot(proposal=proposal, mode=mode, agenda_item=agenda_item, deadline=deadline, opened_by=actor)
    ballot.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:
        raise ValidationError("โครงการนี้มีการลงมติที่เปิดอยู่แล้ว") from None
    audit.record(
        actor=actor,
        action="ballot.open",
        target=proposal,
        province=proposal.province,
        changes={"ballot": [None, ballot.get_mode_display()]},
    )
    return ballot


def circulate(*, actor, proposal: Proposal, deadline: dt.datetime) -> Ballot:
    """Open a vote by circulation (เวียนมติ) among all current members until ``deadline``."""
    with transaction.atomic():
        locked = _fire(
            actor=actor,
            proposal_pk=proposal.pk,
            name="circulate",
            context={"deadline": deadline, "reason": f"ลงมติได้ถึง {thaidate.format_datetime(deadline)}"},
        )
        return _new_ballot(actor=actor, proposal=locked, mode=BallotMode.CIRCULATION, deadline=deadline)


def open_meeting_ballot(*, actor, proposal: Proposal) -> Ballot:
    """The chair opens the vote on the proposal's agenda item; members present may vote."""
    with transaction.atomic():
        locked = _fire(actor=actor, proposal_pk=proposal.pk, name="open_vote")
        return _new_ballot(actor=actor, proposal=locked, mode=BallotMode.MEETING, agenda_item=locked.agenda_item)


def eligibility_problem(actor, ballot: Ballot, seat, electorate) -> str | None:
    if seat is None:
        return "ท่านไม่ใช่อนุกรรมการของจังหวัดนี้ จึงไม่มีสิทธิ์ลงมติ"
    if seat.pk in electorate.conflicted:
        return "ท่านได้แจ้งว่ามีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ"
    if seat.pk not in electorate.present:
        return "ท่านไม่ได้อยู่ในที่ประชุม จึงไม่มีสิทธิ์ลงมติในเรื่องนี้"
    return None


def cast_vote(*, actor, ballot_id: int, choice: str) -> Vote:
    """Cast or change the actor's vote; refused once the ballot is closed.

    The ballot row is locked for the write, so a vote and the close are
    ordered: a vote either lands before the close (and is counted) or sees
    the closed ballot and is refused. The unique (ballot, member) constraint
    makes a double submission change the one row instead of adding another.
    """
    if choice not in VoteChoice.values:
        raise ValidationError("กรุณาเลือกมติ")
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
        if ballot.state != BallotState.OPEN:
            raise ValidationError(VOTE_CLOSED)
        if ballot.deadline and timezone.now() >= ballot.deadline:
            raise ValidationError(VOTE_PAST_DEADLINE)
        proposal = Proposal.objects.select_related("province").get(pk=ballot.proposal_id)
        seat = selectors.member_seat(actor, proposal.province_id)
        problem = eligibility_problem(actor, ballot, seat, selectors.electorate(ballot))
        if problem:
            raise PermissionDenied(problem)
        if secret.is_secret(ballot):  # secret-vote hook (issue 15)
            return secret.cast(actor=actor, ballot=ballot, seat=seat, choice=choice, proposal=proposal)
        before = Vote.objects.filter(ballot=ballot, member=seat).values_list("choice", flat=True).first()
        vote, _ = Vote.objects.update_or_create(
            ballot=ballot, member=seat, defaults={"choice": choice, "cast_by": actor}
        )
        ledger.services.append(kind="vote", record=vote, actor=actor)  # ledger hook (issue 15)
        if before != choice:
            audit.record(
                actor=actor,
                action="ballot.vote",
                target=proposal,
                province=proposal.province,
                changes={"vote": [before, choice]},
            )
    return vote


def preview(ballot: Ballot) -> tuple[Tally, Any, Any]:
    """The tally and quorum as they would be if the ballot closed now (for the chair's page)."""
    electorate = selectors.electorate(ballot)
    counted = [v for v in ballot.votes.all() if v.member_id in electorate.eligible]
    return count(v.choice for v in counted), _quorum(ballot, electorate, counted), electorate


def _quorum(ballot: Ballot, electorate, counted: list[Vote]):
    from meetings.quorum import quorum

    members = electorate.members
    conflicted = electorate.conflicted & members
    if ballot.mode == BallotMode.MEETING:
        present = electorate.present & members
        return quorum(
            current_members=len(members),
            present=len(present),
            recused_present=len(conflicted & present),
            recused_absent=len(conflicted - present),
        )
    # circulation: the members who answered by the deadline count as present
    answered = {v.member_id for v in counted}
    return quorum(current_members=len(members), present=len(answered), recused_absent=len(conflicted))


def _result_text(proposal: Proposal, ballot: Ballot, tally: Tally, q, amount) -> str:
    who = (
        f"คณะอนุกรรมการ (เวียนมติ ปิดเมื่อ {thaidate.format_datetime(ballot.closed_at)}) "
        if ballot.mode == BallotMode.CIRCULATION
        else "ที่ประชุม"
    )
    head = f"{who}พิจารณา{project_name(proposal)} ({proposal.code}) ของ{proposal.organisation or 'ผู้เสนอ'}"
    votes = f"ผลการลงมติ: {tally.text()} (ผู้มีสิทธิ์ลงมติ {ballot.eligible_count} คน องค์ประชุม {q.present}/{q.required} คน)"
    if not q.met:
        return f"{head} แต่องค์ประชุมไม่ครบ (มี {q.present} คน ต้องมีอย่างน้อย {q.required} คน) จึงไม่อาจลงมติได้ {votes}"
    if not tally.result:
        return f"{head} ไม่มีมติ เนื่องจากไม่มีผู้ลงมติเลือกข้อใด {votes}"
    label = Decision(tally.result).label
    text = f"{head} แล้ว มีมติ{label}"
    if tally.result in PASSING_DECISIONS and amount is not None:
        text += f" วงเงิน {money(amount)}"
    text += f" {votes}"
    if tally.casting_vote:
        tied = " และ ".join(Decision(d).label for d in tally.leading)
        text += f" เนื่องจากคะแนนเสียงเท่ากัน ({tied}) ประธานจึงออกเสียงชี้ขาดให้{label}"
    return text


def close_ballot(*, actor, ballot_id: int, casting_vote: str = "", recommended_amount: Decimal | None = None) -> Ballot:
    """Close the ballot, count it, and record the result (the resolution of its agenda item).

    ``actor`` None is the deadline sweep (circulated votes only). A tie
    between the leading decisions raises ``CastingVoteNeeded`` until the chair
    gives ``casting_vote``.
    """
    with transaction.atomic():
        proposal_id = Ballot.objects.values_list("proposal_id", flat=True).get(pk=ballot_id)
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("province").get(pk=proposal_id)
        ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
        ballot.proposal = proposal
        if ballot.state != BallotState.OPEN:
            raise ValidationError("การลงมตินี้ปิดไปแล้ว")
        if actor is None:
            if ballot.mode != BallotMode.CIRCULATION or timezone.now() < ballot.deadline:
                raise ValidationError("ปิดการลงมติอัตโนมัติได้เฉพาะการเวียนมติที่ถึงกำหนดเวลาแล้ว")
        else:
            verdict = can_close_ballot(actor, ballot)
            if not verdict:
                raise PermissionDenied(verdict.reason)
        electorate = selectors.electorate(ballot)
        counted = [v for v in ballot.votes.all() if v.member_id in electorate.eligible]
        counted = secret.counted(ballot) if secret.is_secret(ballot) else counted  # secret-vote hook (issue 15)
        q = _quorum(ballot, electorate, counted)
        try:
            tally = count((v.choice for v in counted), casting_vote=casting_vote if q.met else "")
        except CastingVoteInvalid as exc:
            raise ValidationError(str(exc)) from None
        if q.met and tally.needs_casting_vote:
            raise CastingVoteNeeded(tally)
        if tally.result in PASSING_DECISIONS and q.met:
            amount = recommended_amount if recommended_amount is not None else proposal.requested_amount
            if amount is not None and proposal.requested_amount is not None and amount > proposal.requested_amount:
                raise ValidationError(f"วงเงินที่เห็นชอบต้องไม่เกินเงินที่ขอรับการสนับสนุน {money(proposal.requested_amount)}")
        else:
            amount = None
        ballot.state = BallotState.CLOSED
        ballot.closed_at = timezone.now()
        ballot.closed_by = actor
        ballot.eligible_count = len(electorate.eligible)
        ballot.present_count = q.present
        ballot.quorum_required = q.required
        ballot.quorum_met = q.met
        ballot.tally = tally.as_json()
        ballot.result = tally.result if q.met else ""
        ballot.casting_vote = tally.casting_vote if q.met else ""
        ballot.result_text = _result_text(proposal, ballot, tally, q, amount)
        ballot.full_clean(validate_constraints=False)
        ballot.save()
        ledger.services.append(kind="ballot", record=ballot, actor=actor)  # ledger hook (issue 15)
        if ballot.agenda_item_id:
            outcome = RESOLUTION_OUTCOME.get(ballot.result, "deferred")
            _record_resolution(actor=actor, agenda_item=ballot.agenda_item, outcome=outcome, text=ballot.result_text)
        name = "close_vote" if ballot.result else "void_vote"
        _fire(
            actor=actor,
            proposal_pk=proposal.pk,
            name=name,
            context={"ballot": ballot, "recommended_amount": amount, "reason": ballot.result_text},
        )
    return ballot


def _record_resolution(*, actor, agenda_item, outcome: str, text: str) -> None:
    """The closed ballot becomes the agenda item's resolution (มติที่ประชุม), so it appears in the minutes."""
    from meetings import services as meeting_services

    meeting_services.record_resolution(actor=actor, agenda_item=agenda_item, outcome=outcome, text=text)


def close_due_ballots() -> int:
    """Close every circulated vote whose deadline has passed (a tie waits for the chair)."""
    closed = 0
    due = Ballot.objects.filter(
        state=BallotState.OPEN, mode=BallotMode.CIRCULATION, deadline__lte=timezone.now()
    ).values_list("pk", flat=True)
    for pk in list(due):
        try:
            close_ballot(actor=None, ballot_id=pk)
        except CastingVoteNeeded:
            continue
        except ValidationError:
            continue
        closed += 1
    return closed


# --- after the resolution ----------------------------------------------------


def forward(*, actor, proposal: Proposal, note: str = "") -> Proposal:
    return _fire(actor=actor, proposal_pk=proposal.pk, name="forward", context={"reason": note})


def record_fund_decision(
    *, actor, proposal: Proposal, decision: str, approved_amount: Decimal | None, decided_on: dt.date, note: str = ""
) -> Proposal:
    if decision in FUNDED_DECISIONS:
        if approved_amount is None:
            raise ValidationError({"approved_amount": "กรุณาระบุวงเงินที่กองทุนอนุมัติ"})
        if proposal.requested_amount is not None and approved_amount > proposal.requested_amount:
            raise ValidationError(
                {"approved_amount": f"วงเงินที่อนุมัติต้องไม่เกินเงินที่ขอรับการสนับสนุน {money(proposal.requested_amount)}"}
            )
    else:
        approved_amount = None
    fields = {
        "fund_decision": decision,
        "fund_approved_amount": approved_amount,
        "fund_decided_on": decided_on,
        "fund_note": note,
    }
    with transaction.atomic():
        proposal = _fire(
            actor=actor,
            proposal_pk=proposal.pk,
            name="fund_decision",
            context={"fields": fields, "reason": f"{FundDecision(decision).label} {note}".strip()},
        )
        ledger.services.append(kind="fund_decision", record=proposal, actor=actor)  # ledger hook (issue 15)
    return proposal


def record_contract(
    *, actor, proposal: Proposal, number: str, signed_on: dt.date, amount: Decimal, months: int
) -> Proposal:
    if proposal.fund_approved_amount is not None and amount > proposal.fund_approved_amount:
        raise ValidationError({"amount": f"วงเงินตามสัญญาต้องไม่เกินวงเงินที่กองทุนอนุมัติ {money(proposal.fund_approved_amount)}"})
    fields = {
        "contract_number": number,
        "contract_date": signed_on,
        "contract_amount": amount,
        "contract_months": months,
    }
    return _fire(
        actor=actor,
        proposal_pk=proposal.pk,
        name="contract",
        context={"fields": fields, "reason": f"สัญญาเลขที่ {number}"},
    )


def record_report(
    *,
    actor,
    proposal: Proposal,
    activities: str,
    people_reached: int,
    received: Decimal,
    spent: Decimal,
    returned: Decimal,
    problems: str = "",
    suggestions: str = "",
) -> Proposal:
    if spent > received:
        raise ValidationError({"spent": "งบประมาณที่ใช้จริงต้องไม่เกินงบประมาณที่ได้รับ"})
    if received - spent != returned:
        raise ValidationError({"returned": f"งบประมาณคงเหลือส่งคืนต้องเท่ากับงบที่ได้รับหักงบที่ใช้จริง คือ {money(received - spent)}"})
    fields = {
        "report_activities": activities,
        "report_people_reached": people_reached,
        "report_budget_received": received,
        "report_budget_spent": spent,
        "report_budget_returned": returned,
        "report_problems": problems,
        "report_suggestions": suggestions,
        "reported_on": timezone.localdate(),
    }
    return _fire(actor=actor, proposal_pk=proposal.pk, name="report", context={"fields": fields})
