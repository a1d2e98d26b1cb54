"""Pages of fund proposals. Thin: read through selectors, write through services, flags from permissions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from committees.selectors import visible_provinces
from core.permissions import require
from core.thaidate import current_fiscal_year
from core.uploads import file_response
from fundproposals import selectors, services
from fundproposals.choices import CHECKLIST, AttachmentKind, Decision, ProposalState, VoteChoice
from fundproposals.forms import (
    SECTIONS,
    ActivityFormSet,
    AttachmentForm,
    BudgetLineFormSet,
    BudgetSection,
    ChecklistForm,
    CirculateForm,
    CloseBallotForm,
    ContentSection,
    ContractForm,
    FundDecisionForm,
    GeneralSection,
    ManagementSection,
    NewProposalForm,
    PhotoForm,
    ProposalFilter,
    ReasonForm,
    ReportForm,
    ReviewForm,
    TableForm,
)
from fundproposals.permissions import (
    can_add_photo,
    can_close_ballot,
    can_create_proposal,
    can_edit_proposal,
    can_fire,
    can_review_proposal,
    can_see_votes,
    can_step,
    proposable_province_ids,
)
from fundproposals.validation import money, submission_problems
from fundproposals.workflow import PROPOSAL_WORKFLOW, SIMPLE_TRANSITIONS
from meetings.permissions import can_view_meeting


def _data(request):
    """The POST data when posted (even empty), else None: an empty POST still binds the form."""
    return request.POST if request.method == "POST" else None


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


# --- list -----------------------------------------------------------------


@require_safe
def proposal_list(request):
    qs = selectors.proposal_list(request.user)
    data = request.GET.copy()
    flt = ProposalFilter(data or None, queryset=qs, provinces=visible_provinces(request.user))
    proposals = flt.qs if flt.is_bound else qs
    page = Paginator(proposals, 50).get_page(request.GET.get("page"))
    totals = selectors.totals_by_pillar(proposals)
    grand = proposals.order_by().aggregate(
        requested=Sum("requested_amount"), recommended=Sum("recommended_amount"), approved=Sum("fund_approved_amount")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "fundproposals/list.html",
        {
            "filter": flt,
            "page": page,
            "totals": totals,
            "grand": grand,
            "query": query.urlencode(),
            "can_create": bool(can_create_proposal(request.user)),
            "form_code": settings.FUND_FORM_CODE,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    require(can_create_proposal(request.user))
    ids = proposable_province_ids(request.user)
    form = NewProposalForm(_data(request), province_ids=ids, initial={"fiscal_year": current_fiscal_year() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "สร้างร่างโครงการแล้ว กรอกข้อมูลแต่ละหัวข้อและบันทึกร่างได้ตลอดเวลา")
            return redirect("fundproposals:edit", pk=proposal.pk, section="general")
    return render(request, "fundproposals/create.html", {"form": form, "form_code": settings.FUND_FORM_CODE})


# --- detail ---------------------------------------------------------------


def _actions(user, proposal) -> list[dict]:
    """Buttons for the workflow steps the user may take now (each goes to its own form)."""
    urls = {
        "accept": reverse("fundproposals:check", args=[proposal.pk]),
        "return": reverse("fundproposals:check", args=[proposal.pk]),
        "table": reverse("fundproposals:table", args=[proposal.pk]),
        "circulate": reverse("fundproposals:circulate", args=[proposal.pk]),
        "open_vote": reverse("fundproposals:open-ballot", args=[proposal.pk]),
        "fund_decision": reverse("fundproposals:fund-decision", args=[proposal.pk]),
        "contract": reverse("fundproposals:contract", args=[proposal.pk]),
        "report": reverse("fundproposals:report", args=[proposal.pk]),
    }
    out, seen = [], set()
    for t in PROPOSAL_WORKFLOW.transitions:
        if t.name in ("close_vote", "void_vote") or not can_step(user, proposal, t.name):
            continue
        if t.name in SIMPLE_TRANSITIONS:
            url = reverse("fundproposals:step", args=[proposal.pk, t.name])
        else:
            url = urls[t.name]
        label = "ตรวจความครบถ้วน" if t.name in ("accept", "return") else t.label
        if url in seen:
            continue
        seen.add(url)
        out.append({"name": t.name, "label": label, "url": url, "style": t.style})
    return out


def _timeline(proposal):
    labels = {f"transition:{t.name}": t.label for t in PROPOSAL_WORKFLOW.transitions}
    labels.update(
        {
            "proposal.create": "สร้างร่างโครงการ",
            "proposal.update": "แก้ไขข้อมูลโครงการ",
            "proposal.attach": "แนบเอกสาร",
            "proposal.review": "อนุกรรมการให้ความเห็น",
            "ballot.open": "เปิดการลงมติ",
            "ballot.vote": "ลงมติ",
        }
    )
    rows = []
    for e in selectors.timeline(proposal):
        if e.action == "ballot.vote":
            continue  # who voted what is shown with the ballot, to the subcommittee only
        state = e.changes.get("state")
        rows.append(
            {
                "at": e.at,
                "actor": e.actor,
                "label": labels.get(e.action, e.action),
                "reason": e.reason,
                "to": ProposalState(state[1]).label if state and state[1] in ProposalState.values else "",
            }
        )
    return rows


@require_safe
def proposal_detail(request, pk):
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    user = request.user
    seat = selectors.member_seat(user, proposal.province_id)
    see_votes = bool(can_see_votes(user, proposal))
    ballots = selectors.ballots_of(proposal)
    lines_total = sum((b.amount for b in proposal.budget_lines.all()), Decimal("0.00"))
    activities_total = sum((a.cost for a in proposal.activities.all()), Decimal("0.00"))
    editable = bool(can_edit_proposal(user, proposal))
    own_review = selectors.review_of(proposal, seat)
    return render(
        request,
        "fundproposals/detail.html",
        {
            "p": proposal,
            "form_code": settings.FUND_FORM_CODE,
            "sections": SECTIONS,
            "editable": editable,
            "problems": submission_problems(proposal) if editable else [],
            "actions": _actions(user, proposal),
            "lines_total": lines_total,
            "lines_total_words": money(lines_total),
            "activities_total": activities_total,
            "requested_words": money(proposal.requested_amount) if proposal.requested_amount is not None else "",
            "documents": [a for a in proposal.attachments.all() if a.kind == AttachmentKind.DOCUMENT],
            "photos": [a for a in proposal.attachments.all() if a.kind == AttachmentKind.PHOTO],
            "see_reviews": see_votes or user.access.is_national,
            "reviews": proposal.reviews.all(),
            "can_review": bool(can_review_proposal(user, proposal, seat)) and own_review is None,
            "own_review": own_review,
            "ballots": ballots,
            "see_votes": see_votes,
            "can_open_meeting": bool(proposal.agenda_item and can_view_meeting(user, proposal.agenda_item.meeting)),
            "can_add_photo": bool(can_add_photo(user, proposal)),
            "timeline": _timeline(proposal),
            "revision_count": proposal.revision,
            "checklist": [(label, proposal.checklist.get(key)) for key, label in CHECKLIST]
            if proposal.checklist
            else [],
        },
    )


# --- the form in sections ---------------------------------------------------


def _section_forms(request, proposal, section):
    data = request.POST if request.method == "POST" else None
    if section == "general":
        previous = (
            selectors.visible_proposals(request.user)
            .filter(province=proposal.province, code__isnull=False)
            .exclude(pk=proposal.pk)
        )
        return {"form": GeneralSection(data, instance=proposal, previous_choices=previous)}
    if section == "content":
        return {"form": ContentSection(data, instance=proposal, province_code=proposal.province.code)}
    if section == "budget":
        initial = [{"item": b.item, "amount": b.amount} for b in proposal.budget_lines.all()]
        return {
            "form": BudgetSection(data, instance=proposal),
            "formset": BudgetLineFormSet(data, initial=initial, prefix="lines"),
        }
    if section == "activities":
        initial = [{"name": a.name, "period": a.period, "cost": a.cost} for a in proposal.activities.all()]
        return {"formset": ActivityFormSet(data, initial=initial, prefix="acts")}
    if section == "management":
        return {"form": ManagementSection(data, instance=proposal)}
    if section == "attachments":
        return {"form": AttachmentForm(data, request.FILES if data is not None else None)}
    raise Http404


def _save_section(request, proposal, section, forms) -> None:
    form, formset = forms.get("form"), forms.get("formset")
    kwargs = {}
    if section == "attachments":
        f = form.cleaned_data["file"]
        services.add_attachment(actor=request.user, proposal=proposal, upload=f, info=f.upload_info)
        return
    if form is not None:
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.FORM_FIELDS}
        kwargs["fields"] = fields
        if section == "content":
            kwargs["pillars"] = form.cleaned_data["pillars"]
    if formset is not None:
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if section == "budget":
            kwargs["budget_lines"] = [
                {"item": r["item"], "amount": r["amount"]}
                for r in rows
                if r.get("item") and r.get("amount") is not None
            ]
        else:
            kwargs["activities"] = [
                {"name": r["name"], "period": r.get("period", ""), "cost": r.get("cost") or 0}
                for r in rows
                if r.get("name")
            ]
    services.update_proposal(actor=request.user, proposal=proposal, **kwargs)


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk, section):
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    require(can_edit_proposal(request.user, proposal))
    names = [s for s, _ in SECTIONS]
    if section not in names:
        raise Http404
    forms = _section_forms(request, proposal, section)
    if request.method == "POST":
        valid = all(f.is_valid() for f in forms.values())
        if valid:
            try:
                _save_section(request, proposal, section, forms)
            except ValidationError as exc:
                target = forms.get("form") or forms.get("formset")
                if hasattr(target, "add_error"):
                    _form_error(target, exc)
                else:
                    messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "บันทึกร่างแล้ว")
                nxt = names.index(section) + 1
                if "next" in request.POST and nxt < len(names):
                    return redirect("fundproposals:edit", pk=pk, section=names[nxt])
                return redirect("fundproposals:edit", pk=pk, section=section)
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    lines_total = sum((b.amount for b in proposal.budget_lines.all()), Decimal("0.00"))
    expected = (proposal.requested_amount or Decimal(0)) + (proposal.cofunding_amount or Decimal(0))
    return render(
        request,
        "fundproposals/edit.html",
        {
            "p": proposal,
            "section": section,
            "sections": SECTIONS,
            "section_label": dict(SECTIONS)[section],
            "is_last": section == names[-1],
            "form_code": settings.FUND_FORM_CODE,
            "lines_total": money(lines_total),
            "expected_total": money(expected),
            "budget_matches": lines_total == expected,
            "ceiling": money(Decimal(settings.FUND_BUDGET_CEILING)),
            "documents": list(proposal.attachments.all()),
            "problems": submission_problems(proposal),
            "submit_url": reverse(
                "fundproposals:step", args=[proposal.pk, "resubmit" if proposal.state == "returned" else "submit"]
            ),
            **forms,
        },
    )


@require_safe
def attachment_download(request, pk, file_pk):
    attachment = selectors.attachment_for(request.user, pk, file_pk)
    return file_response(attachment)


# --- workflow steps ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_step(request, pk, name):
    """Steps that need nothing but a confirmation (and sometimes a reason)."""
    if name not in SIMPLE_TRANSITIONS:
        raise Http404
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, name))
    t = PROPOSAL_WORKFLOW.get(name)
    form = ReasonForm(_data(request), required=t.needs_reason)
    problems = submission_problems(proposal) if name in ("submit", "resubmit") else []
    if request.method == "POST" and form.is_valid():
        try:
            services.fire_simple(actor=request.user, proposal=proposal, name=name, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            done = {
                "submit": "ยื่นโครงการแล้ว ฝ่ายเลขานุการได้รับเรื่องแล้ว",
                "resubmit": "ยื่นโครงการที่ปรับปรุงแล้ว",
            }
            messages.success(request, done.get(name, f"{t.label}แล้ว"))
            return redirect("fundproposals:detail", pk=pk)
    return render(
        request,
        "fundproposals/step.html",
        {"p": proposal, "t": t, "form": form, "problems": problems, "form_code": settings.FUND_FORM_CODE},
    )


@require_http_methods(["GET", "POST"])
def proposal_check(request, pk):
    """The secretariat's completeness check: send to member review, or return with reasons."""
    proposal = selectors.proposal_for(request.user, pk, detail=True)
    require(can_step(request.user, proposal, "accept"))
    form = ChecklistForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            if "return" in request.POST:
                note = form.cleaned_data["note"].strip()
                if not note:
                    raise ValidationError({"note": "กรุณาระบุเหตุผลที่ส่งกลับให้ปรับปรุง"})
                missing = [label for key, label in CHECKLIST if not form.checklist()[key]]
                reason = note + (" (ยังขาด: " + ", ".join(missing) + ")" if missing else "")
                services.return_for_revision(actor=request.user, proposal=proposal, reason=reason)
                messages.success(request, "ส่งกลับให้ผู้เสนอปรับปรุงแล้ว")
            else:
                services.accept(
                    actor=request.user, proposal=proposal, checklist=form.checklist(), note=form.cleaned_data["note"]
                )
                messages.success(request, "ส่งให้อนุกรรมการพิจารณาแล้ว")
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            return redirect("fundproposals:detail", pk=pk)
    return render(
        request, "fundproposals/check.html", {"p": proposal, "form": form, "problems": submission_problems(proposal)}
    )


