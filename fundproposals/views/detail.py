"""The proposal page: drawn once per version of what it shows, per reader's flags and language."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import cache
from core.audit_words import action_words
from fundproposals import selectors
from fundproposals.choices import CHECKLIST, AttachmentKind, ProposalState
from fundproposals.permissions import (
    can_add_photo,
    can_edit_proposal,
    can_review_proposal,
    can_see_votes,
    can_step,
)
from fundproposals.selectors.page import flags_key
from fundproposals.validation import money, submission_problems
from fundproposals.workflow import PROPOSAL_WORKFLOW, SIMPLE_TRANSITIONS
from meetings.permissions import can_view_meeting

# --- detail ---------------------------------------------------------------


# Where each workflow step's button leads (the steps in SIMPLE_TRANSITIONS share one form).
_STEP_FORMS = {
    "accept": "fundproposals:check",
    "return": "fundproposals:check",
    "table": "fundproposals:table",
    "circulate": "fundproposals:circulate",
    "open_vote": "fundproposals:open-ballot",
    "fund_decision": "fundproposals:fund-decision",
    "contract": "fundproposals:contract",
    "report": "fundproposals:report",
}


def _steps(user, proposal) -> list:
    """The workflow steps the user may take now, one per form (accept and return share one)."""
    out, seen = [], set()
    for t in PROPOSAL_WORKFLOW.transitions:
        if t.name in ("close_vote", "void_vote") or not can_step(user, proposal, t.name):
            continue
        form = f"step:{t.name}" if t.name in SIMPLE_TRANSITIONS else _STEP_FORMS[t.name]
        if form in seen:
            continue
        seen.add(form)
        out.append(t)
    return out


def _actions(proposal, steps) -> list[dict]:
    """Buttons for ``steps`` (each goes to its own form)."""
    out = []
    for t in steps:
        if t.name in SIMPLE_TRANSITIONS:
            url = reverse("fundproposals:step", args=[proposal.pk, t.name])
        else:
            url = reverse(_STEP_FORMS[t.name], args=[proposal.pk])
        label = _("ตรวจความครบถ้วน") if t.name in ("accept", "return") else t.label
        out.append({"name": t.name, "label": label, "url": url, "style": t.style})
    return out


def _timeline(proposal):
    labels = {f"transition:{t.name}": t.label for t in PROPOSAL_WORKFLOW.transitions}
    labels.update(
        {
            "proposal.create": _("สร้างร่างโครงการ"),
            "proposal.update": _("แก้ไขข้อมูลโครงการ"),
            "proposal.attach": _("แนบเอกสาร"),
            "proposal.review": _("อนุกรรมการให้ความเห็น"),
            "ballot.open": _("เปิดการลงมติ"),
            "ballot.vote": _("ลงมติ"),
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
                "label": labels.get(e.action) or action_words(e.action, "proposal"),
                "reason": e.reason,
                "to": ProposalState(state[1]).label if state and state[1] in ProposalState.values else "",
            }
        )
    return rows


def _reader_flags(user, head) -> tuple[dict, list]:
    """What the reader may see and do on the page, decided on the head alone (no other query), and
    the workflow steps open to them."""
    p = head.proposal
    seat = selectors.member_seat(user, p.province_id)
    see_votes = bool(can_see_votes(user, p))
    steps = _steps(user, p)
    # the meeting as its permission reads it (its province), known from the head
    meeting = SimpleNamespace(subcommittee=SimpleNamespace(province_id=head.meeting_province_id))
    flags = {
        "editable": bool(can_edit_proposal(user, p)),
        "steps": ",".join(t.name for t in steps),
        "see_votes": see_votes,
        "see_reviews": see_votes or user.access.is_national,
        # a member who has written their review sees it, not the button
        "can_review": bool(can_review_proposal(user, p, seat)) and seat.pk not in head.reviewer_ids,
        "can_open_meeting": bool(p.agenda_item_id and can_view_meeting(user, meeting)),
        "can_add_photo": bool(can_add_photo(user, p)),
    }
    return flags, steps


def _draw(template_name: str, context: dict) -> str:
    """A part of the page without its file's final newline (the page's own layout around it)."""
    return render_to_string(template_name, context).removesuffix("\n")


def _body(user, pk, flags: dict, steps: list) -> dict:
    """The page's body but the ballot cards and the report button (which carries a CSRF token), for
    ``flags``: drawn without the request, so nothing of one reader's request can reach another's page."""
    proposal = selectors.proposal_for(user, pk, detail=True)
    lines_total = sum((b.amount for b in proposal.budget_lines.all()), Decimal("0.00"))
    activities_total = sum((a.cost for a in proposal.activities.all()), Decimal("0.00"))
    context = {
        **flags,
        "p": proposal,
        "form_code": _(settings.FUND_FORM_CODE),
        "problems": submission_problems(proposal) if flags["editable"] else [],
        "actions": _actions(proposal, steps),
        "lines_total": lines_total,
        "lines_total_words": money(lines_total),
        "activities_total": activities_total,
        "requested_words": money(proposal.requested_amount) if proposal.requested_amount is not None else "",
        "documents": [a for a in proposal.attachments.all() if a.kind == AttachmentKind.DOCUMENT],
        "photos": [a for a in proposal.attachments.all() if a.kind == AttachmentKind.PHOTO],
        "reviews": proposal.reviews.all(),
        "timeline": _timeline(proposal),
        "revision_count": proposal.revision,
        "checklist": [(label, proposal.checklist.get(key)) for key, label in CHECKLIST] if proposal.checklist else [],
    }
    return {
        "top": mark_safe(_draw("fundproposals/partials/detail_top.html", context)),  # noqa: S308 - our template
        "main": mark_safe(_draw("fundproposals/partials/detail_main.html", context)),  # noqa: S308 - our template
        "end": mark_safe(_draw("fundproposals/partials/detail_end.html", context)),  # noqa: S308 - our template
    }


def _ballot_cards(head, see_votes: bool) -> str:
    """The proposal's ballot cards (who voted what only for ``see_votes``), newest first."""
    if head.ballots_version == "none":
        return ""  # no ballot: nothing to read
    ballots = selectors.ballots_of(head.proposal, votes=see_votes)
    context = {"ballots": ballots, "see_votes": see_votes}
    return mark_safe(_draw("fundproposals/partials/detail_ballots.html", context))  # noqa: S308 - our template


