"""Tabling, circulating, opening a vote, voting on a phone, the secretariat's entries, closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import require
from emeetings import secret  # secret-vote hook (issue 15)
from fundproposals import selectors, services
from fundproposals.choices import Decision, VoteChoice, VoteMethod
from fundproposals.forms import (
    CirculateForm,
    CloseBallotForm,
    HandCountForm,
    OpenBallotForm,
    TableForm,
)
from fundproposals.models import Ballot
from fundproposals.permissions import (
    can_cast_vote,
    can_close_ballot,
    can_fire,
    can_record_votes,
    can_see_votes,
    can_step,
    is_vote_recorder,
)
from fundproposals.views.common import _data, _form_error


@require_http_methods(["GET", "POST"])
def proposal_table(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, "table"))
    from django.db.models import Case, IntegerField, Value, When
    from django.utils import timezone

    from meetings.models import Meeting

    # upcoming meetings of the proposal's subcommittee first (soonest first), then the ones already held
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(subcommittee__province_id=proposal.province_id, state__in=("scheduled", "held"))
        .select_related("subcommittee")
        .annotate(past=Case(When(starts_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("past", "starts_at")
    )
    upcoming = meetings.filter(starts_at__gte=now).first()
    form = TableForm(_data(request), meetings=meetings, initial={"meeting": upcoming.pk} if upcoming else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.table(actor=request.user, proposal=proposal, meeting=form.cleaned_data["meeting"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or [str(exc)])
        else:
            messages.success(request, _("บรรจุโครงการในระเบียบวาระที่ 5 เรื่องเพื่อพิจารณาแล้ว"))
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/table.html", {"p": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def proposal_circulate(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, "circulate"))
    form = CirculateForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            ballot = services.circulate(actor=request.user, proposal=proposal, deadline=form.cleaned_data["deadline"])
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("เปิดการเวียนมติแล้ว"))
            return redirect("fundproposals:vote", pk=ballot.pk)
    return render(request, "fundproposals/circulate.html", {"p": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def ballot_open(request, pk):
    """The chair or the secretariat opens the vote on the item, choosing how the room decides."""
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, "open_vote"))
    verdict = can_fire(request.user, proposal, "open_vote")
    form = OpenBallotForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            ballot = services.open_meeting_ballot(
                actor=request.user, proposal=proposal, method=form.cleaned_data["method"] or VoteMethod.DEVICES
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("เปิดการลงมติแล้ว (%(method)s)") % {"method": ballot.get_method_display()})
            return redirect("fundproposals:close", pk=ballot.pk)
    return render(request, "fundproposals/ballot_open.html", {"p": proposal, "verdict": verdict, "form": form})


VOTE_STYLES = {
    VoteChoice.APPROVE: "btn-success",
    VoteChoice.IN_PRINCIPLE: "btn-outline-success",
    VoteChoice.MORE_INFO: "btn-warning",
    VoteChoice.REJECT: "btn-danger",
    VoteChoice.ABSTAIN: "btn-secondary",
}


def _ballot_context(user, ballot, *, full=True):
    """What the vote panel, the entry sheet and the chair's page show.

    The electorate an entry's service read under the ballot's lock (``ballot.electorate``) is
    reused rather than read again. ``full`` False is the member's vote panel, which shows
    neither the tally nor anyone's name, so neither is computed.
    """
    electorate = getattr(ballot, "electorate", None) or selectors.electorate(ballot)
    see_votes = bool(can_see_votes(user, ballot))
    # the chair's tally and the entry sheet name who is recused and who may vote: those seats come
    # in the same query as the votes
    listed = electorate.eligible | (electorate.conflicted & electorate.members) if see_votes and full else set()
    kept = "votes" in getattr(ballot, "_prefetched_objects_cache", {})  # read and kept by an entry's service
    seats = getattr(ballot, "seats", None)
    if kept and (seats is not None or not listed):
        seats = seats or {}
    elif not full and getattr(ballot, "secret_flag_ids", None):  # a secret vote just cast: it has no vote rows
        seats = selectors.votes_with_seats(ballot, set(), votes=[])
    else:
        seats = selectors.votes_with_seats(ballot, listed)
    if full:
        tally, q, electorate = services.preview(ballot, electorate)
    else:
        tally = q = None
    seat = selectors.member_seat(user, ballot.province_id)
    votes = list(ballot.votes.all())
    my_vote = next((v for v in votes if seat and v.member_id == seat.pk), None)
    cast = can_cast_vote(user, ballot, seat=seat, electorate=electorate)
    counted = services.counted_votes(ballot, electorate)
    ctx = {
        "ballot": ballot,
        "p": ballot.proposal,
        "tally": tally,
        "quorum": q,
        "eligible_count": len(electorate.eligible),
        "voted_count": len(counted),
        "my_vote": my_vote,
        "can_vote": bool(cast),
        "vote_problem": None if cast or not ballot.is_open or ballot.deadline_passed else cast.reason,
        "choices": [(value, label, VOTE_STYLES[value]) for value, label in VoteChoice.choices],
        "see_votes": see_votes,
        "votes": votes if see_votes else [],
        "can_close": bool(can_close_ballot(user, ballot)),
        "can_record": bool(can_record_votes(user, ballot)),
        "hands": services.latest_hand_count(ballot) if ballot.method == VoteMethod.SHOW_OF_HANDS else None,
    }
    if see_votes and full:
        # the chair's tally shows who is recused and (roll call, mixed) who still has no entry
        by_member = {v.member_id: v for v in votes}
        ctx["recused"] = [m for pk, m in seats.items() if pk in electorate.conflicted]
        ctx["entry_rows"] = [
            {"member": m, "vote": by_member.get(pk)} for pk, m in seats.items() if pk in electorate.eligible
        ]
    ctx |= secret.running_count(ballot, seat=seat, electorate=electorate)  # secret-vote hook (issue 15)
    return ctx


@require_http_methods(["GET", "POST"])
def ballot_vote(request, pk):
    """The phone-sized voting page: big buttons, the member's current vote, the count so far."""
    if request.method == "POST":
        # The service reads and locks the ballot itself; only a member of its subcommittee can succeed,
        # so the scoped read (404 for another province's ballot, as for a missing one) is needed only
        # when the vote is refused: the accepted vote costs no second read of the ballot.
        try:
            saved = services.cast_vote(actor=request.user, ballot_id=pk, choice=request.POST.get("choice", ""))
        except (ValidationError, PermissionDenied, Ballot.DoesNotExist) as exc:
            ballot = selectors.ballot_for(request.user, pk)
            msg = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            if request.htmx:
                ctx = _ballot_context(request.user, ballot, full=False) | {"error": msg}
                return render(request, "fundproposals/partials/vote_panel.html", ctx, status=409)
            messages.error(request, msg)
        else:
            if request.htmx:
                # the panel itself says what was recorded; a flash message would wait for the next page
                ctx = _ballot_context(request.user, saved.ballot, full=False) | {"saved": True}
                return render(request, "fundproposals/partials/vote_panel.html", ctx)
            messages.success(
                request, _("บันทึกการลงมติ “%(label)s” แล้ว") % {"label": VoteChoice(request.POST["choice"]).label}
            )
        return redirect("fundproposals:vote", pk=pk)
    ballot = selectors.ballot_for(request.user, pk)
    return render(request, "fundproposals/vote.html", _ballot_context(request.user, ballot, full=False))