@require_safe
def revisions(request, pk):
    """Every submitted version; one compared with the one before it."""
    proposal = selectors.proposal_for(request.user, pk)
    revs = list(selectors.revisions(proposal))
    if not revs:
        return render(request, "fundproposals/revisions.html", {"p": proposal, "revs": [], "rows": []})
    try:
        n = int(request.GET.get("n") or revs[-1].number)
    except ValueError:
        raise Http404 from None
    by = {r.number: r for r in revs}
    if n not in by:
        raise Http404
    current, previous = by[n], by.get(n - 1)
    rows = _compare(previous.data if previous else {}, current.data)
    return render(
        request,
        "fundproposals/revisions.html",
        {"p": proposal, "revs": revs, "current": current, "previous": previous, "rows": rows},
    )


def _compare(before: dict, after: dict) -> list[dict]:
    from django.core.exceptions import FieldDoesNotExist

    from fundproposals.models import Proposal as P

    labels = {f.name: str(f.verbose_name) for f in P._meta.fields}
    labels.update(
        {"pillars": "ด้านยุทธศาสตร์", "activities": "กิจกรรม", "budget_lines": "รายการงบประมาณ", "attachments": "เอกสารแนบ"}
    )
    rows = []
    for key in after:
        try:
            field = P._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        b, a = before.get(key), after.get(key)
        rows.append(
            {
                "label": labels.get(key, key),
                "before": _plain(field, key, b),
                "after": _plain(field, key, a),
                "changed": b != a and bool(before),
            }
        )
    return rows