@require_safe
def proposal_detail(request, pk):
    user = request.user
    # one query: may the user see it, what their buttons are decided on, and the versions of all it shows
    head = selectors.proposal_head(user, pk)
    flags, steps = _reader_flags(user, head)
    see_votes = flags["see_votes"]
    if head.version:
        # Each part drawn once per version of what it shows and per language (read before the data it
        # is drawn from); the body per set of the reader's flags, the ballot cards per whether the
        # reader sees who voted what (only then do the votes count). Both read in one cache call.
        lang = get_language()
        body_key = f"proposal-page:{pk}:{head.version}:{flags_key(flags)}:{lang}"
        votes = head.votes_version if see_votes else "-"
        ballots_key = f"proposal-ballots:{pk}:{head.ballots_version}:{votes}:{lang}"
        cache.fetch_many([body_key, ballots_key])
        body = cache.remember(body_key, lambda: _body(user, pk, flags, steps), timeout=3600)
        ballots = cache.remember(ballots_key, lambda: _ballot_cards(head, see_votes), timeout=3600)
    else:
        body, ballots = _body(user, pk, flags, steps), _ballot_cards(head, see_votes)
    return render(
        request,
        "fundproposals/detail.html",
        {"p": head.proposal, "body": body, "ballots": ballots, "see_votes": see_votes, "editable": flags["editable"]},
    )
