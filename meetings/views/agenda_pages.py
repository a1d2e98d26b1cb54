"""The agenda page, one agenda item's page (resolution, conflicts, papers, its ballot) and paper downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from committees.models import Member
from core.permissions import require
from core.uploads import file_response
from meetings import permissions as perms
from meetings import selectors, services
from meetings.choices import MeetingState, SectionType
from meetings.forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    ConflictForm,
    PaperForm,
    ResolutionForm,
)
from meetings.models import Meeting
from meetings.views.common import form_errors


def _circulated_to_report(meeting):
    from fundproposals.selectors import circulated_to_report

    return circulated_to_report(meeting)


@require_http_methods(["GET", "POST"])
def agenda(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    can_edit = bool(perms.can_edit_agenda(request.user, meeting))
    form = AgendaItemForm(
        request.POST if request.POST.get("action") == "add" else None,
        initial={"section_type": SectionType.FOR_CONSIDERATION},
    )
    if request.method == "POST":
        require(perms.can_edit_agenda(request.user, meeting))
        try:
            if request.POST.get("action") == "swap":
                services.swap_sections(actor=request.user, meeting=meeting)
                messages.success(request, _("สลับระเบียบวาระที่ 3 และ 4 แล้ว"))
                return redirect("meetings:agenda", pk=meeting.pk)
            if request.POST.get("action") == "report_circulated":
                from fundproposals.services import report_circulated

                try:
                    ballot_id = int(request.POST.get("ballot", ""))
                except ValueError:
                    raise Http404 from None
                item = report_circulated(actor=request.user, ballot_id=ballot_id, meeting=meeting)
                messages.success(request, _("เพิ่มผลการเวียนมติเป็นระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:agenda", pk=meeting.pk)
            if form.is_valid():
                item = services.add_agenda_item(actor=request.user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("เพิ่มระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:agenda", pk=meeting.pk)
        except ValidationError as exc:
            if request.POST.get("action") in ("swap", "report_circulated"):
                messages.error(request, exc.messages[0])
                return redirect("meetings:agenda", pk=meeting.pk)
            form_errors(form, exc)
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "sections": selectors.agenda(meeting),
            "form": form,
            "can_edit_agenda": can_edit,
            "circulated": _circulated_to_report(meeting) if can_edit else [],
        },
    )


@require_http_methods(["GET", "POST"])
def item_detail(request, pk):
    # at most 10 queries whatever the number of members, papers, conflicts, wordings and votes (issue #12):
    # the item with its resolution and whether the minutes are adopted; the members with who is present (the
    # quorum and the conflict form share them); the proposals and ballots (the links and the decision card)
    item = selectors.item_for(request.user, pk, page=True)
    meeting = item.meeting
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    res = item.resolution if selectors.has_resolution(item) else None
    members = selectors.current_members_present(meeting)
    res_form = ResolutionForm(
        request.POST if action == "resolution" else None,
        initial={"discussion": res.discussion, "outcome": res.outcome, "text": res.text} if res else None,
    )
    is_manager = bool(perms.can_manage_meeting(user, meeting))
    if is_manager:  # any member sitting on the meeting's date
        conflict_members = members
    else:  # the user's own current seat
        seat_id = user.access.seat_ids.get(meeting.subcommittee.province_id)
        conflict_members = [m for m in members if m.pk == seat_id and m.user_id == user.pk]
        if seat_id is not None and not conflict_members:  # seated today, not on the meeting's date
            conflict_members = list(Member.objects.current().filter(subcommittee_id=meeting.subcommittee_id, user=user))
    coi_form = ConflictForm(request.POST if action == "conflict" else None, members=conflict_members)
    paper_form = PaperForm(request.POST if action == "paper" else None, request.FILES if action == "paper" else None)
    if action:
        try:
            if action == "resolution" and res_form.is_valid():
                services.record_resolution(actor=user, agenda_item=item, **res_form.cleaned_data)
                messages.success(request, _("บันทึกมติระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:item", pk=item.pk)
            if action == "conflict" and coi_form.is_valid():
                services.declare_conflict(actor=user, agenda_item=item, **coi_form.cleaned_data)
                messages.success(request, _("บันทึกการมีส่วนได้เสียแล้ว"))
                return redirect("meetings:item", pk=item.pk)
            if action == "open_ballot":  # the room decides the item (a plan, a report, any section 5/6 item)
                from fundproposals.services.agenda_items import open_item_ballot

                ballot = open_item_ballot(actor=user, agenda_item=item, method=request.POST.get("method", ""))
                messages.success(request, _("เปิดการลงมติแล้ว (%(method)s)") % {"method": ballot.get_method_display()})
                return redirect(_after_opening(user, ballot))
            if action == "withdraw":
                services.withdraw_agenda_item(actor=user, item=item, reason=request.POST.get("reason", ""))
                messages.success(request, _("ถอนระเบียบวาระแล้ว เรื่องที่เหลือเลื่อนลำดับขึ้นมา"))
                return redirect("meetings:item", pk=item.pk)
            if action == "remove_paper":
                paper = item.papers.filter(pk=request.POST.get("paper") or 0).first()
                if paper is None:
                    raise Http404
                services.remove_paper(actor=user, paper=paper)
                messages.success(request, _("นำเอกสาร %(display_name)s ออกแล้ว") % {"display_name": paper.display_name})
                return redirect("meetings:item", pk=item.pk)
            if action == "paper" and paper_form.is_valid():
                services.add_paper(actor=user, agenda_item=item, file=paper_form.cleaned_data["file"])
                messages.success(request, _("แนบเอกสารแล้ว"))
                return redirect("meetings:item", pk=item.pk)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            if action in ("withdraw", "remove_paper", "open_ballot"):
                messages.error(request, " ".join(exc.messages))
            else:
                target = {"resolution": res_form, "conflict": coi_form, "paper": paper_form}.get(action, res_form)
                form_errors(target, exc)
    hangers = selectors.item_hangers(item)
    conflicts = list(item.conflicts.select_related("member"))
    previous = Meeting.objects.filter(subcommittee_id=meeting.subcommittee_id, starts_at__lt=meeting.starts_at).exclude(
        state="cancelled"
    )
    edit_form = AgendaItemEditForm(
        request.POST if action == "edit" else None,
        item=item,
        previous=previous,
        initial={
            "title": item.title,
            "description": item.description,
            "presenter": item.presenter,
            "minutes_to_adopt": item.minutes_to_adopt_id,
        },
    )
    if action == "edit":
        require(perms.can_edit_agenda(user, meeting))
        if edit_form.is_valid():
            try:
                services.update_agenda_item(actor=user, item=item, **edit_form.cleaned_data)
            except ValidationError as exc:
                form_errors(edit_form, exc)
            else:
                messages.success(request, _("บันทึกระเบียบวาระแล้ว"))
                return redirect("meetings:item", pk=item.pk)
    return render(
        request,
        "meetings/item_detail.html",
        {
            "meeting": meeting,
            "item": item,
            "resolution": res,
            "resolution_is_draft": bool(res)
            and not (meeting.state == MeetingState.ADOPTED or item.minutes_are_adopted),
            "wordings": list(res.wordings.select_related("changed_by")) if res else [],
            "links": selectors.item_links(user, item, hangers=hangers),
            "papers": [p for p in item.papers.all() if not p.removed_at],
            "conflicts": conflicts,
            "quorum": selectors.item_quorum(item, members=members, recused={c.member_id for c in conflicts}),
            "res_form": res_form,
            "coi_form": coi_form,
            "paper_form": paper_form,
            "edit_form": edit_form,
            "can_edit_agenda": bool(perms.can_edit_agenda(user, meeting)),
            "can_withdraw": bool(perms.can_withdraw_agenda_item(user, item)),
            "decision": _item_decision(user, item, hangers),
            "can_resolve": bool(perms.can_record_resolution(user, meeting)),
            "can_declare": bool(perms.can_declare_conflict(user, meeting)) and bool(conflict_members),
        },
    )


def _item_decision(user, item, hangers=None):
    """How the room decides this item (fundproposals owns ballots): flags and the methods to choose from."""
    from fundproposals.choices import VoteMethod
    from fundproposals.selectors import item_decision

    decision = item_decision(user, item, hangers=hangers)
    if decision is not None:
        decision.methods = VoteMethod.choices
    return decision


def _after_opening(user, ballot) -> str:
    """The secretariat goes to the entry sheet when it enters the votes; otherwise to the count and the close."""
    from fundproposals.permissions import can_record_votes

    name = "fundproposals:record" if can_record_votes(user, ballot) else "fundproposals:close"
    return reverse(name, args=[ballot.pk])


@require_safe
def paper_download(request, pk):
    paper = selectors.paper_for(request.user, pk)
    return file_response(paper)