def _entry_error(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


@require_http_methods(["GET", "POST"])
def ballot_record(request, pk):
    """The secretariat's sheet: a present member's vote (roll call, mixed) or the show-of-hands counts."""
    hands_form = HandCountForm(_data(request) if "hands" in request.POST else None)
    if request.method == "POST":
        # as for a member's vote: the services read and lock the ballot and check the recorder, so the
        # scoped read (404 for another province, 403 for anyone but the secretariat) runs on refusal only
        try:
            if "hands" in request.POST:
                if not hands_form.is_valid():
                    raise ValidationError(_("กรุณากรอกจำนวนเสียงเป็นตัวเลข"))
                saved = services.record_hand_count(actor=request.user, ballot_id=pk, counts=hands_form.cleaned_data)
                done = _("บันทึกจำนวนเสียงแล้ว")
            else:
                vote = services.record_vote(
                    actor=request.user,
                    ballot_id=pk,
                    member_id=request.POST.get("member"),
                    choice=request.POST.get("choice", ""),
                )
                done = _("บันทึกการลงมติของ %(full_name)s แล้ว") % {"full_name": vote.member.full_name}
                saved = vote
        except (ValidationError, PermissionDenied, Ballot.DoesNotExist) as exc:
            ballot = selectors.ballot_for(request.user, pk)
            require(is_vote_recorder(request.user, ballot))
            if request.htmx:
                ctx = _ballot_context(request.user, ballot) | {"error": _entry_error(exc), "hands_form": hands_form}
                return render(request, "fundproposals/partials/entry_sheet.html", ctx, status=409)
            messages.error(request, _entry_error(exc))
        else:
            if request.htmx:
                ctx = _ballot_context(request.user, saved.ballot) | {"done": done, "hands_form": HandCountForm()}
                return render(request, "fundproposals/partials/entry_sheet.html", ctx)
            messages.success(request, done)
            return redirect("fundproposals:record", pk=pk)
    ballot = selectors.ballot_for(request.user, pk)
    require(is_vote_recorder(request.user, ballot))
    ctx = _ballot_context(request.user, ballot)
    hands = ctx["hands"]
    if not hands_form.is_bound and hands:
        hands_form = HandCountForm(initial=hands.counts)
    return render(request, "fundproposals/entry.html", ctx | {"hands_form": hands_form})


@require_http_methods(["GET", "POST"])
def ballot_close(request, pk):
    """The chair's page: the count so far, quorum, who voted what and who is recused; close (casting vote on a tie)."""
    ballot = selectors.ballot_for(request.user, pk)
    # The subcommittee follows the count while the ballot is open; the chair (or the secretariat) closes it.
    require(can_see_votes(request.user, ballot))
    if request.method == "POST" and ballot.is_open:
        require(can_close_ballot(request.user, ballot))
    closing = request.method == "POST" and ballot.is_open
    # the count is shown, or needed to offer the casting vote of a tie; a plain close (no casting vote
    # given) goes straight to the service, which counts under the ballot's lock (issue #12's write budgets)
    ctx = None if closing and not request.POST.get("casting_vote") else _ballot_context(request.user, ballot)
    consensus = ballot.method == VoteMethod.CONSENSUS

    def close_form(data, leading):
        return CloseBallotForm(
            data,
            leading=leading,
            consensus=consensus,
            amount=bool(ballot.proposal_id),  # an agenda item's decision has no amount
            initial={"recommended_amount": ballot.proposal.requested_amount} if ballot.proposal_id else None,
        )

    tally = ctx["tally"] if ctx else None
    form = close_form(_data(request), tally.leading if tally and tally.is_tie else ())
    if closing and form.is_valid():
        try:
            services.close_ballot(
                actor=request.user,
                ballot_id=ballot.pk,
                casting_vote=form.cleaned_data.get("casting_vote") or "",
                recommended_amount=form.cleaned_data.get("recommended_amount"),
                consensus=form.cleaned_data.get("consensus") or "",
            )
        except services.CastingVoteNeeded as exc:
            form = close_form(request.POST, exc.tally.leading)
            form.is_valid()
            form.add_error("casting_vote", exc.messages)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("ปิดการลงมติแล้ว"))
            if ballot.proposal_id is None:
                return redirect("meetings:item", pk=ballot.agenda_item_id)
            return redirect("fundproposals:detail", pk=ballot.proposal_id)
    ctx = ctx or _ballot_context(request.user, ballot)
    return render(request, "fundproposals/close.html", ctx | {"form": form, "decisions": Decision})