def _plain(field, key: str, value) -> str:
    """A snapshot value as a person reads it: Thai labels for codes, BE dates."""
    from core.audit import display_value
    from core.pillars import Pillar

    if value is None or value == "":
        return ""
    if key == "pillars" and isinstance(value, list):
        return ", ".join(str(Pillar(v).label) if v in Pillar.values else str(v) for v in value)
    if isinstance(value, list):
        return "\n".join(
            " · ".join(display_value(None, v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    return display_value(field, value)


@require_http_methods(["GET", "POST"])
def review_create(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    seat = selectors.member_seat(request.user, proposal.province_id)
    require(can_review_proposal(request.user, proposal, seat))
    form = ReviewForm(_data(request), initial={"recommended_amount": proposal.requested_amount})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_review(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "บันทึกความเห็นแล้ว")
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/review.html", {"p": proposal, "form": form, "seat": seat})


@require_http_methods(["GET", "POST"])
def proposal_table(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, "table"))
    from meetings.models import Meeting

    meetings = (
        Meeting.objects.filter(subcommittee__province_id=proposal.province_id, state__in=("scheduled", "held"))
        .select_related("subcommittee")
        .order_by("starts_at")
    )
    form = TableForm(_data(request), meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            services.table(actor=request.user, proposal=proposal, meeting=form.cleaned_data["meeting"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or [str(exc)])
        else:
            messages.success(request, "บรรจุโครงการในระเบียบวาระที่ 5 เรื่องเพื่อพิจารณาแล้ว")
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
            messages.success(request, "เปิดการเวียนมติแล้ว")
            return redirect("fundproposals:vote", pk=ballot.pk)
    return render(request, "fundproposals/circulate.html", {"p": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def ballot_open(request, pk):
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, "open_vote"))
    verdict = can_fire(request.user, proposal, "open_vote")
    if request.method == "POST":
        try:
            ballot = services.open_meeting_ballot(actor=request.user, proposal=proposal)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "เปิดการลงมติแล้ว อนุกรรมการที่อยู่ในที่ประชุมลงมติได้ทันที")
            return redirect("fundproposals:close", pk=ballot.pk)
    return render(request, "fundproposals/ballot_open.html", {"p": proposal, "verdict": verdict})


VOTE_STYLES = {
    VoteChoice.APPROVE: "btn-success",
    VoteChoice.IN_PRINCIPLE: "btn-outline-success",
    VoteChoice.MORE_INFO: "btn-warning",
    VoteChoice.REJECT: "btn-danger",
    VoteChoice.ABSTAIN: "btn-secondary",
}


def _ballot_context(user, ballot):
    tally, q, electorate = services.preview(ballot)
    seat = selectors.member_seat(user, ballot.proposal.province_id)
    my_vote = next((v for v in ballot.votes.all() if seat and v.member_id == seat.pk), None)
    problem = None
    if ballot.is_open:
        problem = services.eligibility_problem(user, ballot, seat, electorate)
    see_votes = bool(can_see_votes(user, ballot.proposal))
    return {
        "ballot": ballot,
        "p": ballot.proposal,
        "tally": tally,
        "quorum": q,
        "eligible_count": len(electorate.eligible),
        "voted_count": len([v for v in ballot.votes.all() if v.member_id in electorate.eligible]),
        "my_vote": my_vote,
        "can_vote": ballot.is_open and problem is None and not ballot.deadline_passed,
        "vote_problem": problem,
        "choices": [(value, label, VOTE_STYLES[value]) for value, label in VoteChoice.choices],
        "see_votes": see_votes,
        "votes": list(ballot.votes.all()) if see_votes else [],
        "can_close": bool(can_close_ballot(user, ballot)),
    }


@require_http_methods(["GET", "POST"])
def ballot_vote(request, pk):
    """The phone-sized voting page: big buttons, the member's current vote, the count so far."""
    ballot = selectors.ballot_for(request.user, pk)
    if request.method == "POST":
        try:
            services.cast_vote(actor=request.user, ballot_id=ballot.pk, choice=request.POST.get("choice", ""))
        except (ValidationError, PermissionDenied) as exc:
            msg = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            if request.htmx:
                ballot = selectors.ballot_for(request.user, pk)
                ctx = _ballot_context(request.user, ballot) | {"error": msg}
                return render(request, "fundproposals/partials/vote_panel.html", ctx, status=409)
            messages.error(request, msg)
        else:
            messages.success(request, f"บันทึกการลงมติ “{VoteChoice(request.POST['choice']).label}” แล้ว")
        if request.htmx:
            ballot = selectors.ballot_for(request.user, pk)
            return render(request, "fundproposals/partials/vote_panel.html", _ballot_context(request.user, ballot))
        return redirect("fundproposals:vote", pk=pk)
    return render(request, "fundproposals/vote.html", _ballot_context(request.user, ballot))


@require_http_methods(["GET", "POST"])
def ballot_close(request, pk):
    """The chair's page: the count so far, quorum, who voted what; close (asking for a casting vote on a tie)."""
    ballot = selectors.ballot_for(request.user, pk)
    # The subcommittee follows the count while the ballot is open; only the chair closes it.
    require(can_see_votes(request.user, ballot.proposal))
    if request.method == "POST" and ballot.is_open:
        require(can_close_ballot(request.user, ballot))
    ctx = _ballot_context(request.user, ballot)
    tally = ctx["tally"]
    form = CloseBallotForm(
        _data(request),
        leading=tally.leading if tally.is_tie else (),
        initial={"recommended_amount": ballot.proposal.requested_amount},
    )
    if request.method == "POST" and ballot.is_open and form.is_valid():
        try:
            services.close_ballot(
                actor=request.user,
                ballot_id=ballot.pk,
                casting_vote=form.cleaned_data.get("casting_vote") or "",
                recommended_amount=form.cleaned_data.get("recommended_amount"),
            )
        except services.CastingVoteNeeded as exc:
            form = CloseBallotForm(
                request.POST,
                leading=exc.tally.leading,
                initial={"recommended_amount": ballot.proposal.requested_amount},
            )
            form.is_valid()
            form.add_error("casting_vote", exc.messages)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "ปิดการลงมติแล้ว")
            return redirect("fundproposals:detail", pk=ballot.proposal_id)
    return render(request, "fundproposals/close.html", ctx | {"form": form, "decisions": Decision})


def _record_step(request, pk, *, step, form_class, initial, service, done, title):
    """The fund's decision, the contract and the results report: one form, one service, back to the proposal."""
    proposal = selectors.proposal_for(request.user, pk)
    require(can_step(request.user, proposal, step))
    form = form_class(_data(request), initial=initial(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/record.html", {"p": proposal, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
def fund_decision(request, pk):
    return _record_step(
        request,
        pk,
        step="fund_decision",
        form_class=FundDecisionForm,
        initial=lambda p: {"approved_amount": p.recommended_amount},
        service=services.record_fund_decision,
        done="บันทึกผลการพิจารณาของกองทุนแล้ว",
        title="ผลการพิจารณาของกองทุน",
    )


@require_http_methods(["GET", "POST"])
def contract(request, pk):
    return _record_step(
        request,
        pk,
        step="contract",
        form_class=ContractForm,
        initial=lambda p: {"amount": p.fund_approved_amount},
        service=services.record_contract,
        done="บันทึกสัญญาแล้ว",
        title="บันทึกสัญญา",
    )


@require_http_methods(["GET", "POST"])
def report(request, pk):
    return _record_step(
        request,
        pk,
        step="report",
        form_class=ReportForm,
        initial=lambda p: {"received": p.contract_amount},
        service=services.record_report,
        done="บันทึกรายงานผลการดำเนินโครงการแล้ว",
        title="รายงานผลการดำเนินโครงการ",
    )


@require_http_methods(["GET", "POST"])
def photo_upload(request, pk):
    """Results photos (jpg/png), added once the contract is signed."""
    proposal = selectors.proposal_for(request.user, pk)
    require(can_add_photo(request.user, proposal))
    form = PhotoForm(_data(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            services.add_attachment(actor=request.user, proposal=proposal, upload=f, info=f.upload_info, kind="photo")
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "แนบภาพผลการดำเนินงานแล้ว")
            return redirect("fundproposals:detail", pk=pk)
    return render(request, "fundproposals/record.html", {"p": proposal, "form": form, "title": "แนบภาพผลการดำเนินงาน"})
